package dev.arbiter.recording;

import dev.arbiter.decision.DecisionService;
import dev.arbiter.decision.StoredDecision;
import dev.arbiter.decision.Submission;
import dev.arbiter.hashing.CanonicalJson;
import dev.arbiter.personaldata.PersonalDataCipher;
import dev.arbiter.personaldata.PersonalDataView;
import dev.arbiter.security.Caller;
import dev.arbiter.security.Role;
import dev.arbiter.web.DecisionNotFoundException;
import dev.arbiter.web.LogContext;
import dev.arbiter.web.ParameterText;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.validation.Valid;
import java.net.URI;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.ObjectMapper;

@RestController
@RequestMapping(path = "/v1/decisions", produces = MediaType.APPLICATION_JSON_VALUE)
public class DecisionController {

    /** Marks an answer that returns a decision stored by an earlier, identical request. */
    public static final String REPLAYED_HEADER = "Idempotent-Replayed";

    private static final Logger log = LoggerFactory.getLogger(DecisionController.class);

    private final DecisionService decisions;
    private final ObjectMapper json;
    private final PersonalDataCipher personalData;
    private final JdbcDecisionEvents events;
    private final DecisionMetrics metrics;

    DecisionController(
            DecisionService decisions,
            ObjectMapper json,
            PersonalDataCipher personalData,
            JdbcDecisionEvents events,
            MeterRegistry meters) {
        this.decisions = decisions;
        this.metrics = new DecisionMetrics(meters);
        this.json = json;
        this.personalData = personalData;
        this.events = events;
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<DecisionResponse> decide(@Valid @RequestBody DecisionRequest request, Caller caller) {
        MDC.put(LogContext.APPLICATION_ID, ParameterText.printable(String.valueOf(request.applicationId())));
        var submission = new Submission(
                request.toApplication(),
                request.monitoring(),
                fingerprint(request),
                caller.clientId(),
                request.personalData());
        var result = metrics.timed(() -> decisions.decide(submission));
        var decision = result.stored().decision();
        MDC.put(LogContext.DECISION_ID, decision.id().toString());
        log.info(
                "{} {} under ruleset {}",
                result.created() ? "decided" : "replayed",
                decision.outcome(),
                decision.rulesetVersion());
        return ResponseEntity.status(result.created() ? HttpStatus.CREATED : HttpStatus.OK)
                .location(URI.create("/v1/decisions/" + decision.id()))
                .header(REPLAYED_HEADER, Boolean.toString(!result.created()))
                .body(view(result.stored(), caller));
    }

    @GetMapping("/{id}")
    DecisionResponse find(@PathVariable UUID id, Caller caller) {
        MDC.put(LogContext.DECISION_ID, id.toString());
        return decisions
                .find(id)
                .filter(stored -> caller.role() != Role.ORIGINATOR
                        || caller.clientId().equals(stored.submission().clientId()))
                .map(stored -> DecisionViews.of(stored, events.of(id)).withPii(piiView(stored, caller)))
                .orElseThrow(() -> new DecisionNotFoundException(id));
    }

    /** Personal data shows in clear to auditors only; an originator sees no other client's decision at all. */
    private static DecisionResponse view(StoredDecision stored, Caller caller) {
        return DecisionResponse.of(stored.decision()).withPii(piiView(stored, caller));
    }

    private static PersonalDataView piiView(StoredDecision stored, Caller caller) {
        return PersonalDataView.of(stored.submission().personalData(), caller.role() == Role.AUDITOR);
    }

    /**
     * SHA-256 of the canonical request, so a repeat with other whitespace or key order is the same
     * request. Personal data enters only as a keyed hash of its canonical form, so the stored
     * fingerprint cannot be tested against guessed national ids without the master key.
     */
    private String fingerprint(DecisionRequest request) {
        Map<String, Object> tree = json.convertValue(request, new TypeReference<Map<String, Object>>() {});
        Object pii = tree.remove("pii");
        if (pii != null) {
            tree.put("pii", personalData.fingerprint(CanonicalJson.write(pii)));
        }
        return CanonicalJson.sha256(tree);
    }
}

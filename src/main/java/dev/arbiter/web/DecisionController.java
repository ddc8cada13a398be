package dev.arbiter.web;

import dev.arbiter.audit.CanonicalJson;
import dev.arbiter.decision.DecisionService;
import dev.arbiter.decision.Submission;
import dev.arbiter.persistence.JdbcDecisionEvents;
import jakarta.validation.Valid;
import java.net.URI;
import java.util.Map;
import java.util.UUID;
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
class DecisionController {

    /** Marks an answer that returns a decision stored by an earlier, identical request. */
    static final String REPLAYED_HEADER = "Idempotent-Replayed";

    private final DecisionService decisions;
    private final ObjectMapper json;
    private final JdbcDecisionEvents events;

    DecisionController(DecisionService decisions, ObjectMapper json, JdbcDecisionEvents events) {
        this.decisions = decisions;
        this.json = json;
        this.events = events;
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<DecisionResponse> decide(@Valid @RequestBody DecisionRequest request) {
        var submission = new Submission(request.toApplication(), request.monitoring(), fingerprint(request));
        var result = decisions.decide(submission);
        var decision = result.stored().decision();
        return ResponseEntity.status(result.created() ? HttpStatus.CREATED : HttpStatus.OK)
                .location(URI.create("/v1/decisions/" + decision.id()))
                .header(REPLAYED_HEADER, Boolean.toString(!result.created()))
                .body(DecisionResponse.of(decision));
    }

    @GetMapping("/{id}")
    DecisionResponse find(@PathVariable UUID id) {
        return decisions.find(id)
                .map(stored -> DecisionViews.of(stored, events.of(id)))
                .orElseThrow(() -> new DecisionNotFoundException(id));
    }

    /** SHA-256 of the canonical request, so a repeat with other whitespace or key order is the same request. */
    private String fingerprint(DecisionRequest request) {
        Map<String, Object> tree = json.convertValue(request, new TypeReference<Map<String, Object>>() { });
        return CanonicalJson.sha256(tree);
    }
}

package dev.arbiter.recording;

import dev.arbiter.decision.DecisionService;
import dev.arbiter.decision.PersonalData;
import dev.arbiter.decision.StoredDecision;
import dev.arbiter.decision.Submission;
import dev.arbiter.hashing.CanonicalJson;
import dev.arbiter.personaldata.PersonalDataCipher;
import dev.arbiter.personaldata.PersonalDataView;
import dev.arbiter.security.Caller;
import dev.arbiter.security.NonceReplayedException;
import dev.arbiter.security.NonceStore;
import dev.arbiter.security.Role;
import dev.arbiter.security.SignedNonce;
import dev.arbiter.web.LogContext;
import dev.arbiter.web.ParameterText;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.stereotype.Service;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.ObjectMapper;

/**
 * The one path of a decision request, whichever way it arrives ({@code POST /v1/decisions}
 * or a {@code decide} message on the stream): the same fingerprint and idempotency, the
 * decision answered only once {@link DecisionService} has committed it, and the same masking
 * of personal data by role as the HTTP answers.
 */
@Service
public class DecisionIntake {

    private static final Logger log = LoggerFactory.getLogger(DecisionIntake.class);

    /**
     * A decision as answered to its originator.
     *
     * @param created false when an identical earlier request's stored decision is returned (a replay)
     */
    public record Answer(DecisionResponse decision, boolean created) {
        public UUID decisionId() {
            return decision.decisionId();
        }
    }

    private final DecisionService decisions;
    private final DecisionRecorder recorder;
    private final ObjectMapper json;
    private final PersonalDataCipher personalData;
    private final JdbcDecisionEvents events;
    private final DecisionMetrics metrics;
    private final NonceStore nonces;
    /** The request as a map, for its fingerprint: the type resolved once, not at every request. */
    private final JavaType requestTree;

    DecisionIntake(
            DecisionService decisions,
            DecisionRecorder recorder,
            ObjectMapper json,
            PersonalDataCipher personalData,
            JdbcDecisionEvents events,
            MeterRegistry meters,
            NonceStore nonces) {
        this.nonces = nonces;
        this.decisions = decisions;
        this.recorder = recorder;
        this.json = json;
        this.personalData = personalData;
        this.events = events;
        this.metrics = new DecisionMetrics(meters);
        this.requestTree = json.getTypeFactory().constructType(new TypeReference<Map<String, Object>>() {});
    }

    /** Decides (or finds the stored decision of an identical earlier request); returns after the commit. */
    public Answer decide(DecisionRequest request, Caller caller) {
        return decide(request, caller, null);
    }

    /**
     * As {@link #decide(DecisionRequest, Caller)}, recording the signed request's {@code nonce}
     * (when not null) in the transaction that stores the decision; when an identical earlier
     * request's decision is answered instead, the nonce is recorded on its own first. Either way
     * a nonce already used is refused with {@link NonceReplayedException}, and nothing is answered.
     */
    public Answer decide(DecisionRequest request, Caller caller, SignedNonce nonce) {
        var submission = new Submission(
                request.toApplication(),
                request.monitoring(),
                fingerprint(request),
                caller.clientId(),
                request.personalData());
        // an HTTP request's filter has put the client and clears the context when the request ends;
        // a decision from the stream runs on a pooled thread, so it puts and clears its own
        boolean ownContext = MDC.get(LogContext.CLIENT) == null;
        if (ownContext) {
            MDC.put(LogContext.CLIENT, caller.clientId());
        }
        try {
            MDC.put(LogContext.APPLICATION_ID, ParameterText.printable(String.valueOf(request.applicationId())));
            var result = metrics.timed(() -> NonceWithDecision.during(nonce, () -> decisions.decide(submission)));
            if (!result.created() && nonce != null && !nonces.firstUse(nonce)) {
                // nothing was stored by this request: its nonce was recorded on its own, or had been used
                throw new NonceReplayedException(nonce);
            }
            var decision = result.stored().decision();
            MDC.put(LogContext.DECISION_ID, decision.id().toString());
            log.info(
                    "{} {} under ruleset {}",
                    result.created() ? "decided" : "replayed",
                    decision.outcome(),
                    decision.rulesetVersion());
            return new Answer(
                    DecisionResponse.of(result.stored().decision())
                            .withPii(piiView(result.stored().submission().personalData(), caller.role())),
                    result.created());
        } finally {
            if (ownContext) {
                MDC.remove(LogContext.CLIENT);
                MDC.remove(LogContext.APPLICATION_ID);
                MDC.remove(LogContext.DECISION_ID);
            }
        }
    }

    /** A decision as {@code GET /v1/decisions/{id}} shows it to this caller; an originator sees only its own. */
    public Optional<DecisionResponse> find(UUID id, Caller caller) {
        return find(id, caller, null);
    }

    /**
     * As {@link #find(UUID, Caller)}, recording the signed request's {@code nonce} (when not
     * null) in the statement that reads the decision: recorded whether or not the decision exists
     * or may be shown to the caller, and a nonce already used is refused with
     * {@link NonceReplayedException} before anything else is said.
     */
    public Optional<DecisionResponse> find(UUID id, Caller caller, SignedNonce nonce) {
        return recorder.show(id, nonce)
                .filter(shown ->
                        caller.role() != Role.ORIGINATOR || caller.clientId().equals(shown.clientId()))
                .map(shown -> {
                    List<JdbcDecisionEvents.Event> recorded =
                            shown.hasEvents() ? events.of(shown.decision().id()) : List.of();
                    return DecisionViews.of(shown.decision(), recorded)
                            .withPii(piiView(shown.personalData(), caller.role()));
                });
    }

    /** The stored decision with its submission, unmasked: for matching, never for answering. */
    public Optional<StoredDecision> stored(UUID id) {
        return decisions.find(id);
    }

    /** A stored decision as a reader in {@code role} is shown it, with its review and personal data masked for the role. */
    public DecisionResponse view(StoredDecision stored, Role role) {
        return DecisionViews.of(stored, events.of(stored.decision().id()))
                .withPii(piiView(stored.submission().personalData(), role));
    }

    /** Personal data shows in clear to auditors only. */
    private static PersonalDataView piiView(PersonalData data, Role role) {
        return PersonalDataView.of(data, role == Role.AUDITOR);
    }

    /**
     * SHA-256 of the canonical request, so a repeat with other whitespace or key order is the same
     * request. Personal data enters only as a keyed hash of its canonical form, so the stored
     * fingerprint cannot be tested against guessed national ids without the master key.
     */
    private String fingerprint(DecisionRequest request) {
        Map<String, Object> tree = json.convertValue(request, requestTree);
        Object pii = tree.remove("pii");
        if (pii != null) {
            tree.put("pii", personalData.fingerprint(CanonicalJson.write(pii)));
        }
        return CanonicalJson.sha256(tree);
    }
}

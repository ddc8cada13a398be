package dev.arbiter.recording;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * A later event on a decision (a review, a request for human review, a repayment outcome, a
 * forget) was committed. Published in the event's own transaction, like {@link DecisionRecorded}.
 * It carries only the event's facts that are not personal data ({@code facts}: an outcome,
 * reason codes, a repayment status and its day), never who reviewed or what anyone wrote, so
 * nothing personal is kept in the event publication registry or sent on.
 */
public record DecisionEventRecorded(
        UUID eventId,
        UUID decisionId,
        String applicationId,
        String kind,
        Map<String, Object> facts,
        Instant recordedAt) {

    /** The fields of an event body that may leave Arbiter; every other field stays in the record. */
    static final Set<String> PUBLIC_FIELDS = Set.of("outcome", "reasons", "status", "observedOn");

    static DecisionEventRecorded of(JdbcDecisionEvents.Event event, String applicationId) {
        Map<String, Object> facts = new LinkedHashMap<>();
        event.body().forEach((field, value) -> {
            if (PUBLIC_FIELDS.contains(field) && value != null) {
                facts.put(field, value);
            }
        });
        return new DecisionEventRecorded(
                event.id(), event.decisionId(), applicationId, event.kind(), facts, event.recordedAt());
    }
}

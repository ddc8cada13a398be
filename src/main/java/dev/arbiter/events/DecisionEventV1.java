package dev.arbiter.events;

import dev.arbiter.recording.DecisionEventRecorded;
import dev.arbiter.recording.DecisionRecorded;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One event as other systems receive it: the JSON object of schema {@value #SCHEMA}, documented
 * in docs/operations.md. It names the decision and its application and says what happened; it
 * never carries personal data (no applicant's details, no reviewer, no free text). A change
 * that would break a consumer gets a new schema name ({@code arbiter.decision.v2}); fields are
 * only ever added within a version.
 *
 * @param schema always {@value #SCHEMA}
 * @param eventId unique per event, the same on every delivery of it: consumers deduplicate by it
 * @param type {@code DECISION}, {@code REVIEW}, {@code HUMAN_REVIEW_REQUEST}, {@code REPAYMENT_OUTCOME}
 *     or {@code PERSONAL_DATA_FORGOTTEN}
 * @param occurredAt when it was committed, ISO-8601 UTC
 * @param data what the type says: see docs/operations.md
 */
public record DecisionEventV1(
        String schema,
        String eventId,
        String type,
        String applicationId,
        String decisionId,
        String occurredAt,
        Map<String, Object> data) {

    public static final String SCHEMA = "arbiter.decision.v1";
    public static final String DECISION = "DECISION";

    static DecisionEventV1 of(DecisionRecorded d) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("outcome", d.outcome().name());
        data.put("rulesetVersion", d.rulesetVersion());
        // a decision is its own first event: its id is the event id
        return new DecisionEventV1(
                SCHEMA,
                d.decisionId().toString(),
                DECISION,
                d.applicationId(),
                d.decisionId().toString(),
                d.decidedAt().toString(),
                data);
    }

    static DecisionEventV1 of(DecisionEventRecorded e) {
        return new DecisionEventV1(
                SCHEMA,
                e.eventId().toString(),
                e.kind(),
                e.applicationId(),
                e.decisionId().toString(),
                e.recordedAt().toString(),
                new LinkedHashMap<>(e.facts()));
    }
}

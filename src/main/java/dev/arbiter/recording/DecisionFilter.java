package dev.arbiter.recording;

import java.time.Instant;
import java.util.UUID;

/**
 * What an audit query asks for; every field is optional (null: no condition).
 *
 * @param from         decided at or after
 * @param to           decided before
 * @param outcome      the automated outcome
 * @param finalOutcome the outcome after any manual review
 * @param modelStatus  a model call ended so, e.g. TIMEOUT or CIRCUIT_OPEN ...
 * @param modelRole    ... in this role, e.g. SECOND_OPINION
 * @param after        keyset position: only decisions after this one in the order (newest first)
 */
public record DecisionFilter(
        Instant from,
        Instant to,
        String outcome,
        String finalOutcome,
        String reasonCode,
        String ruleCode,
        String rulesetVersion,
        Boolean thinFile,
        String product,
        String dataRegion,
        String modelStatus,
        String modelRole,
        Position after,
        int limit) {

    /** Where a page ended: the last row's decision time and id. */
    public record Position(Instant decidedAt, UUID id) {}
}

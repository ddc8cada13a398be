package dev.arbiter.rules;

import dev.arbiter.decision.Outcome;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What a candidate version would have decided over a period of stored decisions, against
 * what was decided.
 *
 * @param matrix   recorded outcome, then candidate outcome, to a count
 * @param changes  the changed decisions, earliest first, at most the limit asked for
 * @param segments approval rates by thin-file segment, recorded and under the candidate
 * @param adverseImpactRatio thin-file approval rate over thick-file approval rate, recorded and under the candidate
 * @param rules    each rule code that fired in either, with how often, recorded and under the candidate
 */
public record BacktestReport(
        String candidate,
        Instant from,
        Instant to,
        long decisions,
        long changed,
        Map<Outcome, Map<Outcome, Long>> matrix,
        List<Change> changes,
        List<Segment> segments,
        Ratio adverseImpactRatio,
        List<RuleShift> rules) {

    public record Change(
            UUID decisionId,
            String applicationId,
            Instant decidedAt,
            String recordedVersion,
            Outcome recorded,
            Outcome candidate,
            List<String> recordedReasons,
            List<String> candidateReasons) {}

    public record Segment(
            String segment,
            long decisions,
            double approvalRateRecorded,
            double approvalRateCandidate,
            double approvalRateDelta) {}

    public record Ratio(Double recorded, Double candidate) {}

    public record RuleShift(String ruleCode, long firedRecorded, long firedCandidate, long delta) {}
}

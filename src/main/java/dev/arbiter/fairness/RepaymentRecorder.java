package dev.arbiter.fairness;

import dev.arbiter.decision.DecisionLog;
import dev.arbiter.decision.Outcome;
import dev.arbiter.decision.Repayment;
import dev.arbiter.decision.RepaymentLog;
import dev.arbiter.decision.RepaymentStatus;
import dev.arbiter.decision.StoredDecision;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.UUID;

/**
 * Records what happened to an approved credit. Idempotent per decision and observation day:
 * the same status again returns the stored observation, another status for that day is
 * refused, so a reported outcome never silently changes.
 */
public final class RepaymentRecorder {

    private final DecisionLog decisions;
    private final RepaymentLog repayments;
    private final FinalOutcomes finalOutcomes;
    private final Clock clock;

    public RepaymentRecorder(DecisionLog decisions, RepaymentLog repayments, FinalOutcomes finalOutcomes, Clock clock) {
        this.decisions = decisions;
        this.repayments = repayments;
        this.finalOutcomes = finalOutcomes;
        this.clock = clock;
    }

    /** The stored observation and whether this call stored it ({@code created}) or found it. */
    public record Result(Repayment repayment, boolean created) {}

    public Result record(UUID decisionId, RepaymentStatus status, LocalDate observedOn) {
        StoredDecision stored = decisions
                .find(decisionId)
                .orElseThrow(() -> new RepaymentRefusedException(
                        RepaymentRefusedException.Why.DECISION_NOT_FOUND, "", "no decision with id " + decisionId));
        Outcome outcome = finalOutcomes.of(stored);
        if (outcome != Outcome.APPROVE) {
            throw new RepaymentRefusedException(
                    RepaymentRefusedException.Why.NOT_APPROVED,
                    "",
                    "decision " + decisionId + " was " + outcome
                            + "; repayment is recorded for approved decisions only (after review, where reviewed)");
        }
        LocalDate decidedOn = LocalDate.ofInstant(stored.decision().decidedAt(), ZoneOffset.UTC);
        LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
        if (observedOn.isBefore(decidedOn)) {
            throw new RepaymentRefusedException(
                    RepaymentRefusedException.Why.INVALID_OBSERVATION,
                    "observedOn",
                    "observedOn " + observedOn + " is before the decision was made (" + decidedOn + ")");
        }
        if (observedOn.isAfter(today)) {
            throw new RepaymentRefusedException(
                    RepaymentRefusedException.Why.INVALID_OBSERVATION,
                    "observedOn",
                    "observedOn " + observedOn + " is in the future (today is " + today + " UTC)");
        }
        Repayment wanted = new Repayment(decisionId, status, observedOn, clock.instant());
        Repayment kept = repayments.recordIfAbsent(wanted);
        if (kept.status() != status) {
            throw new RepaymentRefusedException(
                    RepaymentRefusedException.Why.CONFLICT,
                    "status",
                    "decision " + decisionId + " already has status " + kept.status() + " observed on " + observedOn
                            + "; report a change with a later observedOn");
        }
        return new Result(kept, kept.recordedAt().equals(wanted.recordedAt()));
    }
}

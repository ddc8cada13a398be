package dev.arbiter.fairness;

import dev.arbiter.decision.RepaymentStatus;
import dev.arbiter.web.OneOf;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

/**
 * A repayment observation for an approved decision.
 *
 * @param status     GOOD, DELINQUENT or DEFAULT
 * @param observedOn the day observed, ISO 8601 ({@code 2026-11-30}); not before the decision, not in the future
 */
record PerformanceRequest(
        @NotNull @OneOf(RepaymentStatus.class) String status,

        @NotNull @Pattern(regexp = "\\d{4}-\\d{2}-\\d{2}", message = "is not a date like 2026-11-30")
        String observedOn) {}

package dev.arbiter.decision;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/**
 * One observation of how an approved credit is being repaid.
 *
 * @param observedOn the day the lender observed the status
 * @param recordedAt when Arbiter stored the observation (from the injected clock)
 */
public record Repayment(UUID decisionId, RepaymentStatus status, LocalDate observedOn, Instant recordedAt) {}

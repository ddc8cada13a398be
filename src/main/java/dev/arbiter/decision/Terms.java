package dev.arbiter.decision;

import java.math.BigDecimal;

/**
 * What is offered on approval.
 *
 * @param creditLimit     the amount offered (may be below the amount requested: a counteroffer)
 * @param apr             annual percentage rate, e.g. 0.1290 for 12.90 %
 * @param requestedAmount what the applicant asked for, kept beside the offer
 */
public record Terms(
        BigDecimal creditLimit, BigDecimal apr, String currency, int termMonths, BigDecimal requestedAmount) {

    public boolean counteroffer() {
        return creditLimit != null && requestedAmount != null && creditLimit.compareTo(requestedAmount) < 0;
    }
}

package dev.arbiter.rules;

import dev.arbiter.decision.Application;
import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * One approval band of the primary model's risk: its price and how much credit it allows.
 *
 * @param maxRisk        the band holds risk strictly below this
 * @param apr            annual percentage rate offered in the band, e.g. 0.0690
 * @param incomeMultiple the limit is at most this many months of income
 * @param limitStep      a limit capped by income is rounded down to a multiple of this
 */
public record RiskBand(String name, double maxRisk, BigDecimal apr, BigDecimal incomeMultiple, BigDecimal limitStep) {

    /** The same band priced alike but lending at most {@code multiple} months of income. */
    public RiskBand withIncomeMultiple(BigDecimal multiple) {
        return new RiskBand(name, maxRisk, apr, multiple, limitStep);
    }

    /** The requested amount, or less when income does not carry it (a counteroffer). */
    public BigDecimal limitFor(Application application) {
        BigDecimal cap = application
                .applicant()
                .monthlyIncome()
                .multiply(incomeMultiple)
                .divide(limitStep, 0, RoundingMode.FLOOR)
                .multiply(limitStep);
        BigDecimal requested = application.requestedAmount();
        return (requested.compareTo(cap) <= 0 ? requested : cap).setScale(2, RoundingMode.HALF_UP);
    }
}

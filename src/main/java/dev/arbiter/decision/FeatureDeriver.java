package dev.arbiter.decision;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.Clock;

/** Derives {@link Features} from an application; the clock makes the result reproducible. */
public final class FeatureDeriver {

    /** Ratios are capped so an income of (near) zero gives a large, finite, comparable number. */
    static final double RATIO_CAP = 99.0;

    private final ThinFileDefinition thinFile;
    private final Clock clock;

    public FeatureDeriver(ThinFileDefinition thinFile, Clock clock) {
        this.thinFile = thinFile;
        this.clock = clock;
    }

    public ThinFileDefinition thinFileDefinition() {
        return thinFile;
    }

    public Features derive(Application application) {
        return deriveAt(application, clock.instant());
    }

    /** Derives as of a given instant: how a replay re-derives the features of a recorded decision. */
    public Features deriveAt(Application application, java.time.Instant asOf) {
        BigDecimal payment = application
                .requestedAmount()
                .divide(BigDecimal.valueOf(application.termMonths()), 2, RoundingMode.HALF_UP);
        BigDecimal income = application.applicant().monthlyIncome();
        BigDecimal existingDebt = application
                .creditFileIfAny()
                .map(CreditFile::monthlyDebtPayments)
                .orElse(BigDecimal.ZERO);
        var thinReasons = thinFile.reasons(application.creditFile());
        AlternativeData alt = application.alternativeData();
        BigDecimal netCashFlow = alt == null || alt.monthlyInflow() == null || alt.monthlyOutflow() == null
                ? null
                : alt.monthlyInflow().subtract(alt.monthlyOutflow());
        return new Features(
                payment,
                ratio(existingDebt.add(payment), income),
                ratio(payment, income),
                !thinReasons.isEmpty(),
                thinReasons,
                thinFile.version(),
                CreditHistory.of(application.creditFile()),
                netCashFlow,
                asOf);
    }

    private static double ratio(BigDecimal numerator, BigDecimal denominator) {
        if (denominator.signum() <= 0) {
            return RATIO_CAP;
        }
        double value = numerator.divide(denominator, MathContext.DECIMAL64).doubleValue();
        return Math.min(RATIO_CAP, Math.round(value * 10_000d) / 10_000d);
    }
}

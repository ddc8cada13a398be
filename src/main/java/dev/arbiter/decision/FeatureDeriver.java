package dev.arbiter.decision;

import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Clock;

/** Derives {@link Features} from an application; the clock makes the result reproducible. */
public final class FeatureDeriver {

    /** Ratios are capped so an income of (near) zero gives a large, finite, comparable number. */
    static final double RATIO_CAP = 99.0;

    private final ThinFileDefinition thinFile;
    private final FeatureDerivation derivation;
    private final Clock clock;

    /** Derives new decisions under the current derivation ({@link FeatureDerivation#CURRENT}). */
    public FeatureDeriver(ThinFileDefinition thinFile, Clock clock) {
        this(thinFile, FeatureDerivation.CURRENT, clock);
    }

    public FeatureDeriver(ThinFileDefinition thinFile, FeatureDerivation derivation, Clock clock) {
        this.thinFile = thinFile;
        this.derivation = derivation;
        this.clock = clock;
    }

    public FeatureDerivation derivation() {
        return derivation;
    }

    public ThinFileDefinition thinFileDefinition() {
        return thinFile;
    }

    public Features derive(Application application) {
        return deriveAt(application, clock.instant());
    }

    /** Derives as of a given instant under this deriver's derivation. */
    public Features deriveAt(Application application, java.time.Instant asOf) {
        return deriveAt(application, asOf, derivation);
    }

    /**
     * Derives as of a given instant under a recorded derivation version: how a replay re-derives
     * the features of a recorded decision ({@code null}, a decision from before versioning, is
     * {@code fd-1}).
     *
     * @throws IllegalArgumentException for a version this build does not know
     */
    public Features deriveAt(Application application, java.time.Instant asOf, String derivationVersion) {
        return deriveAt(
                application,
                asOf,
                FeatureDerivation.version(derivationVersion)
                        .orElseThrow(
                                () -> new IllegalArgumentException("unknown feature derivation " + derivationVersion)));
    }

    private Features deriveAt(Application application, java.time.Instant asOf, FeatureDerivation under) {
        BigDecimal payment = under.monthlyPayment(application);
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
                asOf,
                under.version());
    }

    private static double ratio(BigDecimal numerator, BigDecimal denominator) {
        if (denominator.signum() <= 0) {
            return RATIO_CAP;
        }
        double value = numerator.divide(denominator, MathContext.DECIMAL64).doubleValue();
        return Math.min(RATIO_CAP, Math.round(value * 10_000d) / 10_000d);
    }
}

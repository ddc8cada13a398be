package dev.arbiter.decision;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * How the monthly instalment behind every affordability feature is computed. Versioned like
 * {@link ThinFileDefinition}: every decision records the version it was derived under, and a
 * replay derives again under that version, so a stored decision replays unchanged after a new
 * version ships. A version never changes once shipped; a new rate is a new version.
 *
 * <ul>
 *   <li>{@code fd-1}: straight-line, {@code amount / term} (no interest). Decisions recorded
 *       before versioning carry no version and are read as {@code fd-1}.
 *   <li>{@code fd-2}: the annuity at a stress rate per product (and, where the market differs,
 *       per currency), the APR a product is at least priced at before pricing is known.
 *       Sources and figures: {@code docs/policy.md}.
 * </ul>
 *
 * @param version       the version recorded on each decision
 * @param annuity       false for straight-line (fd-1)
 * @param productRates  annual stress rate per product
 * @param currencyRates overrides for one currency (a market): currency, then product, to rate
 */
public record FeatureDerivation(
        String version,
        boolean annuity,
        Map<Product, BigDecimal> productRates,
        Map<String, Map<Product, BigDecimal>> currencyRates) {

    /** Straight-line: what every decision before versioning was derived under. */
    public static final FeatureDerivation STRAIGHT_LINE = new FeatureDerivation("fd-1", false, Map.of(), Map.of());

    /** The annuity at the shipped stress rates (docs/policy.md, "Instalments"). */
    public static final FeatureDerivation ANNUITY_STRESS = new FeatureDerivation(
            "fd-2",
            true,
            rates(
                    new BigDecimal("0.1700"),
                    new BigDecimal("0.2500"),
                    new BigDecimal("0.3600"),
                    new BigDecimal("0.0700")),
            Map.of(
                    // West German instalment credit, 1973-1975 (the years of the Statlog data)
                    "DEM",
                    rates(
                            new BigDecimal("0.1200"),
                            new BigDecimal("0.1200"),
                            new BigDecimal("0.1200"),
                            new BigDecimal("0.0900"))));

    /** The version new decisions are derived under. */
    public static final FeatureDerivation CURRENT = ANNUITY_STRESS;

    /** Every version ever shipped, oldest first: a replay finds its decision's version here. */
    public static final List<FeatureDerivation> VERSIONS = List.of(STRAIGHT_LINE, ANNUITY_STRESS);

    public FeatureDerivation {
        if (version == null || version.isBlank()) {
            throw new IllegalArgumentException("a feature derivation needs a version");
        }
        productRates = productRates.isEmpty() ? Map.of() : Map.copyOf(new EnumMap<>(productRates));
        currencyRates = Map.copyOf(currencyRates);
    }

    /** The shipped version by name; a decision recorded before versioning ({@code null}) is {@code fd-1}. */
    public static Optional<FeatureDerivation> version(String version) {
        String wanted = version == null ? STRAIGHT_LINE.version() : version;
        return VERSIONS.stream().filter(d -> d.version().equals(wanted)).findFirst();
    }

    /** The annual rate the instalment is computed at for this application (zero for straight-line). */
    public BigDecimal stressRate(Application application) {
        return stressRate(application.product(), application.currency());
    }

    /** The annual rate for a product in a currency: the market's own, else the product's (zero for straight-line). */
    public BigDecimal stressRate(Product product, String currency) {
        if (!annuity) {
            return BigDecimal.ZERO;
        }
        BigDecimal rate = currencyRates.getOrDefault(currency, Map.of()).get(product);
        if (rate == null) {
            rate = productRates.get(product);
        }
        return rate == null ? BigDecimal.ZERO : rate;
    }

    /** The monthly instalment of this application under this version, to the cent. */
    public BigDecimal monthlyPayment(Application application) {
        return annuity
                ? annuityPayment(application.requestedAmount(), stressRate(application), application.termMonths())
                : application
                        .requestedAmount()
                        .divide(BigDecimal.valueOf(application.termMonths()), 2, RoundingMode.HALF_UP);
    }

    /**
     * The level monthly payment that repays {@code amount} over {@code termMonths} at the annual
     * rate {@code apr} compounded monthly: {@code A r / (1 - (1 + r)^-n)}, {@code r = apr / 12};
     * {@code A / n} at a zero rate. Rounded half-up to the cent.
     */
    public static BigDecimal annuityPayment(BigDecimal amount, BigDecimal apr, int termMonths) {
        if (termMonths <= 0) {
            throw new IllegalArgumentException("term must be at least one month");
        }
        if (apr == null || apr.signum() == 0) {
            return amount.divide(BigDecimal.valueOf(termMonths), 2, RoundingMode.HALF_UP);
        }
        MathContext mc = MathContext.DECIMAL64;
        BigDecimal r = apr.divide(BigDecimal.valueOf(12), mc);
        BigDecimal growth = BigDecimal.ONE.add(r, mc).pow(termMonths, mc);
        BigDecimal factor = r.multiply(growth, mc).divide(growth.subtract(BigDecimal.ONE, mc), mc);
        return amount.multiply(factor, mc).setScale(2, RoundingMode.HALF_UP);
    }

    private static Map<Product, BigDecimal> rates(
            BigDecimal personalLoan, BigDecimal creditCard, BigDecimal microLoan, BigDecimal mortgage) {
        Map<Product, BigDecimal> rates = new EnumMap<>(Product.class);
        rates.put(Product.PERSONAL_LOAN, personalLoan);
        rates.put(Product.CREDIT_CARD, creditCard);
        rates.put(Product.MICRO_LOAN, microLoan);
        rates.put(Product.MORTGAGE, mortgage);
        return rates;
    }
}

package dev.arbiter.tools;

import dev.arbiter.decision.Applicant;
import dev.arbiter.decision.Application;
import dev.arbiter.decision.Attributes;
import dev.arbiter.decision.CreditFile;
import dev.arbiter.decision.FeatureDerivation;
import dev.arbiter.decision.Housing;
import dev.arbiter.decision.Product;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The German credit (Statlog) applicants as Arbiter applications. The mapping is documented
 * in {@code docs/model.md}; where the data has no counterpart for a field (income, bureau
 * file details) the value is derived or neutral, and said so there.
 */
public final class GermanCredit {

    /** The Deutsche Mark: the data is from a West German bank, 1973 to 1975 (docs/policy.md, market DEM). */
    public static final String CURRENCY = "DEM";

    public static final Path SHIPPED_FILE = Path.of("engine/data/german-credit/credit-g.arff");

    /**
     * One applicant. {@code monitoring} holds the demographic fields kept for fairness
     * reports only; they are never part of the application a model or rule sees.
     */
    public record Row(
            int index,
            Application application,
            Map<String, Object> monitoring,
            boolean good,
            Map<String, String> raw) {}

    private static final Map<String, String> PURPOSE = Map.ofEntries(
            Map.entry("new car", "CAR_NEW"),
            Map.entry("used car", "CAR_USED"),
            Map.entry("furniture/equipment", "FURNITURE"),
            Map.entry("radio/tv", "ELECTRONICS"),
            Map.entry("domestic appliance", "APPLIANCES"),
            Map.entry("repairs", "REPAIRS"),
            Map.entry("education", "EDUCATION"),
            Map.entry("vacation", "VACATION"),
            Map.entry("retraining", "RETRAINING"),
            Map.entry("business", "BUSINESS"),
            Map.entry("other", "OTHER"));
    private static final Set<String> CREDIT_HISTORIES_WITH_FILE =
            Set.of("all paid", "existing paid", "delayed previously", "critical/other existing credit");
    private static final Map<String, Integer> EMPLOYMENT_MONTHS =
            Map.of("unemployed", 0, "<1", 6, "1<=X<4", 30, "4<=X<7", 66, ">=7", 120);
    private static final Map<String, Housing> HOUSING =
            Map.of("own", Housing.OWN, "rent", Housing.RENT, "for free", Housing.FREE);
    /** installment_commitment (instalment as a share of disposable income, coded 1..4) as a ratio. */
    private static final Map<String, BigDecimal> PAYMENT_TO_INCOME = Map.of(
            "1",
            new BigDecimal("0.10"),
            "2",
            new BigDecimal("0.20"),
            "3",
            new BigDecimal("0.30"),
            "4",
            new BigDecimal("0.40"));

    private static final Map<String, String> CHECKING =
            Map.of("<0", "LT_0", "0<=X<200", "0_TO_200", ">=200", "GE_200", "no checking", "NONE");
    private static final Map<String, String> SAVINGS = Map.of(
            "<100",
            "LT_100",
            "100<=X<500",
            "100_TO_500",
            "500<=X<1000",
            "500_TO_1000",
            ">=1000",
            "GE_1000",
            "no known savings",
            "UNKNOWN");
    private static final Map<String, String> PROPERTY = Map.of(
            "real estate",
            "REAL_ESTATE",
            "life insurance",
            "SAVINGS_OR_INSURANCE",
            "car",
            "CAR_OR_OTHER",
            "no known property",
            "NONE");
    private static final Map<String, String> OTHER_PAYMENT_PLANS =
            Map.of("bank", "BANK", "stores", "STORES", "none", "NONE");
    private static final Map<String, String> JOB = Map.of(
            "unemp/unskilled non res",
            "UNSKILLED_NON_RESIDENT",
            "unskilled resident",
            "UNSKILLED_RESIDENT",
            "skilled",
            "SKILLED",
            "high qualif/self emp/mgmt",
            "HIGHLY_QUALIFIED");
    private static final Map<String, String> OTHER_PARTIES =
            Map.of("none", "NONE", "co applicant", "CO_APPLICANT", "guarantor", "GUARANTOR");
    private static final Map<String, List<String>> SEX_AND_MARITAL_STATUS = Map.of(
            "male div/sep", List.of("MALE", "DIVORCED_OR_SEPARATED"),
            "female div/dep/mar", List.of("FEMALE", "DIVORCED_SEPARATED_OR_MARRIED"),
            "male single", List.of("MALE", "SINGLE"),
            "male mar/wid", List.of("MALE", "MARRIED_OR_WIDOWED"),
            "female single", List.of("FEMALE", "SINGLE"));

    private GermanCredit() {}

    public static List<Row> read(Path arff) throws IOException {
        List<String> attributes = new ArrayList<>();
        List<Row> rows = new ArrayList<>();
        boolean inData = false;
        for (String line : Files.readAllLines(arff, StandardCharsets.UTF_8)) {
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("%")) {
                continue;
            }
            String keyword = trimmed.toLowerCase(Locale.ROOT);
            if (keyword.startsWith("@attribute")) {
                String declaration = trimmed.substring("@attribute".length()).strip();
                attributes.add(declaration.split("[\\s{]", 2)[0].replace("'", ""));
            } else if (keyword.startsWith("@data")) {
                inData = true;
            } else if (inData) {
                List<String> values = splitValues(trimmed);
                if (values.size() != attributes.size()) {
                    throw new IOException("%s: row %d has %d values, expected %d"
                            .formatted(arff, rows.size() + 1, values.size(), attributes.size()));
                }
                Map<String, String> raw = new LinkedHashMap<>();
                for (int i = 0; i < values.size(); i++) {
                    raw.put(attributes.get(i), values.get(i));
                }
                rows.add(toRow(rows.size() + 1, raw));
            }
        }
        return List.copyOf(rows);
    }

    /** Splits an ARFF data line on commas outside single quotes and unquotes each value. */
    static List<String> splitValues(String line) {
        List<String> values = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '\\' && quoted && i + 1 < line.length()) {
                current.append(line.charAt(++i));
            } else if (c == '\'') {
                quoted = !quoted;
            } else if (c == ',' && !quoted) {
                values.add(current.toString().strip());
                current.setLength(0);
            } else {
                current.append(c);
            }
        }
        values.add(current.toString().strip());
        return values;
    }

    static Row toRow(int index, Map<String, String> raw) {
        BigDecimal amount = new BigDecimal(raw.get("credit_amount"));
        int duration = Integer.parseInt(raw.get("duration"));
        int employmentMonths = lookup(EMPLOYMENT_MONTHS, raw, "employment");
        var applicant = new Applicant(
                Integer.parseInt(raw.get("age")),
                syntheticMonthlyIncome(amount, duration, lookup(PAYMENT_TO_INCOME, raw, "installment_commitment")),
                employmentMonths,
                lookup(HOUSING, raw, "housing"),
                Integer.parseInt(raw.get("num_dependents")));
        var attributes = new Attributes(Map.of(
                "checkingStatus", lookup(CHECKING, raw, "checking_status"),
                "savingsStatus", lookup(SAVINGS, raw, "savings_status"),
                "propertyMagnitude", lookup(PROPERTY, raw, "property_magnitude"),
                "otherPaymentPlans", lookup(OTHER_PAYMENT_PLANS, raw, "other_payment_plans"),
                "job", lookup(JOB, raw, "job"),
                "ownTelephone", "yes".equals(raw.get("own_telephone")) ? "YES" : "NO",
                "otherParties", lookup(OTHER_PARTIES, raw, "other_parties")));
        var application = new Application(
                "german-%04d".formatted(index),
                Product.PERSONAL_LOAN,
                amount,
                CURRENCY,
                duration,
                lookup(PURPOSE, raw, "purpose"),
                "EU",
                applicant,
                creditFile(raw),
                null,
                null,
                attributes);
        List<String> sexAndStatus = lookup(SEX_AND_MARITAL_STATUS, raw, "personal_status");
        Map<String, Object> monitoring = Map.of(
                "sex", sexAndStatus.get(0),
                "maritalStatus", sexAndStatus.get(1),
                "foreignWorker", "yes".equals(raw.get("foreign_worker")));
        return new Row(
                index, application, monitoring, "good".equals(raw.get("class")), Collections.unmodifiableMap(raw));
    }

    /**
     * Synthetic: the data has no income, only the instalment's share of disposable income. The
     * instalment is the annuity at the DEM market's stress rate ({@link FeatureDerivation#CURRENT}),
     * the instalment Arbiter derives, so the derived payment-to-income is the data's own share.
     */
    static BigDecimal syntheticMonthlyIncome(BigDecimal amount, int durationMonths, BigDecimal paymentToIncome) {
        BigDecimal payment = FeatureDerivation.annuityPayment(
                amount, FeatureDerivation.CURRENT.stressRate(Product.PERSONAL_LOAN, CURRENCY), durationMonths);
        return payment.divide(paymentToIncome, 2, RoundingMode.HALF_UP);
    }

    /**
     * 'critical/other existing credit' records no delinquency and no derogatory mark on
     * purpose: the code mixes critical accounts with credits at other banks, has the lowest
     * bad rate in the data, and as a derogatory mark would teach the model to reward one.
     */
    private static CreditFile creditFile(Map<String, String> raw) {
        String history = raw.get("credit_history");
        if ("no credits/all paid".equals(history)) {
            return null;
        }
        if (!CREDIT_HISTORIES_WITH_FILE.contains(history)) {
            throw new IllegalArgumentException("unknown credit_history value '%s'".formatted(history));
        }
        return new CreditFile(
                12 * Integer.parseInt(raw.get("residence_since")),
                Integer.parseInt(raw.get("existing_credits")),
                "delayed previously".equals(history) ? 1 : 0,
                0,
                0,
                BigDecimal.ZERO,
                null);
    }

    private static <T> T lookup(Map<String, T> table, Map<String, String> raw, String attribute) {
        T value = table.get(raw.get(attribute));
        if (value == null) {
            throw new IllegalArgumentException("unknown %s value '%s'".formatted(attribute, raw.get(attribute)));
        }
        return value;
    }
}

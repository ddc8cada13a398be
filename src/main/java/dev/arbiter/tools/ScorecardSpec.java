package dev.arbiter.tools;

import dev.arbiter.decision.ModelInput;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The characteristics and fixed bins of the primary scorecard: what the trainer fits weights
 * for. Bins are chosen by hand from the German data's bad rates and round numbers, so a
 * reader can check them; docs/model.md explains each choice and what is left out on purpose.
 */
final class ScorecardSpec {

    /** A numeric range {@code [min, max)} (open end when null) or a list of categorical values. */
    record BinSpec(Double min, Double max, List<String> values, String reasonCode) {

        static BinSpec range(Double min, Double max) {
            return new BinSpec(min, max, List.of(), null);
        }

        static BinSpec of(String... values) {
            return new BinSpec(null, null, Arrays.asList(values), null);
        }

        BinSpec withReason(String code) {
            return new BinSpec(min, max, values, code);
        }
    }

    record CharacteristicSpec(String name, String input, boolean numeric, String reasonCode, List<BinSpec> bins) {

        /** The index of the bin this input falls in, empty when the input is absent or fits none. */
        Optional<Integer> binOf(ModelInput input) {
            for (int i = 0; i < bins.size(); i++) {
                BinSpec bin = bins.get(i);
                if (numeric) {
                    Optional<Double> v = input.number(this.input);
                    if (v.isPresent()
                            && (bin.min() == null || v.get() >= bin.min())
                            && (bin.max() == null || v.get() < bin.max())) {
                        return Optional.of(i);
                    }
                } else if (input.text(this.input).filter(bin.values()::contains).isPresent()) {
                    return Optional.of(i);
                }
            }
            return Optional.empty();
        }
    }

    static final List<CharacteristicSpec> CHARACTERISTICS = List.of(
            categorical(
                    "Checking account status",
                    "attributes.checkingStatus",
                    "R-CHECKING",
                    BinSpec.of("LT_0"),
                    BinSpec.of("0_TO_200"),
                    BinSpec.of("GE_200"),
                    BinSpec.of("NONE")),
            numeric(
                    "Term in months",
                    "termMonths",
                    "R-TERM",
                    BinSpec.range(null, 12.0),
                    BinSpec.range(12.0, 18.0),
                    BinSpec.range(18.0, 24.0),
                    BinSpec.range(24.0, 36.0),
                    BinSpec.range(36.0, null)),
            // Pooled: fitted apart, a past delinquency came out safer than a clean file (the
            // data cannot tell them apart once the other characteristics are known), and a
            // scorecard must never reward one.
            categorical(
                    "Credit history",
                    "features.creditHistory",
                    "R-HISTORY",
                    BinSpec.of("CLEAN", "PAST_DELINQUENCY"),
                    BinSpec.of("DEROGATORY"),
                    BinSpec.of("NONE").withReason("R-NO-FILE")),
            categorical(
                    "Purpose of the credit",
                    "purpose",
                    "R-PURPOSE",
                    BinSpec.of("CAR_USED"),
                    BinSpec.of("ELECTRONICS"),
                    BinSpec.of("FURNITURE"),
                    BinSpec.of("CAR_NEW"),
                    BinSpec.of("BUSINESS"),
                    BinSpec.of("EDUCATION", "RETRAINING", "VACATION"),
                    BinSpec.of("APPLIANCES", "REPAIRS", "OTHER")),
            numeric(
                    "Requested amount",
                    "requestedAmount",
                    "R-AMOUNT",
                    BinSpec.range(null, 1500.0),
                    BinSpec.range(1500.0, 4000.0),
                    BinSpec.range(4000.0, 8000.0),
                    BinSpec.range(8000.0, null)),
            categorical(
                    "Savings",
                    "attributes.savingsStatus",
                    "R-SAVINGS",
                    BinSpec.of("LT_100"),
                    BinSpec.of("100_TO_500"),
                    BinSpec.of("500_TO_1000", "GE_1000"),
                    BinSpec.of("UNKNOWN")),
            numeric(
                    "Length of employment in months",
                    "applicant.employmentMonths",
                    "R-EMPLOYMENT",
                    BinSpec.range(null, 1.0),
                    BinSpec.range(1.0, 12.0),
                    BinSpec.range(12.0, 48.0),
                    BinSpec.range(48.0, 84.0),
                    BinSpec.range(84.0, null)),
            numeric(
                    "Instalment to income",
                    "features.paymentToIncome",
                    "R-PAYMENT-TO-INCOME",
                    BinSpec.range(null, 0.15),
                    BinSpec.range(0.15, 0.25),
                    BinSpec.range(0.25, 0.35),
                    BinSpec.range(0.35, null)),
            categorical(
                    "Property",
                    "attributes.propertyMagnitude",
                    "R-PROPERTY",
                    BinSpec.of("REAL_ESTATE"),
                    BinSpec.of("SAVINGS_OR_INSURANCE"),
                    BinSpec.of("CAR_OR_OTHER"),
                    BinSpec.of("NONE")),
            categorical(
                    "Other instalment plans",
                    "attributes.otherPaymentPlans",
                    "R-OTHER-CREDIT",
                    BinSpec.of("NONE"),
                    BinSpec.of("BANK", "STORES")),
            categorical(
                    "Housing",
                    "applicant.housing",
                    "R-HOUSING",
                    BinSpec.of("OWN", "MORTGAGE"),
                    BinSpec.of("RENT"),
                    BinSpec.of("FREE")));

    private ScorecardSpec() {}

    private static CharacteristicSpec numeric(String name, String input, String reasonCode, BinSpec... bins) {
        return new CharacteristicSpec(name, input, true, reasonCode, List.of(bins));
    }

    private static CharacteristicSpec categorical(String name, String input, String reasonCode, BinSpec... bins) {
        return new CharacteristicSpec(name, input, false, reasonCode, List.of(bins));
    }
}

package dev.arbiter.ensemble;

import dev.arbiter.decision.ModelInput;
import java.util.Map;
import java.util.Set;

/**
 * A scorecard input computed from two model inputs, for characteristics that are about a
 * relation rather than a single value (cash flow against the instalment, the IP country
 * against the data region). Null when either side is missing or the relation is undefined.
 */
sealed interface Derivation {

    /** The derived value (a number or a text), or null when it is undefined for this input. */
    Object valueFrom(ModelInput input);

    /** {@code numerator / denominator}; undefined when the denominator is not positive. */
    record Ratio(String numerator, String denominator) implements Derivation {
        @Override
        public Object valueFrom(ModelInput input) {
            if (!(input.values().get(numerator) instanceof Number n)
                    || !(input.values().get(denominator) instanceof Number d)
                    || d.doubleValue() <= 0) {
                return null;
            }
            return n.doubleValue() / d.doubleValue();
        }
    }

    /**
     * {@code SAME_REGION} when the country belongs to the region (by the region's country
     * list, or by having the same code when the region is not listed), else {@code OTHER_REGION}.
     */
    record SameRegion(String country, String region, Map<String, Set<String>> regionCountries) implements Derivation {

        static final String SAME = "SAME_REGION";
        static final String OTHER = "OTHER_REGION";

        public SameRegion {
            regionCountries = Map.copyOf(regionCountries);
        }

        @Override
        public Object valueFrom(ModelInput input) {
            String c = Characteristic.text(input.values().get(country));
            String r = Characteristic.text(input.values().get(region));
            if (c == null || r == null) {
                return null;
            }
            Set<String> listed = regionCountries.get(r);
            boolean same = listed == null ? r.equals(c) : listed.contains(c);
            return same ? SAME : OTHER;
        }
    }
}

package dev.arbiter.ensemble;

import dev.arbiter.decision.ModelInput;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A scorecard input computed from two model inputs, for characteristics that are about a
 * relation rather than a single value (cash flow against the instalment, the IP country
 * against the data region). Empty when either side is missing or the relation is undefined.
 */
sealed interface Derivation {

    Optional<Object> apply(ModelInput input);

    /** {@code numerator / denominator}; undefined when the denominator is not positive. */
    record Ratio(String numerator, String denominator) implements Derivation {
        @Override
        public Optional<Object> apply(ModelInput input) {
            Optional<Double> n = input.number(numerator);
            Optional<Double> d = input.number(denominator);
            if (n.isEmpty() || d.isEmpty() || d.get() <= 0) {
                return Optional.empty();
            }
            return Optional.of(n.get() / d.get());
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
        public Optional<Object> apply(ModelInput input) {
            Optional<String> c = input.text(country);
            Optional<String> r = input.text(region);
            if (c.isEmpty() || r.isEmpty()) {
                return Optional.empty();
            }
            boolean same =
                    regionCountries.getOrDefault(r.get(), Set.of(r.get())).contains(c.get());
            return Optional.of(same ? SAME : OTHER);
        }
    }
}

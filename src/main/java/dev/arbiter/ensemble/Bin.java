package dev.arbiter.ensemble;

import java.util.Set;

/**
 * One bin of a characteristic: a numeric range {@code [min, max)} (either end open when
 * null) or a set of categorical values, with its weight in log-odds of being bad. A bin may
 * carry its own reason code, e.g. the no-file bin of credit history.
 */
record Bin(String label, Double min, Double max, Set<String> values, double weight, String reasonCode) {

    Bin {
        values = values == null ? Set.of() : Set.copyOf(values);
    }

    boolean matches(double value) {
        return (min == null || value >= min) && (max == null || value < max);
    }

    boolean matches(String value) {
        return values.contains(value);
    }
}

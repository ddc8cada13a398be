package dev.arbiter.decision;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Extra named features a lender sends that Arbiter has no field for. Values are numbers,
 * strings or booleans; rules and models read them by name.
 */
public record Attributes(Map<String, Object> values) {

    public static final Attributes NONE = new Attributes(Map.of());

    public Attributes {
        values = values == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(values));
    }

    public boolean has(String name) {
        return values.containsKey(name);
    }

    public Optional<Double> number(String name) {
        return values.get(name) instanceof Number n ? Optional.of(n.doubleValue()) : Optional.empty();
    }

    public Optional<String> text(String name) {
        return values.get(name) instanceof String s ? Optional.of(s) : Optional.empty();
    }

    public Optional<Boolean> flag(String name) {
        return values.get(name) instanceof Boolean b ? Optional.of(b) : Optional.empty();
    }
}

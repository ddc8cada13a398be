package dev.arbiter.fairness;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonPointer;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The variants of a ruleset's {@code parameters.json} an analyst names: for each of some
 * numbers (a JSON Pointer, RFC 6901, to a number of the file) a list of values; the variants
 * are every combination, in order (the last pointer varying fastest). Only numbers that exist
 * can be changed, and only to numbers: no rule, no reason, nothing else of the version moves.
 */
public final class ParameterGrid {

    /** One pointer and the values it takes. */
    public record Axis(String pointer, List<BigDecimal> values) {}

    /**
     * One combination.
     *
     * @param changes    pointer to value, in the order of the axes
     * @param parameters the whole {@code parameters.json} with the changes made
     */
    public record Variant(int index, Map<String, BigDecimal> changes, byte[] parameters) {}

    /**
     * A grid that cannot be built.
     *
     * @param field   where in the request the fault is, e.g. {@code grid[1].pointer}
     * @param reason  what is wrong
     * @param allowed what would be accepted
     */
    public static final class GridException extends RuntimeException {
        private final String field;
        private final String allowed;

        GridException(String field, String reason, String allowed) {
            super(reason);
            this.field = field;
            this.allowed = allowed;
        }

        public String field() {
            return field;
        }

        public String allowed() {
            return allowed;
        }
    }

    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();

    private ParameterGrid() {}

    /** How many variants the axes give; saturates at {@link Long#MAX_VALUE}. */
    public static long size(List<Axis> axes) {
        long size = 1;
        for (Axis axis : axes) {
            size = Math.multiplyExact(size, Math.max(0, axis.values().size()));
        }
        return size;
    }

    /**
     * Every combination of the axes' values applied to {@code parameters}.
     *
     * @param field prefix of the request field the axes came from, e.g. {@code grid}
     * @throws GridException naming the axis at fault: no axes, more than {@code maxVariants}
     *     combinations, a pointer that is not a number of the file, a pointer named twice, no values
     */
    public static List<Variant> expand(byte[] parameters, List<Axis> axes, int maxVariants, String field) {
        if (axes == null || axes.isEmpty()) {
            throw new GridException(field, "names no parameter", "at least one {pointer, values}");
        }
        JsonNode root;
        try {
            root = JSON.readTree(parameters);
        } catch (JacksonException e) {
            throw new IllegalStateException("the stored parameters.json is not JSON", e);
        }
        List<String> seen = new ArrayList<>();
        for (int i = 0; i < axes.size(); i++) {
            Axis axis = axes.get(i);
            String at = field + "[" + i + "]";
            JsonPointer pointer = pointer(axis.pointer(), at + ".pointer");
            JsonNode target = root.at(pointer);
            if (target.isMissingNode() || !target.isNumber() || !(root.at(pointer.head()) instanceof ObjectNode)) {
                throw new GridException(
                        at + ".pointer",
                        "is not a number of parameters.json",
                        "a JSON Pointer to a number in the version's parameters.json, e.g. "
                                + "/affordability/maxPaymentToIncome; numbers there: " + numbers(root));
            }
            if (seen.contains(axis.pointer())) {
                throw new GridException(at + ".pointer", "is named twice", "each pointer once, with all its values");
            }
            seen.add(axis.pointer());
            if (axis.values() == null || axis.values().isEmpty()) {
                throw new GridException(at + ".values", "is empty", "at least one number");
            }
        }
        long size;
        try {
            size = size(axes);
        } catch (ArithmeticException e) {
            size = Long.MAX_VALUE;
        }
        if (size > maxVariants) {
            throw new GridException(
                    field,
                    "gives " + size + " variants, more than " + maxVariants,
                    "at most " + maxVariants + " combinations (the product of the numbers of values)");
        }
        List<Variant> variants = new ArrayList<>();
        int[] at = new int[axes.size()];
        for (int index = 1; index <= size; index++) {
            ObjectNode copy = (ObjectNode) root.deepCopy();
            Map<String, BigDecimal> changes = new LinkedHashMap<>();
            for (int a = 0; a < axes.size(); a++) {
                Axis axis = axes.get(a);
                BigDecimal value = axis.values().get(at[a]);
                JsonPointer pointer = JsonPointer.compile(axis.pointer());
                ((ObjectNode) copy.at(pointer.head())).put(pointer.last().getMatchingProperty(), value);
                changes.put(axis.pointer(), value);
            }
            variants.add(new Variant(index, changes, JSON.writeValueAsBytes(copy)));
            for (int a = axes.size() - 1; a >= 0; a--) {
                if (++at[a] < axes.get(a).values().size()) {
                    break;
                }
                at[a] = 0;
            }
        }
        return variants;
    }

    private static JsonPointer pointer(String text, String field) {
        try {
            if (text == null || text.isEmpty()) {
                throw new IllegalArgumentException("empty");
            }
            return JsonPointer.compile(text);
        } catch (IllegalArgumentException | JacksonException e) {
            throw new GridException(
                    field, "is not a JSON Pointer", "a JSON Pointer such as /eligibility/minMonthlyIncome");
        }
    }

    /** The pointers of every number in the file, for the problem that names a wrong one. */
    private static String numbers(JsonNode root) {
        List<String> found = new ArrayList<>();
        collect("", root, found);
        return String.join(", ", found);
    }

    private static void collect(String prefix, JsonNode node, List<String> into) {
        if (node.isObject()) {
            for (var entry : node.properties()) {
                String key = entry.getKey().replace("~", "~0").replace("/", "~1");
                collect(prefix + "/" + key, entry.getValue(), into);
            }
        } else if (node.isNumber()) {
            into.add(prefix);
        }
    }
}

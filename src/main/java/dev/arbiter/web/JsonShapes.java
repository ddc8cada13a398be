package dev.arbiter.web;

import dev.arbiter.web.Problems.FieldProblem;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Checks a JSON tree against the shape of a request record before anything is bound, and
 * collects every field whose JSON type is wrong (a string is only a string: {@code true},
 * {@code 123} and {@code 1.5e3} are not application ids; an integer is an integer that fits),
 * rather than stopping at the first. Each offending value is taken out of the tree, so that
 * the rest can still be bound and validated and every problem reported in one answer.
 */
final class JsonShapes {

    private static final BigDecimal DOUBLE_MAX = new BigDecimal(Double.MAX_VALUE);

    private final AllowedValues allowed;

    JsonShapes(AllowedValues allowed) {
        this.allowed = allowed;
    }

    /** The problems found, in document order; the tree is left holding only well-typed values. */
    List<FieldProblem> check(Class<?> type, ObjectNode tree) {
        List<FieldProblem> problems = new ArrayList<>();
        record(type, tree, "", problems);
        return problems;
    }

    /**
     * Each request record's components by name, with their declared types: read by reflection
     * once per class (the JDK copies the components at every call), not once per request.
     */
    private static final ClassValue<Map<String, Type>> COMPONENTS = new ClassValue<>() {
        @Override
        protected Map<String, Type> computeValue(Class<?> type) {
            return Map.copyOf(Arrays.stream(type.getRecordComponents())
                    .collect(Collectors.toMap(RecordComponent::getName, RecordComponent::getGenericType)));
        }
    };

    private void record(Class<?> type, ObjectNode node, String path, List<FieldProblem> problems) {
        Map<String, Type> components = COMPONENTS.get(type);
        for (String name : List.copyOf(node.propertyNames())) {
            String field = path.isEmpty() ? name : path + "." + name;
            Type component = components.get(name);
            if (component == null) {
                problems.add(FieldProblem.of(
                        field,
                        "is not a field of this request",
                        "one of " + components.keySet().stream().sorted().collect(Collectors.joining(", "))));
                node.remove(name);
                continue;
            }
            String problem = value(component, node.get(name), field, problems);
            if (problem != null) {
                String expected = problem.equals(OUT_OF_RANGE) ? allowed.describe(type, name) : expected(component);
                problems.add(FieldProblem.of(field, problem, expected));
                node.remove(name);
            }
        }
    }

    private static final String WRONG_TYPE = "has the wrong type";
    private static final String OUT_OF_RANGE = "is out of range";

    /** Null when the value fits (its parts' problems already collected), else why it does not. */
    private String value(Type type, JsonNode value, String field, List<FieldProblem> problems) {
        if (value.isNull()) {
            return null; // whether it may be absent is bean validation's to say, with the field's constraints
        }
        Class<?> raw = raw(type);
        if (raw == String.class) {
            return value.isString() ? null : WRONG_TYPE;
        }
        if (raw == Integer.class || raw == int.class) {
            return !value.isIntegralNumber() ? WRONG_TYPE : value.canConvertToInt() ? null : OUT_OF_RANGE;
        }
        if (raw == Long.class || raw == long.class) {
            return !value.isIntegralNumber() ? WRONG_TYPE : value.canConvertToLong() ? null : OUT_OF_RANGE;
        }
        if (raw == BigDecimal.class) {
            return value.isNumber() ? null : WRONG_TYPE;
        }
        if (raw == Double.class || raw == double.class) {
            return !value.isNumber()
                    ? WRONG_TYPE
                    : value.decimalValue().abs().compareTo(DOUBLE_MAX) > 0 ? OUT_OF_RANGE : null;
        }
        if (raw == Boolean.class || raw == boolean.class) {
            return value.isBoolean() ? null : WRONG_TYPE;
        }
        if (raw.isRecord()) {
            if (!value.isObject()) {
                return WRONG_TYPE;
            }
            record(raw, (ObjectNode) value, field, problems);
            return null;
        }
        if (Map.class.isAssignableFrom(raw)) {
            return value.isObject() ? entries(argument(type, 1), (ObjectNode) value, field, problems) : WRONG_TYPE;
        }
        if (List.class.isAssignableFrom(raw)) {
            return value.isArray() ? elements(argument(type, 0), (ArrayNode) value, field, problems) : WRONG_TYPE;
        }
        // other types (instants, for one) are strings that binding reads, and reports in the same terms
        return null;
    }

    private String entries(Type valueType, ObjectNode map, String field, List<FieldProblem> problems) {
        if (valueType == Object.class) {
            return null; // free values: their own constraint (FlatMap) says what is allowed
        }
        for (String key : List.copyOf(map.propertyNames())) {
            String problem = value(valueType, map.get(key), field + "." + key, problems);
            if (problem != null) {
                problems.add(FieldProblem.of(field + "." + key, problem, expected(valueType)));
                map.remove(key);
            }
        }
        return null;
    }

    private String elements(Type elementType, ArrayNode array, String field, List<FieldProblem> problems) {
        for (int i = 0; i < array.size(); i++) {
            String problem = value(elementType, array.get(i), field + "[" + i + "]", problems);
            if (problem != null) {
                problems.add(FieldProblem.of(field + "[" + i + "]", problem, expected(elementType)));
                array.set(i, JsonNodeFactory.instance.nullNode());
            }
        }
        return null;
    }

    private static String expected(Type type) {
        Class<?> raw = raw(type);
        return raw.isRecord() ? "a JSON object" : AllowedValues.typeName(raw);
    }

    private static Class<?> raw(Type type) {
        if (type instanceof Class<?> c) {
            return c;
        }
        if (type instanceof ParameterizedType p && p.getRawType() instanceof Class<?> c) {
            return c;
        }
        return Object.class;
    }

    private static Type argument(Type type, int index) {
        if (type instanceof ParameterizedType p && p.getActualTypeArguments().length > index) {
            return p.getActualTypeArguments()[index];
        }
        return Object.class;
    }
}

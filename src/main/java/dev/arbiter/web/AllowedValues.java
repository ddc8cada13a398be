package dev.arbiter.web;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import jakarta.validation.metadata.ConstraintDescriptor;
import jakarta.validation.metadata.PropertyDescriptor;
import java.lang.annotation.Annotation;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Says in words what a field accepts, from the constraints declared on it, so that every
 * field error carries what would be valid without a second, drifting copy of the rules.
 */
final class AllowedValues {

    private final Validator validator;

    AllowedValues(Validator validator) {
        this.validator = validator;
    }

    String describe(ConstraintViolation<?> violation) {
        Object leaf = violation.getLeafBean();
        String property = lastPropertyName(violation);
        if (leaf == null || property == null) {
            return describeOne(violation.getConstraintDescriptor());
        }
        String text = describe(leaf.getClass(), property);
        // a key inside a flat map has no descriptor: the map's own constraint says what its values may be
        return text.isEmpty() ? describeOne(violation.getConstraintDescriptor()) : text;
    }

    /** What a property of a request type accepts: its type and every constraint on it; empty if it has none. */
    String describe(Class<?> owner, String property) {
        PropertyDescriptor descriptor = validator.getConstraintsForClass(owner).getConstraintsForProperty(property);
        if (descriptor == null) {
            return "";
        }
        List<String> parts = new ArrayList<>();
        parts.add(typeName(descriptor.getElementClass()));
        for (ConstraintDescriptor<?> c : descriptor.getConstraintDescriptors()) {
            String text = describeOne(c);
            if (!text.isEmpty()) {
                parts.add(text);
            }
        }
        return String.join(", ", parts);
    }

    private static String lastPropertyName(ConstraintViolation<?> violation) {
        String name = null;
        for (var node : violation.getPropertyPath()) {
            name = node.getName();
        }
        return name;
    }

    static String typeName(Class<?> type) {
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
            return "an integer";
        }
        if (type == BigDecimal.class || type == Double.class || type == double.class) {
            return "a number";
        }
        if (type == String.class) {
            return "a string";
        }
        if (Map.class.isAssignableFrom(type)) {
            return "an object of named values";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (java.util.List.class.isAssignableFrom(type)) {
            return "an array";
        }
        if (type == java.time.Instant.class) {
            return "an ISO-8601 instant such as 2026-11-01T00:00:00Z";
        }
        return "an object";
    }

    @SuppressWarnings("unchecked")
    private static String describeOne(ConstraintDescriptor<?> c) {
        Annotation a = c.getAnnotation();
        Map<String, Object> attrs = (Map<String, Object>) c.getAttributes();
        return switch (a.annotationType().getSimpleName()) {
            case "NotNull" -> "required";
            case "NotBlank" -> "required, not blank";
            case "Min", "DecimalMin" -> "at least " + attrs.get("value");
            case "Max", "DecimalMax" -> "at most " + attrs.get("value");
            case "Digits" -> "at most " + attrs.get("fraction") + " decimal places";
            case "Size" -> "size " + attrs.get("min") + " to " + attrs.get("max");
            case "Pattern" -> "matching " + attrs.get("regexp");
            case "OneOf" ->
                "one of "
                        + Arrays.stream(((Class<? extends Enum<?>>) attrs.get("value")).getEnumConstants())
                                .map(Enum::name)
                                .collect(Collectors.joining(", "));
            case "IsoCurrency" -> "an ISO 4217 currency code such as EUR, USD or CNY";
            case "FlatMap" ->
                "names of letters, digits and underscores mapped to numbers, strings (at most 256 characters) or booleans";
            default -> "";
        };
    }
}

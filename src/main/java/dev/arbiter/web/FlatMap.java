package dev.arbiter.web;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.Map;

/**
 * A flat map of named values: names of letters, digits and underscores (starting with a
 * letter, at most 64 characters), each value a number, a string of at most 256 characters,
 * or a boolean. Nested objects and arrays are refused so every value stays addressable by name.
 */
@Target({ElementType.FIELD, ElementType.RECORD_COMPONENT, ElementType.PARAMETER})
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = FlatMap.Validator.class)
public @interface FlatMap {

    String message() default "must map names to numbers, strings or booleans";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    final class Validator implements ConstraintValidator<FlatMap, Map<String, Object>> {
        @Override
        public boolean isValid(Map<String, Object> map, ConstraintValidatorContext context) {
            if (map == null) {
                return true;
            }
            boolean valid = true;
            context.disableDefaultConstraintViolation();
            for (Map.Entry<String, Object> entry : map.entrySet()) {
                String problem = problem(entry.getKey(), entry.getValue());
                if (problem != null) {
                    valid = false;
                    context.buildConstraintViolationWithTemplate(problem)
                            .addPropertyNode(entry.getKey())
                            .addConstraintViolation();
                }
            }
            return valid;
        }

        private static String problem(String name, Object value) {
            if (!name.matches("[A-Za-z][A-Za-z0-9_]{0,63}")) {
                return "name must start with a letter and hold only letters, digits and underscores (at most 64)";
            }
            if (value instanceof String s) {
                return s.length() > 256 ? "string values may hold at most 256 characters" : null;
            }
            if (value instanceof Number || value instanceof Boolean) {
                return null;
            }
            return value == null ? "value must not be null" : "value must be a number, a string or a boolean";
        }
    }
}

package dev.arbiter.rules;

import dev.arbiter.web.DateRange;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/** Reads the path and query parameters of the authoring and report endpoints, refusing what does not fit. */
final class RequestParameters {

    private static final String VERSION_ALLOWED = "a ruleset version: 64 lowercase hexadecimal digits";
    private static final String INSTANT_ALLOWED =
            "an ISO-8601 instant such as 2026-11-01T00:00:00Z, " + DateRange.ALLOWED;

    private RequestParameters() {}

    static String version(String name, String value) {
        if (value == null || !value.matches("[0-9a-f]{64}")) {
            throw new RulesetProblemHandler.InvalidParameterException(
                    name, "is not a ruleset version", VERSION_ALLOWED);
        }
        return value;
    }

    static Instant instant(String name, String value) {
        if (value == null || value.isBlank()) {
            throw new RulesetProblemHandler.InvalidParameterException(name, "is required", INSTANT_ALLOWED);
        }
        Instant instant;
        try {
            instant = Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new RulesetProblemHandler.InvalidParameterException(name, "is not an instant", INSTANT_ALLOWED);
        }
        if (!DateRange.contains(instant)) {
            throw new RulesetProblemHandler.InvalidParameterException(name, DateRange.OUTSIDE, INSTANT_ALLOWED);
        }
        return instant;
    }

    /** A half-open period [from, to). */
    record Period(Instant from, Instant to) {}

    static Period period(String from, String to) {
        Instant start = instant("from", from);
        Instant end = instant("to", to);
        if (!start.isBefore(end)) {
            throw new RulesetProblemHandler.InvalidParameterException(
                    "to", "is not after from", "an instant after " + start);
        }
        return new Period(start, end);
    }
}

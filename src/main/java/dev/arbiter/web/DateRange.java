package dev.arbiter.web;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * The dates a client may give: years 1900 to 9999 (UTC). ISO 8601 parsers also accept
 * expanded years such as +999999999, which PostgreSQL cannot store and which mean nothing
 * for a credit decision; such a date must be a refused parameter, not a storage failure.
 */
public final class DateRange {

    static final LocalDate FIRST_DAY = LocalDate.of(1900, 1, 1);
    static final LocalDate LAST_DAY = LocalDate.of(9999, 12, 31);
    public static final String ALLOWED = "between 1900-01-01T00:00:00Z and 9999-12-31T23:59:59Z";
    public static final String OUTSIDE = "is outside the supported years 1900 to 9999";

    private static final Instant FIRST = FIRST_DAY.atStartOfDay(ZoneOffset.UTC).toInstant();
    private static final Instant AFTER_LAST =
            LAST_DAY.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();

    private DateRange() {}

    public static boolean contains(Instant instant) {
        return !instant.isBefore(FIRST) && instant.isBefore(AFTER_LAST);
    }

    public static boolean contains(LocalDate date) {
        return !date.isBefore(FIRST_DAY) && !date.isAfter(LAST_DAY);
    }
}

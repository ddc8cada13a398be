package dev.arbiter.fairness;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What a fairness report groups decisions by: the thin-file flag stored with each decision,
 * the applicant's age band, or a monitoring field the lender sent beside the application.
 *
 * @param monitoringField the field name for {@link Kind#MONITORING}, else null
 */
public record GroupBy(Kind kind, String monitoringField) {

    public enum Kind {
        THIN_FILE,
        AGE_BAND,
        MONITORING
    }

    public static final String ALLOWED = "thinFile, ageBand or monitoring.<field> (field: a letter, then letters, "
            + "digits or _, at most 64 characters)";

    private static final String MONITORING_PREFIX = "monitoring.";
    private static final Pattern FIELD = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,63}");

    /** Reads {@code thinFile}, {@code ageBand} or {@code monitoring.<field>}; empty for anything else. */
    public static Optional<GroupBy> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        if (text.equals("thinFile")) {
            return Optional.of(new GroupBy(Kind.THIN_FILE, null));
        }
        if (text.equals("ageBand")) {
            return Optional.of(new GroupBy(Kind.AGE_BAND, null));
        }
        if (text.startsWith(MONITORING_PREFIX)
                && FIELD.matcher(text.substring(MONITORING_PREFIX.length())).matches()) {
            return Optional.of(new GroupBy(Kind.MONITORING, text.substring(MONITORING_PREFIX.length())));
        }
        return Optional.empty();
    }

    /** The reference group used when none is given: the group a policy is usually measured against. */
    public Optional<String> defaultReference() {
        return switch (kind) {
            case THIN_FILE -> Optional.of("false");
            case AGE_BAND -> Optional.of(AgeBand.MIDDLE);
            case MONITORING -> Optional.empty();
        };
    }

    @Override
    public String toString() {
        return switch (kind) {
            case THIN_FILE -> "thinFile";
            case AGE_BAND -> "ageBand";
            case MONITORING -> MONITORING_PREFIX + monitoringField;
        };
    }
}

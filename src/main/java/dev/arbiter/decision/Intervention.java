package dev.arbiter.decision;

import java.util.Objects;

/**
 * One guardrail that acted on a decision: which one (a stable code, see {@link Guardrail}),
 * what it did to the outcome, and why in words.
 *
 * <p>Decisions stored before interventions were typed hold them as text
 * ({@code "DENY_WITHOUT_REASON: a denial needs ..."}); {@link #parse} reads it into exactly
 * the intervention the guardrail gives today, and {@link #text} writes that form back.
 *
 * @param guardrail the guardrail's stable code, e.g. {@code THIN_FILE_DENY_UNCORROBORATED}
 * @param from      the outcome the guardrail ruled on, or null when it changed the reasons only
 *                  (or, for {@code NO_OUTCOME}, when the rules set none)
 * @param to        the outcome it left, or null when it changed the reasons only
 * @param detail    why, for people: the reason code dropped, the evidence a denial stands on
 */
public record Intervention(String guardrail, Outcome from, Outcome to, String detail) {

    private static final String SEPARATOR = ": ";

    public Intervention {
        Objects.requireNonNull(guardrail, "guardrail");
    }

    /** The intervention as the text stored before interventions were typed. */
    public String text() {
        return detail == null ? guardrail : guardrail + SEPARATOR + detail;
    }

    /** One stored guardrail note, {@code CODE: detail}; a code this version does not know keeps null outcomes. */
    public static Intervention parse(String legacy) {
        int colon = legacy.indexOf(SEPARATOR);
        String code = colon < 0 ? legacy : legacy.substring(0, colon);
        String detail = colon < 0 ? null : legacy.substring(colon + SEPARATOR.length());
        return Guardrail.known(code)
                .map(guardrail -> guardrail.intervention(detail))
                .orElseGet(() -> new Intervention(code, null, null, detail));
    }
}

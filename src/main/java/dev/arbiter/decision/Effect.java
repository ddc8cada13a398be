package dev.arbiter.decision;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * One thing a fired rule did to the verdict, as data a reader can test without parsing text.
 *
 * <p>Decisions stored before effects were typed hold them as text ({@code "DENY R-DTI"},
 * {@code "DENY; REASON R-TERM from primary-credit"}); {@link #parseAll} reads that text into
 * exactly the effects the same rules give today, so a replay of an old record compares equal,
 * and {@link #text} writes an effect back in that form for people.
 *
 * @param kind       what the step did
 * @param reasonCode the reason code it gave or passed over, or null
 * @param detail     what else it said: the terms of an approval, the model a reason came from,
 *                   or null
 */
public record Effect(EffectKind kind, String reasonCode, String detail) {

    private static final String SEPARATOR = "; ";
    private static final String NONE = "NONE";
    private static final String SKIPPED = "SKIPPED unknown reason code ";

    public Effect {
        Objects.requireNonNull(kind, "kind");
    }

    public static Effect deny(String reasonCode) {
        return new Effect(EffectKind.DENY, reasonCode, null);
    }

    /** Approved on these terms, written as the trace always showed them. */
    public static Effect approve(String creditLimit, String apr) {
        return new Effect(EffectKind.APPROVE, null, "limit " + creditLimit + " apr " + apr);
    }

    /** The effect as the text stored before effects were typed. */
    public String text() {
        return switch (kind) {
            case DENY, REFER, APPROVE ->
                kind + (reasonCode != null ? " " + reasonCode : detail != null ? " " + detail : "");
            case REASON -> "REASON " + reasonCode;
            case FACTOR_REASON -> "REASON " + reasonCode + " from " + detail;
            case SKIPPED_REASON -> SKIPPED + reasonCode + " from " + detail;
            case OTHER -> detail;
        };
    }

    /** A fired rule's stored effect text ({@code "NONE"} or steps joined by {@code "; "}) as effects. */
    public static List<Effect> parseAll(String legacy) {
        if (legacy == null || legacy.isBlank() || legacy.equals(NONE)) {
            return List.of();
        }
        return Arrays.stream(legacy.split(SEPARATOR)).map(Effect::parse).toList();
    }

    /** One stored step, e.g. {@code "DENY R-DTI"} or {@code "APPROVE limit 4000.00 apr 0.0690"}. */
    public static Effect parse(String legacy) {
        String[] words = legacy.split(" ");
        if (legacy.startsWith(SKIPPED)) {
            String[] rest = legacy.substring(SKIPPED.length()).split(" ");
            if (rest.length == 3 && rest[1].equals("from")) {
                return new Effect(EffectKind.SKIPPED_REASON, rest[0], rest[2]);
            }
        } else if (words[0].equals("REASON") && words.length == 2) {
            return new Effect(EffectKind.REASON, words[1], null);
        } else if (words[0].equals("REASON") && words.length == 4 && words[2].equals("from")) {
            return new Effect(EffectKind.FACTOR_REASON, words[1], words[3]);
        } else if (words[0].equals("APPROVE") && words.length > 1 && words[1].equals("limit")) {
            return new Effect(EffectKind.APPROVE, null, legacy.substring("APPROVE ".length()));
        } else if (isOutcome(words[0]) && words.length <= 2) {
            return new Effect(EffectKind.valueOf(words[0]), words.length == 2 ? words[1] : null, null);
        }
        return new Effect(EffectKind.OTHER, null, legacy);
    }

    private static boolean isOutcome(String word) {
        return word.equals("DENY") || word.equals("REFER") || word.equals("APPROVE");
    }
}

package dev.arbiter.decision;

import java.util.List;

/**
 * One rule that fired, in firing order, with its metadata and what it did.
 *
 * @param ruleCode   the rule's stable code, e.g. {@code KO-01}
 * @param reasonCode the reason code the rule produces, or null when it produces none
 * @param effects    what the rule did to the verdict, step by step; empty when it changed nothing
 */
public record FiredRule(int order, String name, String ruleCode, String reasonCode, List<Effect> effects) {

    public FiredRule {
        effects = effects == null ? List.of() : List.copyOf(effects);
    }

    /** Whether the rule itself denied for this reason, rather than passing on a model's factors. */
    public boolean deniedFor(String code) {
        return code != null
                && effects.stream().anyMatch(e -> e.kind() == EffectKind.DENY && code.equals(e.reasonCode()));
    }

    /** Whether the rule set or supported this outcome in any of its steps. */
    public boolean gave(Outcome outcome) {
        return effects.stream().anyMatch(e -> e.kind().name().equals(outcome.name()));
    }
}

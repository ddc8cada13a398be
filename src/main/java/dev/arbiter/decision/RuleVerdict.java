package dev.arbiter.decision;

import java.util.List;

/**
 * What the active ruleset concluded. {@code outcome} is null when no rule set one; the
 * reasons are ranked, most important first; {@code terms} is null unless rules approved.
 */
public record RuleVerdict(
        String rulesetVersion, Outcome outcome, List<Reason> reasons, Terms terms, List<FiredRule> firedRules) {

    public RuleVerdict {
        reasons = List.copyOf(reasons);
        firedRules = List.copyOf(firedRules);
    }
}

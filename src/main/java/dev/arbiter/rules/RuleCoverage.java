package dev.arbiter.rules;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** How often each rule of a version fired over a period, so rules that never fire stand out. */
public final class RuleCoverage {

    private final DecisionHistory history;

    public RuleCoverage(DecisionHistory history) {
        this.history = history;
    }

    public record Report(
            String version, Instant from, Instant to, long decisions, List<RuleCount> rules, List<String> neverFired) {}

    /** @param share fraction of the version's decisions in which the rule fired */
    public record RuleCount(String ruleCode, String name, long fired, double share) {}

    public Report of(CompiledRuleset ruleset, Instant from, Instant to) {
        long decisions = history.decisions(ruleset.version(), from, to);
        Map<String, Long> counts = history.firedRuleCounts(ruleset.version(), from, to);
        List<RuleCount> rules = ruleset.rules().stream()
                .map(rule -> {
                    long fired = counts.getOrDefault(rule.ruleCode(), 0L);
                    return new RuleCount(
                            rule.ruleCode(),
                            rule.name(),
                            fired,
                            decisions == 0 ? 0 : Math.round(10_000.0 * fired / decisions) / 10_000.0);
                })
                .toList();
        List<String> never = rules.stream()
                .filter(r -> r.fired() == 0)
                .map(RuleCount::ruleCode)
                .toList();
        return new Report(ruleset.version(), from, to, decisions, rules, never);
    }
}

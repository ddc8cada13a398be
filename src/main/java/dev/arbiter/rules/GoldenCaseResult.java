package dev.arbiter.rules;

import dev.arbiter.decision.Decision;
import dev.arbiter.decision.FiredRule;
import dev.arbiter.decision.Reason;
import java.util.List;

/** A golden case run: the decision reached and every way it differs from the expectation. */
public record GoldenCaseResult(GoldenCase goldenCase, Decision decision, List<String> mismatches) {

    public GoldenCaseResult {
        mismatches = List.copyOf(mismatches);
    }

    public boolean passed() {
        return mismatches.isEmpty();
    }

    public List<String> reasonCodes() {
        return decision.reasons().stream().map(Reason::code).toList();
    }

    public List<String> firedRuleCodes() {
        return decision.firedRules().stream().map(FiredRule::ruleCode).toList();
    }
}

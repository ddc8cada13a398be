package dev.arbiter.rules;

import java.util.List;

/** A version's golden cases run against it. A version without cases passes nothing and fails nothing. */
public record RulesetTestReport(String version, List<GoldenCaseResult> results) {

    public RulesetTestReport {
        results = List.copyOf(results);
    }

    public boolean passed() {
        return results.stream().allMatch(GoldenCaseResult::passed);
    }

    public long failures() {
        return results.stream().filter(result -> !result.passed()).count();
    }
}

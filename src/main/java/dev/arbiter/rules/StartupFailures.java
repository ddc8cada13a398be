package dev.arbiter.rules;

import java.util.stream.Collectors;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Turns a broken ruleset into a start-up report that lists every
 * problem with its position, instead of a stack trace the reader must dig through.
 */
final class StartupFailures {

    private StartupFailures() {}

    static final class BrokenRuleset extends AbstractFailureAnalyzer<RulesetCompilationException> {
        @Override
        protected FailureAnalysis analyze(Throwable root, RulesetCompilationException e) {
            String errors = e.errors().stream().map(error -> "  " + error).collect(Collectors.joining("\n"));
            return new FailureAnalysis(
                    "The ruleset does not compile; Arbiter will not start on a broken ruleset ("
                            + e.errors().size() + " error(s), as file:line:column: message):\n" + errors,
                    "Fix the files named above (or point ARBITER_RULES_DIR at a ruleset that compiles) and start again.",
                    e);
        }
    }
}

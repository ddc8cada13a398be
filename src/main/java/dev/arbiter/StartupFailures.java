package dev.arbiter;

import dev.arbiter.ensemble.EnsembleConfigException;
import dev.arbiter.rules.RulesetCompilationException;
import java.util.stream.Collectors;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Turns a broken ruleset or ensemble configuration into a start-up report that lists every
 * problem with its position, instead of a stack trace the reader must dig through.
 */
final class StartupFailures {

    private StartupFailures() {
    }

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

    static final class BrokenEnsemble extends AbstractFailureAnalyzer<EnsembleConfigException> {
        @Override
        protected FailureAnalysis analyze(Throwable root, EnsembleConfigException e) {
            String problems = e.problems().stream().map(p -> "  " + p).collect(Collectors.joining("\n"));
            return new FailureAnalysis("The model ensemble configuration is invalid:\n" + problems,
                    "Fix engine/ensemble.yaml (see docs/ensemble.md) and start again.", e);
        }
    }
}

package dev.arbiter.ensemble;

import java.util.stream.Collectors;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Turns an invalid ensemble configuration into a start-up report listing every problem, not a stack trace. */
final class BrokenEnsembleAnalyzer extends AbstractFailureAnalyzer<EnsembleConfigException> {

    @Override
    protected FailureAnalysis analyze(Throwable root, EnsembleConfigException e) {
        String problems = e.problems().stream().map(p -> "  " + p).collect(Collectors.joining("\n"));
        return new FailureAnalysis(
                "The model ensemble configuration is invalid:\n" + problems,
                "Fix engine/ensemble.yaml (see docs/ensemble.md) and start again.",
                e);
    }
}

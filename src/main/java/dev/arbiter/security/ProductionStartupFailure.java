package dev.arbiter.security;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Says plainly which local-only setting the production profile refused, and what to set instead. */
final class ProductionStartupFailure extends AbstractFailureAnalyzer<ProductionRefusedException> {

    @Override
    protected FailureAnalysis analyze(Throwable root, ProductionRefusedException e) {
        return new FailureAnalysis(
                "Arbiter refuses to start in the production profile: " + e.getMessage() + ".", e.action(), e);
    }
}

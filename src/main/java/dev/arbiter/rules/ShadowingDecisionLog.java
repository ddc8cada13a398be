package dev.arbiter.rules;

import dev.arbiter.decision.DecisionLog;
import dev.arbiter.decision.DecisionService;
import dev.arbiter.decision.StoredDecision;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * The decision log, plus: once a decision is stored, the challenger (if one runs) decides it
 * again from the same recorded features and model answers, and its outcome is kept beside it.
 * The client never sees the challenger's answer, and a challenger that fails costs a log line,
 * never a decision.
 */
public final class ShadowingDecisionLog implements DecisionLog {

    private static final Logger log = LoggerFactory.getLogger(ShadowingDecisionLog.class);

    private final DecisionLog decisions;
    private final ShadowRuleset shadow;
    private final ShadowLog shadows;
    private final Supplier<DecisionService> service;

    /** {@code service} is looked up late: the decision service itself writes through this log. */
    public ShadowingDecisionLog(DecisionLog decisions, ShadowRuleset shadow, ShadowLog shadows,
                                Supplier<DecisionService> service) {
        this.decisions = decisions;
        this.shadow = shadow;
        this.shadows = shadows;
        this.service = service;
    }

    @Override
    public Optional<StoredDecision> find(UUID decisionId) {
        return decisions.find(decisionId);
    }

    @Override
    public Optional<StoredDecision> findByApplicationId(String clientId, String applicationId) {
        return decisions.findByApplicationId(clientId, applicationId);
    }

    @Override
    public void append(StoredDecision decision) {
        decisions.append(decision);
        shadow.current().ifPresent(challenger -> {
            try {
                var again = service.get().reevaluate(decision, new DroolsRuleEvaluator(challenger));
                shadows.record(decision.decision().id(), again);
            } catch (RuntimeException e) {
                log.warn("challenger {} could not shadow decision {}: {}", challenger.version(),
                        decision.decision().id(), e.toString());
            }
        });
    }
}

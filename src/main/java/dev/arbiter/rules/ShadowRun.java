package dev.arbiter.rules;

import dev.arbiter.decision.DecisionLog;
import dev.arbiter.decision.DecisionService;
import dev.arbiter.recording.DecisionRecorded;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.modulith.events.ApplicationModuleListener;

/**
 * Once a decision is committed, the challenger (if one runs) decides it again from the same
 * recorded features and model answers, and its outcome is kept beside it. It runs after the
 * commit, off the request thread, from the event publication registry: a crash before it ran
 * leaves the publication outstanding, and it runs at the next start. The client never sees the
 * challenger's answer, and a challenger that fails costs a log line, never a decision.
 */
public final class ShadowRun {

    private static final Logger log = LoggerFactory.getLogger(ShadowRun.class);

    private final ShadowRuleset shadow;
    private final ShadowLog shadows;
    private final DecisionLog decisions;
    private final DecisionService service;

    public ShadowRun(ShadowRuleset shadow, ShadowLog shadows, DecisionLog decisions, DecisionService service) {
        this.shadow = shadow;
        this.shadows = shadows;
        this.decisions = decisions;
        this.service = service;
    }

    @ApplicationModuleListener
    void on(DecisionRecorded recorded) {
        shadow.current().ifPresent(challenger -> decisions.find(recorded.decisionId()).ifPresent(stored -> {
            try {
                shadows.record(recorded.decisionId(), service.reevaluate(stored, new DroolsRuleEvaluator(challenger)));
            } catch (RuntimeException e) {
                log.warn("challenger {} could not shadow decision {}: {}", challenger.version(),
                        recorded.decisionId(), e.toString());
            }
        }));
    }
}

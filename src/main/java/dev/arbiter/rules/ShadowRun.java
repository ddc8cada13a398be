package dev.arbiter.rules;

import dev.arbiter.decision.DecisionLog;
import dev.arbiter.decision.DecisionService;
import dev.arbiter.recording.DecisionRecorded;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.modulith.events.ApplicationModuleListener;

/**
 * Once a decision is committed, the challenger that ran when it was made (if one did) decides
 * it again from the same recorded features and model answers, and its outcome is kept beside
 * it. Which challenger is settled in the decision's own transaction ({@link ShadowDue}); the run
 * itself happens after the commit, off the request thread, from the event publication registry,
 * so a crash before it ran leaves it outstanding for the next start. The client never sees the
 * challenger's answer, and a challenger that fails costs a log line, never a decision.
 */
public class ShadowRun {

    private static final Logger log = LoggerFactory.getLogger(ShadowRun.class);

    /** A decision the named challenger is to decide again. */
    public record ShadowDue(UUID decisionId, String challengerVersion) {}

    private final ShadowRuleset shadow;
    private final ShadowLog shadows;
    private final DecisionLog decisions;
    private final DecisionService service;
    private final StoredRulesets rulesets;
    private final ApplicationEventPublisher events;

    public ShadowRun(
            ShadowRuleset shadow,
            ShadowLog shadows,
            DecisionLog decisions,
            DecisionService service,
            StoredRulesets rulesets,
            ApplicationEventPublisher events) {
        this.shadow = shadow;
        this.shadows = shadows;
        this.decisions = decisions;
        this.service = service;
        this.rulesets = rulesets;
        this.events = events;
    }

    /** Runs in the decision's transaction: notes which challenger, if any, runs now. */
    @EventListener
    public void due(DecisionRecorded recorded) {
        shadow.current()
                .ifPresent(
                        challenger -> events.publishEvent(new ShadowDue(recorded.decisionId(), challenger.version())));
    }

    @ApplicationModuleListener
    public void run(ShadowDue due) {
        // the cache holds the running challenger; a version stopped since is compiled again
        rulesets.evaluator(due.challengerVersion())
                .ifPresent(rules -> decisions.find(due.decisionId()).ifPresent(stored -> {
                    try {
                        shadows.record(due.decisionId(), service.reevaluate(stored, rules));
                    } catch (RuntimeException e) {
                        log.warn(
                                "challenger {} could not shadow decision {}: {}",
                                due.challengerVersion(),
                                due.decisionId(),
                                e.toString());
                    }
                }));
    }
}

package dev.arbiter.recording;

import dev.arbiter.decision.Decision;
import dev.arbiter.decision.Outcome;
import java.time.Instant;
import java.util.UUID;

/**
 * A decision was committed. Published in the decision's own transaction and kept in the event
 * publication registry until every listener has handled it, so work that follows a commit
 * survives a crash and never runs on the request thread.
 */
public record DecisionRecorded(
        UUID decisionId, String applicationId, Outcome outcome, String rulesetVersion, Instant decidedAt) {

    static DecisionRecorded of(Decision d) {
        return new DecisionRecorded(d.id(), d.applicationId(), d.outcome(), d.rulesetVersion(), d.decidedAt());
    }
}

package dev.arbiter.decision;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A decision as data: the outcome with its reasons and terms, and everything it was made
 * from (features, every model answer, every fired rule, every guardrail that intervened).
 */
public record Decision(
        UUID id,
        String applicationId,
        Outcome outcome,
        List<Reason> reasons,
        Terms terms,
        String rulesetVersion,
        String ensembleVersion,
        Features features,
        List<ModelScore> scores,
        List<FiredRule> firedRules,
        List<Intervention> guardrails,
        Instant decidedAt) {

    public Decision {
        reasons = List.copyOf(reasons);
        scores = List.copyOf(scores);
        firedRules = List.copyOf(firedRules);
        guardrails = List.copyOf(guardrails);
    }
}

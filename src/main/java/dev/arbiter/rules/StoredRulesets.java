package dev.arbiter.rules;

import dev.arbiter.decision.RuleEvaluator;
import java.util.Optional;

/** Port: the rules of any stored ruleset version, ready to evaluate, for replaying past decisions. */
public interface StoredRulesets {

    /** Empty when no ruleset with that version is stored. */
    Optional<RuleEvaluator> evaluator(String version);
}

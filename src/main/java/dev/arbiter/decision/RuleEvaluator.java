package dev.arbiter.decision;

import java.util.List;

/** Port: runs a ruleset over an application, its features and its model scores. */
public interface RuleEvaluator {

    RuleVerdict evaluate(Application application, Features features, List<ModelScore> scores);
}

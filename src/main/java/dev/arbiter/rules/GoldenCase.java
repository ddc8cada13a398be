package dev.arbiter.rules;

import dev.arbiter.decision.Application;
import dev.arbiter.decision.ModelScore;
import dev.arbiter.decision.Outcome;
import java.math.BigDecimal;
import java.util.List;

/**
 * One stored case: an application, the model answers it assumes, and the decision the
 * ruleset must reach.
 *
 * @param file the case file's name, e.g. {@code deny-under-age.json}
 */
public record GoldenCase(
        String file,
        String name,
        String description,
        Application application,
        List<ModelScore> scores,
        Expectation expected) {

    public GoldenCase {
        scores = List.copyOf(scores);
    }

    /**
     * What the decision must be. {@code reasons} are reason codes in rank order (empty when
     * none); {@code firedRules}, {@code creditLimit} and {@code apr} are checked only when given.
     */
    public record Expectation(
            Outcome outcome, List<String> reasons, List<String> firedRules, BigDecimal creditLimit, BigDecimal apr) {

        public Expectation {
            reasons = reasons == null ? List.of() : List.copyOf(reasons);
            firedRules = firedRules == null ? null : List.copyOf(firedRules);
        }
    }

    @Override
    public String toString() {
        return name;
    }
}

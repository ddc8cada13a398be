package dev.arbiter.decision;

import java.util.List;

/** Model answers for unit tests of the core; the applications are {@link TestApplications}. */
final class DecisionFixtures {

    private DecisionFixtures() {}

    static ModelScore primary(double risk, double confidence) {
        return new ModelScore(
                ModelRole.PRIMARY,
                "primary-credit",
                "1",
                "in-process",
                1,
                "always",
                ModelStatus.OK,
                risk,
                confidence,
                List.of(new ScoreFactor("R-TERM", "termMonths", "24", 0.3)),
                1,
                "{}");
    }
}

package dev.arbiter.rules;

import dev.arbiter.decision.Application;
import dev.arbiter.decision.ModelRole;
import dev.arbiter.decision.ModelScore;
import dev.arbiter.decision.ModelStatus;
import dev.arbiter.decision.ScoreFactor;
import dev.arbiter.decision.TestApplications;
import java.util.List;

/** Model answers for rule tests, named for what they are; the applicants are {@link TestApplications}. */
final class Applications {

    private Applications() {}

    /** The regular applicant at another age. */
    static Application applicantAged(int age) {
        return TestApplications.like(TestApplications.regularApplicant())
                .id("T-" + age + "-250")
                .age(age)
                .build();
    }

    static ModelScore primaryRisk(double risk, ScoreFactor... factors) {
        return new ModelScore(
                ModelRole.PRIMARY,
                "primary-credit",
                "test",
                "EU",
                1,
                "always",
                ModelStatus.OK,
                risk,
                0.9,
                List.of(factors),
                12,
                null);
    }

    static ModelScore primaryTimedOut() {
        return new ModelScore(
                ModelRole.PRIMARY,
                "primary-credit",
                "test",
                "EU",
                1,
                "always",
                ModelStatus.TIMEOUT,
                null,
                null,
                List.of(),
                800,
                null);
    }

    static ModelScore cleanFraudScreen() {
        return new ModelScore(
                ModelRole.FRAUD,
                "fraud-screen",
                "test",
                "EU",
                1,
                "always",
                ModelStatus.OK,
                0.02,
                0.9,
                List.of(),
                5,
                null);
    }

    static ScoreFactor factor(String reasonCode, double contribution) {
        return new ScoreFactor(reasonCode, "input", "value", contribution);
    }
}

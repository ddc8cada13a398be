package dev.arbiter.rules;

import dev.arbiter.decision.Applicant;
import dev.arbiter.decision.Application;
import dev.arbiter.decision.Attributes;
import dev.arbiter.decision.CreditFile;
import dev.arbiter.decision.Device;
import dev.arbiter.decision.Housing;
import dev.arbiter.decision.ModelRole;
import dev.arbiter.decision.ModelScore;
import dev.arbiter.decision.ModelStatus;
import dev.arbiter.decision.Product;
import dev.arbiter.decision.ScoreFactor;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/** Applicants and model answers for rule tests, named for what they are. */
final class Applications {

    private Applications() {}

    /** 34, earns 3200 a month, 250 of existing debt, a clean five-year file, asks 5000 over 24 months. */
    static Application regularApplicant() {
        return applicant(34, new BigDecimal("250"));
    }

    static Application applicantAged(int age) {
        return applicant(age, new BigDecimal("250"));
    }

    /** Debt-to-income (1400 + 208.33) / 3200 = 0.50, above the 0.45 maximum. */
    static Application overIndebtedApplicant() {
        return applicant(34, new BigDecimal("1400"));
    }

    private static Application applicant(int age, BigDecimal monthlyDebt) {
        return new Application(
                "T-" + age + "-" + monthlyDebt,
                Product.PERSONAL_LOAN,
                new BigDecimal("5000"),
                "EUR",
                24,
                "CAR_USED",
                "EU",
                new Applicant(age, new BigDecimal("3200"), 48, Housing.RENT, 1),
                new CreditFile(60, 3, 0, 0, 1, monthlyDebt, 710),
                null,
                new Device("DE", 400, 2000),
                new Attributes(Map.of("checkingStatus", "NONE")));
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

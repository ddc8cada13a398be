package dev.arbiter.decision;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/** Core objects for unit tests, named for who they describe. */
final class DecisionFixtures {

    private DecisionFixtures() {}

    static Application steadyEmployedRenter(String applicationId) {
        return new Application(
                applicationId,
                Product.PERSONAL_LOAN,
                new BigDecimal("4000"),
                "EUR",
                24,
                "CAR_USED",
                "EU",
                new Applicant(38, new BigDecimal("3800"), 96, Housing.RENT, 1),
                new CreditFile(120, 3, 0, 0, 1, new BigDecimal("300"), 730),
                null,
                new Device("DE", 700, 3000),
                new Attributes(Map.of("checkingStatus", "NONE")));
    }

    static Application noCreditFile(String applicationId) {
        Application a = steadyEmployedRenter(applicationId);
        return new Application(
                a.applicationId(),
                a.product(),
                a.requestedAmount(),
                a.currency(),
                a.termMonths(),
                a.purpose(),
                a.dataRegion(),
                a.applicant(),
                null,
                a.alternativeData(),
                a.device(),
                a.attributes());
    }

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

package dev.arbiter.tools;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arbiter.decision.Application;
import dev.arbiter.decision.Decision;
import dev.arbiter.decision.DecisionService;
import dev.arbiter.decision.FeatureDeriver;
import dev.arbiter.decision.Guardrails;
import dev.arbiter.decision.ModelRole;
import dev.arbiter.decision.ModelScore;
import dev.arbiter.decision.Outcome;
import dev.arbiter.decision.TestApplications;
import dev.arbiter.decision.ThinFileDefinition;
import dev.arbiter.ensemble.RoutedEnsemble;
import dev.arbiter.rules.DroolsRuleEvaluator;
import dev.arbiter.rules.Ruleset;
import dev.arbiter.rules.RulesetCompiler;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The shipped ensemble, rules and guardrails together, as the service runs them (nothing stored). */
class ShippedPolicyTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-01T00:00:00Z"), ZoneOffset.UTC);
    private static RoutedEnsemble ensemble;
    private static DecisionService service;

    @BeforeAll
    static void shipped() throws Exception {
        ensemble = RoutedEnsemble.load(Path.of("engine"), CLOCK);
        var rules = new DroolsRuleEvaluator(new RulesetCompiler().compile(Ruleset.load(Path.of("rules"))));
        service = new DecisionService(
                new FeatureDeriver(ThinFileDefinition.DEFAULT, CLOCK),
                ensemble,
                rules,
                null,
                CLOCK,
                UUID::randomUUID,
                new Guardrails());
    }

    @AfterAll
    static void close() {
        ensemble.close();
    }

    @Test
    void aRealisticThirtyYearMortgageIsApprovedInFull() {
        Decision d = service.evaluate(mortgage("USD", 760));

        assertThat(d.outcome()).as(d.toString()).isEqualTo(Outcome.APPROVE);
        assertThat(d.terms().creditLimit()).isEqualByComparingTo("150000");
        assertThat(d.features().monthlyPayment()).isEqualByComparingTo("997.95");
        assertThat(primary(d).modelId()).isEqualTo("bureau-score");
        assertThat(primary(d).outOfDomain()).isFalse();
        assertThat(d.reasons()).extracting(r -> r.code()).doesNotContain("R-AMOUNT", "R-TERM");
    }

    @Test
    void aMortgageOutsideEveryModelsDomainIsFlaggedAskedAgainAndNotDeniedOnTheScore() {
        Decision d = service.evaluate(mortgage("EUR", 520));

        ModelScore primary = primary(d);
        assertThat(primary.outOfDomain()).isTrue();
        assertThat(primary.confidence()).isEqualTo(0.5);
        assertThat(d.scores())
                .filteredOn(s -> s.role() == ModelRole.SECOND_OPINION)
                .extracting(ModelScore::trigger)
                .contains("out-of-domain");
        assertThat(d.outcome()).as(d.toString()).isNotEqualTo(Outcome.DENY);
    }

    @Test
    void theGermanPersonalLoansStayInsideThePrimaryModelsDomain() throws Exception {
        var row = GermanCredit.read(GermanCredit.SHIPPED_FILE).get(0);

        Decision d = service.evaluate(row.application());

        assertThat(primary(d).modelId()).isEqualTo("primary-credit");
        assertThat(primary(d).outOfDomain()).isFalse();
    }

    private static ModelScore primary(Decision d) {
        return d.scores().stream()
                .filter(s -> s.role() == ModelRole.PRIMARY)
                .findFirst()
                .orElseThrow();
    }

    private static Application mortgage(String currency, int bureauScore) {
        return TestApplications.like(TestApplications.thirtyYearMortgage())
                .id("m-" + currency)
                .currency(currency)
                .bureauScore(bureauScore)
                .build();
    }
}

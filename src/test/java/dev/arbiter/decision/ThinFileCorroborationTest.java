package dev.arbiter.decision;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The core guardrail: a thin-file DENY needs corroboration, whatever the rules say. */
class ThinFileCorroborationTest {

    private final FeatureDeriver deriver = new FeatureDeriver(
            ThinFileDefinition.DEFAULT, Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC));
    private final Features thin = deriver.derive(TestApplications.like(TestApplications.steadyEmployedRenter("thin"))
            .noCreditFile()
            .build());
    private final Features thick = deriver.derive(TestApplications.steadyEmployedRenter("thick"));

    private static final Reason TERM = new Reason("R-TERM", "Length of the requested term");
    private static final Reason DTI = new Reason("R-DTI", "Excessive obligations in relation to income");

    private static RuleVerdict denial(List<Reason> reasons, FiredRule... fired) {
        return new RuleVerdict("v1", Outcome.DENY, reasons, null, List.of(fired));
    }

    private static ModelScore secondOpinion(double risk, double confidence) {
        return new ModelScore(
                ModelRole.SECOND_OPINION,
                "cash-flow",
                "1.0.0",
                "in-process",
                1,
                "thin-file",
                ModelStatus.OK,
                risk,
                confidence,
                List.of(),
                1,
                "{}");
    }

    private static final FiredRule PRIMARY_DENIAL = new FiredRule(
            1,
            "RK-01 primary risk above review band",
            "RK-01",
            null,
            List.of(
                    new Effect(EffectKind.DENY, null, null),
                    new Effect(EffectKind.FACTOR_REASON, "R-TERM", "primary-credit")));

    @Test
    void thinFileApplicantIsNotDeniedOnPrimaryScoreAlone() {
        var guarded = new Guardrails()
                .apply(denial(List.of(TERM), PRIMARY_DENIAL), thin, List.of(DecisionFixtures.primary(0.7, 0.5)));

        assertThat(guarded.outcome()).isEqualTo(Outcome.REFER);
        assertThat(guarded.reasons()).containsExactly(TERM);
        assertThat(guarded.notes()).singleElement().satisfies(note -> {
            assertThat(note.guardrail()).isEqualTo("THIN_FILE_DENY_UNCORROBORATED");
            assertThat(note.from()).isEqualTo(Outcome.DENY);
            assertThat(note.to()).isEqualTo(Outcome.REFER);
            assertThat(note.detail()).contains("tf-1").contains("NO_CREDIT_FILE");
        });
    }

    @Test
    void aThickFileDenialOnThePrimaryScoreStands() {
        var guarded = new Guardrails()
                .apply(denial(List.of(TERM), PRIMARY_DENIAL), thick, List.of(DecisionFixtures.primary(0.7, 1.0)));

        assertThat(guarded.outcome()).isEqualTo(Outcome.DENY);
        assertThat(guarded.notes()).isEmpty();
    }

    @Test
    void anAffordabilityRuleThatGaveAReasonCorroboratesTheDenial() {
        var affordability =
                new FiredRule(1, "AF-01 debt-to-income above maximum", "AF-01", "R-DTI", List.of(Effect.deny("R-DTI")));

        var guarded = new Guardrails()
                .apply(
                        denial(List.of(DTI, TERM), affordability, PRIMARY_DENIAL),
                        thin,
                        List.of(DecisionFixtures.primary(0.7, 0.5)));

        assertThat(guarded.outcome()).isEqualTo(Outcome.DENY);
        assertThat(guarded.notes()).singleElement().satisfies(note -> {
            assertThat(note.guardrail()).isEqualTo("THIN_FILE_DENY_CORROBORATED");
            assertThat(note.detail()).contains("AF-01 (R-DTI)");
        });
    }

    @Test
    void aConfidentSecondOpinionThatAgreesCorroboratesTheDenial() {
        var guarded = new Guardrails()
                .apply(
                        denial(List.of(TERM), PRIMARY_DENIAL),
                        thin,
                        List.of(DecisionFixtures.primary(0.7, 0.5), secondOpinion(0.62, 0.45)));

        assertThat(guarded.outcome()).isEqualTo(Outcome.DENY);
        assertThat(guarded.notes())
                .singleElement()
                .extracting(Intervention::detail)
                .asString()
                .contains("second opinion cash-flow");
    }

    @Test
    void anUnsureOrDisagreeingSecondOpinionDoesNotCorroborate() {
        for (ModelScore weak : List.of(secondOpinion(0.62, 0.1), secondOpinion(0.3, 0.9))) {
            var guarded = new Guardrails()
                    .apply(
                            denial(List.of(TERM), PRIMARY_DENIAL),
                            thin,
                            List.of(DecisionFixtures.primary(0.7, 0.5), weak));

            assertThat(guarded.outcome()).isEqualTo(Outcome.REFER);
        }
    }

    @Test
    void theGuardrailCanBeLeftOutOnlyOnPurpose() {
        var guarded = new Guardrails(null)
                .apply(denial(List.of(TERM), PRIMARY_DENIAL), thin, List.of(DecisionFixtures.primary(0.7, 0.5)));

        assertThat(guarded.outcome()).isEqualTo(Outcome.DENY);
    }

    @Test
    void theDecisionServiceAppliesItToWhatTheRulesConcluded() {
        RuleEvaluator denyAlways = (application, features, scores) -> denial(List.of(TERM), PRIMARY_DENIAL);
        var service = new DecisionService(
                deriver,
                (application, features) -> List.of(DecisionFixtures.primary(0.7, 0.5)),
                denyAlways,
                null,
                Clock.systemUTC(),
                () -> java.util.UUID.nameUUIDFromBytes(new byte[0]));

        Decision decision = service.evaluate(TestApplications.like(TestApplications.steadyEmployedRenter("thin"))
                .noCreditFile()
                .build());

        assertThat(decision.outcome()).isEqualTo(Outcome.REFER);
        assertThat(decision.guardrails()).extracting(Intervention::guardrail).contains("THIN_FILE_DENY_UNCORROBORATED");
        assertThat(decision.features().thinFileDefinition()).isEqualTo("tf-1");
    }
}

package dev.arbiter.decision;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class OutOfDomainGuardrailTest {

    private final Guardrails guardrails = new Guardrails();

    private static ModelScore extrapolated(double risk) {
        ModelScore p = DecisionFixtures.primary(risk, 0.45);
        return new ModelScore(
                p.role(),
                p.modelId(),
                p.modelVersion(),
                p.providerRegion(),
                p.attempt(),
                p.trigger(),
                p.status(),
                p.risk(),
                p.confidence(),
                p.factors(),
                p.latencyMillis(),
                p.rawResponse(),
                true);
    }

    private static RuleVerdict deniedFor(String ruleCode, String reasonCode, boolean byRule) {
        Effect effect = byRule ? Effect.deny(reasonCode) : new Effect(EffectKind.FACTOR_REASON, reasonCode, "m");
        return new RuleVerdict(
                "v1",
                Outcome.DENY,
                List.of(new Reason(reasonCode, "Specific wording for " + reasonCode)),
                null,
                List.of(new FiredRule(1, ruleCode, ruleCode, byRule ? reasonCode : null, List.of(effect))));
    }

    @Test
    void aDenialOnAnOutOfDomainScoreAloneIsReferredWithANote() {
        var guarded = guardrails.apply(deniedFor("RK-01", "R-TERM", false), null, List.of(extrapolated(0.9)));

        assertThat(guarded.outcome()).isEqualTo(Outcome.REFER);
        assertThat(guarded.notes())
                .extracting(Intervention::guardrail)
                .contains(Guardrail.OUT_OF_DOMAIN_DENY_UNCORROBORATED.name());
    }

    @Test
    void anAffordabilityDenialStandsAndSaysWhatItStandsOn() {
        var guarded = guardrails.apply(deniedFor("AF-01", "R-DTI", true), null, List.of(extrapolated(0.9)));

        assertThat(guarded.outcome()).isEqualTo(Outcome.DENY);
        assertThat(guarded.notes())
                .extracting(Intervention::guardrail)
                .containsExactly(Guardrail.OUT_OF_DOMAIN_DENY_CORROBORATED.name());
    }

    @Test
    void theSameDenialInsideTheDomainIsLeftAlone() {
        var guarded = guardrails.apply(
                deniedFor("RK-01", "R-TERM", false), null, List.of(DecisionFixtures.primary(0.9, 0.9)));

        assertThat(guarded.outcome()).isEqualTo(Outcome.DENY);
        assertThat(guarded.notes()).isEmpty();
    }
}

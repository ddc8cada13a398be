package dev.arbiter.decision;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Effects stored as text before they were typed read back as exactly the effects the rules give now. */
class EffectTest {

    @Test
    void everyFormTheVerdictEverWroteParsesToItsTypedEffect() {
        assertThat(Effect.parse("DENY R-DTI")).isEqualTo(new Effect(EffectKind.DENY, "R-DTI", null));
        assertThat(Effect.parse("REFER R-MODEL-UNAVAILABLE"))
                .isEqualTo(new Effect(EffectKind.REFER, "R-MODEL-UNAVAILABLE", null));
        assertThat(Effect.parse("APPROVE R-INCOMPLETE"))
                .isEqualTo(new Effect(EffectKind.APPROVE, "R-INCOMPLETE", null));
        assertThat(Effect.parse("DENY")).isEqualTo(new Effect(EffectKind.DENY, null, null));
        assertThat(Effect.parse("REFER")).isEqualTo(new Effect(EffectKind.REFER, null, null));
        assertThat(Effect.parse("APPROVE limit 4000.00 apr 0.0690")).isEqualTo(Effect.approve("4000.00", "0.0690"));
        assertThat(Effect.parse("REASON R-TERM")).isEqualTo(new Effect(EffectKind.REASON, "R-TERM", null));
        assertThat(Effect.parse("REASON R-TERM from primary-credit"))
                .isEqualTo(new Effect(EffectKind.FACTOR_REASON, "R-TERM", "primary-credit"));
        assertThat(Effect.parse("SKIPPED unknown reason code R-NEW from cash-flow"))
                .isEqualTo(new Effect(EffectKind.SKIPPED_REASON, "R-NEW", "cash-flow"));
    }

    @Test
    void aRulesStepsJoinedBySemicolonsBecomeOneEffectEachInOrder() {
        assertThat(Effect.parseAll("DENY; REASON R-CHECKING from primary-credit; REASON R-TERM from primary-credit"))
                .containsExactly(
                        new Effect(EffectKind.DENY, null, null),
                        new Effect(EffectKind.FACTOR_REASON, "R-CHECKING", "primary-credit"),
                        new Effect(EffectKind.FACTOR_REASON, "R-TERM", "primary-credit"));
    }

    @Test
    void aRuleThatChangedNothingWasStoredAsNoneAndHasNoEffects() {
        assertThat(Effect.parseAll("NONE")).isEmpty();
        assertThat(Effect.parseAll(null)).isEmpty();
    }

    @Test
    void textOfAnUnknownFormIsKeptVerbatimNotLostOrRejected() {
        assertThat(Effect.parseAll("LIMIT 5000.00; DENY R-DTI extra words"))
                .containsExactly(
                        new Effect(EffectKind.OTHER, null, "LIMIT 5000.00"),
                        new Effect(EffectKind.OTHER, null, "DENY R-DTI extra words"));
    }

    @Test
    void everyEffectWritesBackTheTextItWasReadFrom() {
        for (String legacy : List.of(
                "DENY R-DTI",
                "REFER R-X",
                "APPROVE R-INCOMPLETE",
                "DENY",
                "REFER",
                "APPROVE limit 4000.00 apr 0.0690",
                "REASON R-TERM",
                "REASON R-TERM from primary-credit",
                "SKIPPED unknown reason code R-NEW from cash-flow",
                "LIMIT 5000.00")) {
            assertThat(Effect.parse(legacy).text()).isEqualTo(legacy);
        }
    }

    @Test
    void aDenialForOneCodeIsNotADenialForACodeThatMerelyStartsTheSame() {
        // the text check this replaces, effect.contains("DENY " + code), took "DENY R-DTI" for a denial on R-DT
        var rule = new FiredRule(1, "AF-01", "AF-01", "R-DT", Effect.parseAll("DENY R-DTI"));

        assertThat(rule.deniedFor("R-DT")).isFalse();
        assertThat(rule.deniedFor("R-DTI")).isTrue();
        assertThat(rule.deniedFor(null)).isFalse();
    }

    @Test
    void aModelsFactorsGivenUnderADenialAreNotTheRuleDenyingForThatReason() {
        var rule = new FiredRule(
                1, "RK-01", "RK-01", "R-TERM", Effect.parseAll("DENY; REASON R-TERM from primary-credit"));

        assertThat(rule.gave(Outcome.DENY)).isTrue();
        assertThat(rule.deniedFor("R-TERM")).isFalse();
    }
}

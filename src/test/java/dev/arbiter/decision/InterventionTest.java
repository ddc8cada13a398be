package dev.arbiter.decision;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Guardrail notes stored as text before they were typed read back as the interventions given now. */
class InterventionTest {

    @Test
    void eachGuardrailsStoredNoteParsesWithWhatItDidToTheOutcome() {
        assertThat(Intervention.parse("NO_OUTCOME: no rule set an outcome; referred to manual review"))
                .isEqualTo(new Intervention(
                        "NO_OUTCOME", null, Outcome.REFER, "no rule set an outcome; referred to manual review"));
        assertThat(Intervention.parse(
                        "DENY_WITHOUT_REASON: a denial needs a specific reason; referred to manual review"))
                .isEqualTo(new Intervention(
                        "DENY_WITHOUT_REASON",
                        Outcome.DENY,
                        Outcome.REFER,
                        "a denial needs a specific reason; referred to manual review"));
        assertThat(Intervention.parse("VAGUE_REASON_DROPPED: R-POLICY"))
                .isEqualTo(new Intervention("VAGUE_REASON_DROPPED", null, null, "R-POLICY"));
        assertThat(Intervention.parse("THIN_FILE_DENY_CORROBORATED: thin-file denial stands on rule AF-01 (R-DTI)"))
                .isEqualTo(new Intervention(
                        "THIN_FILE_DENY_CORROBORATED",
                        Outcome.DENY,
                        Outcome.DENY,
                        "thin-file denial stands on rule AF-01 (R-DTI)"));
        assertThat(Intervention.parse("APPROVE_WITHOUT_TERMS: x").from()).isEqualTo(Outcome.APPROVE);
    }

    @Test
    void aDetailContainingTheSeparatorStaysWhole() {
        var note = Intervention.parse(
                "THIN_FILE_DENY_UNCORROBORATED: thin-file applicant (tf-1: [NO_CREDIT_FILE]) denied");

        assertThat(note.guardrail()).isEqualTo("THIN_FILE_DENY_UNCORROBORATED");
        assertThat(note.detail()).isEqualTo("thin-file applicant (tf-1: [NO_CREDIT_FILE]) denied");
    }

    @Test
    void anUnknownGuardrailIsKeptWithItsCodeAndNoClaimAboutTheOutcome() {
        assertThat(Intervention.parse("RETIRED_CHECK: something"))
                .isEqualTo(new Intervention("RETIRED_CHECK", null, null, "something"));
        assertThat(Intervention.parse("BARE")).isEqualTo(new Intervention("BARE", null, null, null));
    }

    @Test
    void whatTheGuardrailsGiveNowIsWhatTheirOldTextReadsAs() {
        var verdict = new RuleVerdict("v1", Outcome.DENY, java.util.List.of(), null, java.util.List.of());

        for (Intervention note : new Guardrails().apply(verdict).notes()) {
            assertThat(Intervention.parse(note.text())).isEqualTo(note);
        }
    }
}

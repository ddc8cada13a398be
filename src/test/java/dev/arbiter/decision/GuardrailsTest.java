package dev.arbiter.decision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

class GuardrailsTest {

    private final Guardrails guardrails = new Guardrails();

    private static RuleVerdict verdict(Outcome outcome, List<Reason> reasons, Terms terms) {
        return new RuleVerdict("v1", outcome, reasons, terms, List.of());
    }

    private static Reason reason(String code) {
        return new Reason(code, "Specific wording for " + code);
    }

    @Test
    void noOutcomeFromTheRulesBecomesReferWithANote() {
        var guarded = guardrails.apply(verdict(null, List.of(), null));

        assertThat(guarded.outcome()).isEqualTo(Outcome.REFER);
        assertThat(guarded.notes())
                .containsExactly(
                        Guardrail.NO_OUTCOME.intervention("no rule set an outcome; referred to manual review"));
    }

    @Test
    void aDenialWithoutReasonIsReferredNotSentOut() {
        var guarded = guardrails.apply(verdict(Outcome.DENY, List.of(), null));

        assertThat(guarded.outcome()).isEqualTo(Outcome.REFER);
        assertThat(guarded.notes())
                .extracting(Intervention::guardrail, Intervention::from, Intervention::to)
                .containsExactly(tuple("DENY_WITHOUT_REASON", Outcome.DENY, Outcome.REFER));
    }

    @Test
    void aDenialKeepsAtMostFourReasonsMostImportantFirst() {
        var reasons = List.of(reason("A"), reason("B"), reason("C"), reason("D"), reason("E"));

        var guarded = guardrails.apply(verdict(Outcome.DENY, reasons, null));

        assertThat(guarded.reasons()).extracting(Reason::code).containsExactly("A", "B", "C", "D");
        assertThat(guarded.notes())
                .containsExactly(new Intervention("REASONS_TRUNCATED", null, null, "5 reasons, the first 4 kept"));
    }

    @Test
    void vagueReasonsAreDroppedAndADenialLeftWithNoneIsReferred() {
        var reasons = List.of(new Reason("X1", "Internal policy"), new Reason("X2", "Score too low"));

        var guarded = guardrails.apply(verdict(Outcome.DENY, reasons, null));

        assertThat(guarded.reasons()).isEmpty();
        assertThat(guarded.outcome()).isEqualTo(Outcome.REFER);
    }

    @Test
    void aReasonTextMetAgainGetsTheSameVerdictAsTheFirstTime() {
        // the verdict on a text is remembered after the first time; the second answer comes from there
        for (String text : List.of("  OTHER ", "Other income too low", "", "Insufficient score", "Debt too high")) {
            boolean first = Guardrails.isVague(new Reason("X", text));
            assertThat(Guardrails.isVague(new Reason("Y", text))).as(text).isEqualTo(first);
        }
        assertThat(Guardrails.isVague(new Reason("X", "  OTHER "))).isTrue();
        assertThat(Guardrails.isVague(new Reason("X", "Debt too high"))).isFalse();
        assertThat(Guardrails.isVague(new Reason("X", null))).isTrue();
    }

    @Test
    void duplicateReasonCodesAreKeptOnce() {
        var guarded = guardrails.apply(verdict(Outcome.DENY, List.of(reason("A"), reason("A"), reason("B")), null));

        assertThat(guarded.reasons()).extracting(Reason::code).containsExactly("A", "B");
    }

    @Test
    void anApprovalWithoutTermsIsReferred() {
        var guarded = guardrails.apply(verdict(Outcome.APPROVE, List.of(), null));

        assertThat(guarded.outcome()).isEqualTo(Outcome.REFER);
        assertThat(guarded.terms()).isNull();
    }

    @Test
    void anApprovalWithTermsStandsUntouched() {
        var terms = new Terms(new BigDecimal("3000.00"), new BigDecimal("0.0990"), "EUR", 24, new BigDecimal("4000"));

        var guarded = guardrails.apply(verdict(Outcome.APPROVE, List.of(), terms));

        assertThat(guarded.outcome()).isEqualTo(Outcome.APPROVE);
        assertThat(guarded.terms()).isEqualTo(terms);
        assertThat(guarded.notes()).isEmpty();
    }

    @Test
    void termsAreNeverAttachedToARefusal() {
        var terms = new Terms(new BigDecimal("3000.00"), new BigDecimal("0.0990"), "EUR", 24, new BigDecimal("4000"));

        var guarded = guardrails.apply(verdict(Outcome.DENY, List.of(reason("A")), terms));

        assertThat(guarded.terms()).isNull();
    }
}

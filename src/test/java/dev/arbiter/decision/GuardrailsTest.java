package dev.arbiter.decision;

import static org.assertj.core.api.Assertions.assertThat;

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
        assertThat(guarded.notes()).anyMatch(n -> n.startsWith("NO_OUTCOME"));
    }

    @Test
    void aDenialWithoutReasonIsReferredNotSentOut() {
        var guarded = guardrails.apply(verdict(Outcome.DENY, List.of(), null));

        assertThat(guarded.outcome()).isEqualTo(Outcome.REFER);
        assertThat(guarded.notes()).anyMatch(n -> n.startsWith("DENY_WITHOUT_REASON"));
    }

    @Test
    void aDenialKeepsAtMostFourReasonsMostImportantFirst() {
        var reasons = List.of(reason("A"), reason("B"), reason("C"), reason("D"), reason("E"));

        var guarded = guardrails.apply(verdict(Outcome.DENY, reasons, null));

        assertThat(guarded.reasons()).extracting(Reason::code).containsExactly("A", "B", "C", "D");
        assertThat(guarded.notes()).anyMatch(n -> n.startsWith("REASONS_TRUNCATED"));
    }

    @Test
    void vagueReasonsAreDroppedAndADenialLeftWithNoneIsReferred() {
        var reasons = List.of(new Reason("X1", "Internal policy"), new Reason("X2", "Score too low"));

        var guarded = guardrails.apply(verdict(Outcome.DENY, reasons, null));

        assertThat(guarded.reasons()).isEmpty();
        assertThat(guarded.outcome()).isEqualTo(Outcome.REFER);
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

package dev.arbiter.audit;

import dev.arbiter.decision.Decision;
import dev.arbiter.decision.Features;
import dev.arbiter.decision.Terms;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Field-by-field comparison of a recorded decision with the same decision made again. The
 * ruleset version is not compared: a replay under another version differs in it by design,
 * and the question is whether what the applicant was told would differ.
 */
public final class DecisionDiff {

    /** One field that differs, with both values. */
    public record Difference(String field, Object recorded, Object replayed) {}

    private DecisionDiff() {}

    public static List<Difference> between(Decision recorded, Decision replayed) {
        List<Difference> out = new ArrayList<>();
        compare(out, "outcome", recorded.outcome(), replayed.outcome());
        compare(out, "reasons", recorded.reasons(), replayed.reasons());
        terms(out, recorded.terms(), replayed.terms());
        compare(out, "firedRules", recorded.firedRules(), replayed.firedRules());
        compare(out, "guardrails", recorded.guardrails(), replayed.guardrails());
        features(out, recorded.features(), replayed.features());
        return out;
    }

    /** Features derived again from the recorded application must equal the recorded ones. */
    private static void features(List<Difference> out, Features a, Features b) {
        if (a == null || b == null) {
            compare(out, "features", a, b);
            return;
        }
        amount(out, "features.monthlyPayment", a.monthlyPayment(), b.monthlyPayment());
        compare(out, "features.debtToIncome", a.debtToIncome(), b.debtToIncome());
        compare(out, "features.paymentToIncome", a.paymentToIncome(), b.paymentToIncome());
        compare(out, "features.thinFile", a.thinFile(), b.thinFile());
        compare(out, "features.thinFileReasons", a.thinFileReasons(), b.thinFileReasons());
        compare(out, "features.thinFileDefinition", a.thinFileDefinition(), b.thinFileDefinition());
        compare(out, "features.creditHistory", a.creditHistory(), b.creditHistory());
        amount(out, "features.netMonthlyCashFlow", a.netMonthlyCashFlow(), b.netMonthlyCashFlow());
        compare(out, "features.asOf", a.asOf(), b.asOf());
        compare(out, "features.derivation", a.derivation(), b.derivation());
    }

    private static void terms(List<Difference> out, Terms a, Terms b) {
        if (a == null || b == null) {
            compare(out, "terms", a, b);
            return;
        }
        amount(out, "terms.creditLimit", a.creditLimit(), b.creditLimit());
        amount(out, "terms.apr", a.apr(), b.apr());
        compare(out, "terms.currency", a.currency(), b.currency());
        compare(out, "terms.termMonths", a.termMonths(), b.termMonths());
        amount(out, "terms.requestedAmount", a.requestedAmount(), b.requestedAmount());
    }

    /** Amounts compare by value: 5000.00 read back from storage is the 5000.0 that was decided. */
    private static void amount(List<Difference> out, String field, BigDecimal a, BigDecimal b) {
        boolean same = a == null ? b == null : b != null && a.compareTo(b) == 0;
        if (!same) {
            out.add(new Difference(field, a, b));
        }
    }

    private static void compare(List<Difference> out, String field, Object a, Object b) {
        if (!Objects.equals(a, b)) {
            out.add(new Difference(field, a, b));
        }
    }
}

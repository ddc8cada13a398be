package dev.arbiter.decision;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Limits the rules cannot break. Every intervention is recorded on the decision, so a
 * guardrail never acts silently.
 */
public final class Guardrails {

    public static final int MAX_REASONS = 4;

    /** Reason wording that tells an applicant nothing; adverse-action rules forbid it. */
    private static final Pattern VAGUE = Pattern.compile(
            "internal (policy|standards|criteria)|score too low|insufficient score|other|policy", Pattern.CASE_INSENSITIVE);

    record Guarded(Outcome outcome, List<Reason> reasons, Terms terms, List<String> notes) {
    }

    Guarded apply(RuleVerdict verdict) {
        List<String> notes = new ArrayList<>();
        Outcome outcome = verdict.outcome();
        if (outcome == null) {
            notes.add("NO_OUTCOME: no rule set an outcome; referred to manual review");
            outcome = Outcome.REFER;
        }
        List<Reason> reasons = new ArrayList<>();
        for (Reason reason : verdict.reasons()) {
            if (isVague(reason)) {
                notes.add("VAGUE_REASON_DROPPED: " + reason.code());
            } else if (reasons.stream().noneMatch(r -> r.code().equals(reason.code()))) {
                reasons.add(reason);
            }
        }
        if (reasons.size() > MAX_REASONS) {
            notes.add("REASONS_TRUNCATED: " + reasons.size() + " reasons, the first " + MAX_REASONS + " kept");
            reasons = new ArrayList<>(reasons.subList(0, MAX_REASONS));
        }
        if (outcome == Outcome.DENY && reasons.isEmpty()) {
            notes.add("DENY_WITHOUT_REASON: a denial needs a specific reason; referred to manual review");
            outcome = Outcome.REFER;
        }
        Terms terms = verdict.terms();
        if (outcome == Outcome.APPROVE && (terms == null || terms.creditLimit() == null || terms.apr() == null
                || terms.creditLimit().signum() <= 0)) {
            notes.add("APPROVE_WITHOUT_TERMS: an approval needs a positive limit and an APR; referred to manual review");
            outcome = Outcome.REFER;
        }
        if (outcome != Outcome.APPROVE) {
            terms = null;
        }
        return new Guarded(outcome, List.copyOf(reasons), terms, List.copyOf(notes));
    }

    static boolean isVague(Reason reason) {
        String text = reason.text() == null ? "" : reason.text().trim().toLowerCase(Locale.ROOT);
        return text.isEmpty() || VAGUE.matcher(text).matches() || text.contains("internal policy")
                || text.contains("score too low");
    }
}

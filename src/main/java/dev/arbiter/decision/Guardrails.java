package dev.arbiter.decision;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Limits the rules cannot break. Every intervention is recorded on the decision, so a
 * guardrail never acts silently.
 */
public final class Guardrails {

    public static final int MAX_REASONS = 4;

    /** Reason wording that tells an applicant nothing; adverse-action rules forbid it. */
    private static final Pattern VAGUE = Pattern.compile(
            "internal (policy|standards|criteria)|score too low|insufficient score|other|policy",
            Pattern.CASE_INSENSITIVE);

    /**
     * The verdict of {@link #isVague} on each reason text met so far: rules give the same few
     * texts to decision after decision. Bounded, so that texts which vary cannot grow it.
     */
    private static final Map<String, Boolean> VAGUE_TEXTS = new ConcurrentHashMap<>();

    private static final int VAGUE_TEXTS_KEPT = 1_000;

    private final ThinFileCorroboration thinFile;

    /** All guardrails, the thin-file one with the shipped thresholds. */
    public Guardrails() {
        this(ThinFileCorroboration.DEFAULT);
    }

    /** @param thinFile the thin-file guardrail, or null to leave it out (only to measure what it changes) */
    public Guardrails(ThinFileCorroboration thinFile) {
        this.thinFile = thinFile;
    }

    record Guarded(Outcome outcome, List<Reason> reasons, Terms terms, List<Intervention> notes) {}

    Guarded apply(RuleVerdict verdict) {
        return apply(verdict, null, List.of());
    }

    Guarded apply(RuleVerdict verdict, Features features, List<ModelScore> scores) {
        List<Intervention> notes = new ArrayList<>();
        Outcome outcome = verdict.outcome();
        if (outcome == null) {
            notes.add(Guardrail.NO_OUTCOME.intervention("no rule set an outcome; referred to manual review"));
            outcome = Outcome.REFER;
        }
        List<Reason> reasons = new ArrayList<>();
        for (Reason reason : verdict.reasons()) {
            if (isVague(reason)) {
                notes.add(Guardrail.VAGUE_REASON_DROPPED.intervention(reason.code()));
            } else if (reasons.stream().noneMatch(r -> r.code().equals(reason.code()))) {
                reasons.add(reason);
            }
        }
        if (reasons.size() > MAX_REASONS) {
            notes.add(Guardrail.REASONS_TRUNCATED.intervention(
                    reasons.size() + " reasons, the first " + MAX_REASONS + " kept"));
            reasons = new ArrayList<>(reasons.subList(0, MAX_REASONS));
        }
        if (outcome == Outcome.DENY && reasons.isEmpty()) {
            notes.add(Guardrail.DENY_WITHOUT_REASON.intervention(
                    "a denial needs a specific reason; referred to manual review"));
            outcome = Outcome.REFER;
        }
        if (outcome == Outcome.DENY && thinFile != null && features != null && features.thinFile()) {
            var basis = thinFile.basis(reasons, verdict.firedRules(), scores);
            if (basis.isEmpty()) {
                notes.add(
                        Guardrail.THIN_FILE_DENY_UNCORROBORATED.intervention(
                                "thin-file applicant (" + features.thinFileDefinition() + ": "
                                        + features.thinFileReasons()
                                        + ") denied on the primary model's factors alone, with no "
                                        + "knock-out, affordability or credit-file rule and no agreeing second opinion; referred to manual review"));
                outcome = Outcome.REFER;
            } else {
                notes.add(Guardrail.THIN_FILE_DENY_CORROBORATED.intervention(
                        "thin-file denial stands on " + basis.get()));
            }
        }
        if (outcome == Outcome.DENY && scores != null) {
            var extrapolated = scores.stream()
                    .filter(s -> s.role() == ModelRole.PRIMARY && s.ok() && s.outOfDomain())
                    .findFirst();
            if (extrapolated.isPresent()) {
                var basis = (thinFile == null ? ThinFileCorroboration.DEFAULT : thinFile)
                        .basis(reasons, verdict.firedRules(), scores);
                if (basis.isEmpty()) {
                    notes.add(Guardrail.OUT_OF_DOMAIN_DENY_UNCORROBORATED.intervention(
                            "the primary model " + extrapolated.get().modelId()
                                    + " answered outside its declared domain; denied on that extrapolated score "
                                    + "alone, with no knock-out, affordability or credit-file rule and no agreeing "
                                    + "second opinion; referred to manual review"));
                    outcome = Outcome.REFER;
                } else {
                    notes.add(Guardrail.OUT_OF_DOMAIN_DENY_CORROBORATED.intervention(
                            "denial despite an out-of-domain primary answer stands on " + basis.get()));
                }
            }
        }
        Terms terms = verdict.terms();
        if (outcome == Outcome.APPROVE
                && (terms == null
                        || terms.creditLimit() == null
                        || terms.apr() == null
                        || terms.creditLimit().signum() <= 0)) {
            notes.add(Guardrail.APPROVE_WITHOUT_TERMS.intervention(
                    "an approval needs a positive limit and an APR; referred to manual review"));
            outcome = Outcome.REFER;
        }
        if (outcome != Outcome.APPROVE) {
            terms = null;
        }
        return new Guarded(outcome, List.copyOf(reasons), terms, List.copyOf(notes));
    }

    /** Wording that tells an applicant nothing: "internal policy", "score too low" and the like. */
    public static boolean isVague(Reason reason) {
        String text = reason.text() == null ? "" : reason.text();
        Boolean known = VAGUE_TEXTS.get(text);
        if (known != null) {
            return known;
        }
        boolean vague = vague(text.trim().toLowerCase(Locale.ROOT));
        if (VAGUE_TEXTS.size() < VAGUE_TEXTS_KEPT) {
            VAGUE_TEXTS.put(text, vague);
        }
        return vague;
    }

    private static boolean vague(String text) {
        return text.isEmpty()
                || VAGUE.matcher(text).matches()
                || text.contains("internal policy")
                || text.contains("score too low");
    }
}

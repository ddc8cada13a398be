package dev.arbiter.decision;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The core's thin-file guardrail, independent of any ruleset: a thin-file applicant is not
 * denied on the primary model alone, whose risk for them rests on little evidence. A denial
 * stands only when a rule gave one of its reasons itself (a knock-out, affordability or
 * credit-file rule) or a confident second opinion agrees that default is at least as likely
 * as not; otherwise it is referred to manual review.
 *
 * @param agreeAtRisk   a second opinion agrees with a denial from this risk up
 * @param minConfidence and only when at least this confident
 */
public record ThinFileCorroboration(double agreeAtRisk, double minConfidence) {

    /** The shipped ruleset's own thresholds ({@code risk.referBelowRisk}, {@code thinFile.secondOpinion.minConfidence}). */
    public static final ThinFileCorroboration DEFAULT = new ThinFileCorroboration(0.5, 0.4);

    /** Why the denial stands, or empty when nothing but the primary score supports it. */
    Optional<String> basis(List<Reason> reasons, List<FiredRule> firedRules, List<ModelScore> scores) {
        List<String> codes = reasons.stream().map(Reason::code).toList();
        String ruleBasis = firedRules.stream()
                .filter(rule -> rule.deniedFor(rule.reasonCode()) && codes.contains(rule.reasonCode()))
                .map(rule -> rule.ruleCode() + " (" + rule.reasonCode() + ")")
                .collect(Collectors.joining(", "));
        if (!ruleBasis.isEmpty()) {
            return Optional.of("rule " + ruleBasis);
        }
        return scores.stream()
                .filter(s -> s.role() == ModelRole.SECOND_OPINION
                        && s.ok()
                        && !s.outOfDomain()
                        && s.risk() != null
                        && s.confidence() != null
                        && s.risk() >= agreeAtRisk
                        && s.confidence() >= minConfidence)
                .findFirst()
                .map(s -> String.format(
                        Locale.ROOT,
                        "second opinion %s %s risk %.3f confidence %.2f",
                        s.modelId(),
                        s.modelVersion(),
                        s.risk(),
                        s.confidence()));
    }
}

package dev.arbiter.tools;

import dev.arbiter.decision.Outcome;
import dev.arbiter.fairness.GroupCounts;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Decisions of a labelled data set counted per group, outcome and label (good or bad), so
 * that the same {@code dev.arbiter.fairness} metrics the API reports can be applied, and the
 * StatLog cost (5 per bad applicant approved, 1 per good applicant not approved) computed.
 */
final class FairnessTally {

    /** [good, bad] per outcome, per group. */
    private final Map<String, Map<Outcome, long[]>> counts = new TreeMap<>();

    void add(String group, Outcome outcome, boolean good) {
        counts.computeIfAbsent(group, g -> {
                    Map<Outcome, long[]> byOutcome = new EnumMap<>(Outcome.class);
                    for (Outcome o : Outcome.values()) {
                        byOutcome.put(o, new long[2]);
                    }
                    return byOutcome;
                })
                .get(outcome)[good ? 0 : 1]++;
    }

    List<String> groups() {
        return List.copyOf(counts.keySet());
    }

    long count(String group, Outcome outcome) {
        long[] gb = counts.get(group).get(outcome);
        return gb[0] + gb[1];
    }

    long count(String group, Outcome outcome, boolean good) {
        return counts.get(group).get(outcome)[good ? 0 : 1];
    }

    long total(String group) {
        long n = 0;
        for (Outcome o : Outcome.values()) {
            n += count(group, o);
        }
        return n;
    }

    /** REFER counts as not approved; every applicant is labelled, so EOD and AOD are identifiable. */
    List<GroupCounts> groupCounts() {
        return counts.keySet().stream()
                .map(g -> {
                    long good = 0;
                    long bad = 0;
                    for (Outcome o : Outcome.values()) {
                        good += count(g, o, true);
                        bad += count(g, o, false);
                    }
                    return new GroupCounts(
                            g,
                            total(g),
                            count(g, Outcome.APPROVE),
                            good,
                            count(g, Outcome.APPROVE, true),
                            bad,
                            count(g, Outcome.APPROVE, false));
                })
                .toList();
    }

    /** Summed over all groups: [good, bad] for an outcome. */
    long all(Outcome outcome, boolean good) {
        return counts.keySet().stream().mapToLong(g -> count(g, outcome, good)).sum();
    }

    long all() {
        return counts.keySet().stream().mapToLong(this::total).sum();
    }

    /** StatLog cost per applicant with every REFER counted as a denial (as the fairness metrics count it). */
    double costReferAsDeny() {
        return (5.0 * all(Outcome.APPROVE, false) + all(Outcome.DENY, true) + all(Outcome.REFER, true)) / all();
    }

    /** StatLog cost per applicant if every REFER were approved: the worst a reviewer could do in defaults. */
    double costReferAsApprove() {
        return (5.0 * (all(Outcome.APPROVE, false) + all(Outcome.REFER, false)) + all(Outcome.DENY, true)) / all();
    }

    /** StatLog cost per applicant if a reviewer resolved every REFER correctly: a lower bound. */
    double costReferResolvedPerfectly() {
        return (5.0 * all(Outcome.APPROVE, false) + all(Outcome.DENY, true)) / (double) all();
    }
}

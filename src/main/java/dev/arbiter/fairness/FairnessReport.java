package dev.arbiter.fairness;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Fairness of decisions across groups, each against a reference group. REFER counts as not
 * approved. "Positive" for equal opportunity is a GOOD repayment; predicted positive is an
 * approval. All rates are exact fractions of the counts; intervals are 95 %.
 */
public record FairnessReport(String groupBy, String reference, List<Group> groups, List<String> notes) {

    /** Adverse impact ratio below this fails (the four-fifths rule). */
    public static final double FAIL_BELOW = 0.8;
    /** Adverse impact ratio below this warns. */
    public static final double WARN_BELOW = 0.9;

    public enum Flag {
        REFERENCE,
        PASS,
        WARN,
        FAIL,
        UNDEFINED
    }

    public static final String LABELS_ONLY_FOR_APPROVED =
            "Repayment outcomes are known only for approved decisions in this selection, so every labelled "
                    + "applicant was approved: TPR and FPR would be 1 by construction. Equal opportunity and "
                    + "average odds differences are left out (null) as not identifiable; badRateAmongApproved "
                    + "compares what can be compared.";

    /**
     * @param approvalRate                approved / decisions
     * @param adverseImpactRatio          approvalRate / the reference's; null when the reference approved none
     * @param statisticalParityDifference approvalRate - the reference's
     * @param outcomes                    null when no decision of the group has a known repayment outcome
     */
    public record Group(
            String group,
            long decisions,
            long approved,
            double approvalRate,
            Interval approvalRateCi,
            Double adverseImpactRatio,
            Interval adverseImpactRatioCi,
            double statisticalParityDifference,
            Interval statisticalParityDifferenceCi,
            Outcomes outcomes,
            Flag flag) {}

    /**
     * Repayment-based metrics. TPR = good approved / good, FPR = bad approved / bad (bad =
     * DELINQUENT or DEFAULT, the latest observation counting).
     *
     * @param equalOpportunityDifference TPR - the reference's TPR; null where not identifiable
     * @param averageOddsDifference      ((FPR - ref FPR) + (TPR - ref TPR)) / 2; null where not identifiable
     * @param badRateAmongApproved       bad approved / (good approved + bad approved)
     */
    public record Outcomes(
            long good,
            long goodApproved,
            long bad,
            long badApproved,
            Double truePositiveRate,
            Double falsePositiveRate,
            Double equalOpportunityDifference,
            Double averageOddsDifference,
            Double badRateAmongApproved,
            Interval badRateAmongApprovedCi) {}

    /**
     * @throws IllegalArgumentException when the reference group is not among the groups or has no decisions
     */
    public static FairnessReport compute(String groupBy, String reference, List<GroupCounts> counts) {
        GroupCounts ref = counts.stream()
                .filter(c -> c.group().equals(reference) && c.decisions() > 0)
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("reference group " + reference + " has no decisions"));
        boolean identifiable = counts.stream().anyMatch(c -> c.labelledNotApproved() > 0);
        List<String> notes = new ArrayList<>();
        boolean anyOutcomes = counts.stream().anyMatch(c -> c.good() + c.bad() > 0);
        if (anyOutcomes && !identifiable) {
            notes.add(LABELS_ONLY_FOR_APPROVED);
        }
        if (ref.approved() == 0) {
            notes.add("The reference group approved no one: adverse impact ratios are undefined.");
        }
        List<Group> groups = counts.stream()
                .filter(c -> c.decisions() > 0)
                .map(c -> group(c, ref, identifiable))
                .toList();
        return new FairnessReport(groupBy, reference, groups, List.copyOf(notes));
    }

    static Group group(GroupCounts g, GroupCounts ref, boolean identifiable) {
        double rate = (double) g.approved() / g.decisions();
        double refRate = (double) ref.approved() / ref.decisions();
        Double air = ref.approved() == 0 ? null : rate / refRate;
        Flag flag = g.group().equals(ref.group()) ? Flag.REFERENCE : flag(air);
        return new Group(
                g.group(),
                g.decisions(),
                g.approved(),
                rate,
                Statistics.wilson(g.approved(), g.decisions()),
                air,
                Statistics.ratio(g.approved(), g.decisions(), ref.approved(), ref.decisions()),
                rate - refRate,
                Statistics.difference(g.approved(), g.decisions(), ref.approved(), ref.decisions()),
                outcomes(g, ref, identifiable).orElse(null),
                flag);
    }

    static Flag flag(Double air) {
        if (air == null) {
            return Flag.UNDEFINED;
        }
        return air < FAIL_BELOW ? Flag.FAIL : air < WARN_BELOW ? Flag.WARN : Flag.PASS;
    }

    private static Optional<Outcomes> outcomes(GroupCounts g, GroupCounts ref, boolean identifiable) {
        if (g.good() + g.bad() == 0) {
            return Optional.empty();
        }
        Double tpr = fraction(g.goodApproved(), g.good());
        Double fpr = fraction(g.badApproved(), g.bad());
        Double refTpr = fraction(ref.goodApproved(), ref.good());
        Double refFpr = fraction(ref.badApproved(), ref.bad());
        Double eod = identifiable && tpr != null && refTpr != null ? tpr - refTpr : null;
        Double aod = eod != null && fpr != null && refFpr != null ? ((fpr - refFpr) + (tpr - refTpr)) / 2 : null;
        long labelledApproved = g.goodApproved() + g.badApproved();
        return Optional.of(new Outcomes(
                g.good(),
                g.goodApproved(),
                g.bad(),
                g.badApproved(),
                tpr,
                fpr,
                eod,
                aod,
                fraction(g.badApproved(), labelledApproved),
                Statistics.wilson(g.badApproved(), labelledApproved)));
    }

    private static Double fraction(long k, long n) {
        return n == 0 ? null : (double) k / n;
    }
}

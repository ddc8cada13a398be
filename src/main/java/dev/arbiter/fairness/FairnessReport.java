package dev.arbiter.fairness;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Fairness of decisions across groups, each against a reference group. REFER counts as not
 * approved. "Positive" for equal opportunity is a GOOD repayment; predicted positive is an
 * approval. All rates are exact fractions of the counts; intervals are 95 %.
 *
 * <p>A group FAILs only when its adverse impact ratio is below {@link #FAIL_BELOW} and its
 * approval rate differs significantly from the reference's ({@link Statistics#compare}, p below
 * {@link Thresholds#alpha()}); below the ratio without significance it WARNs. A group (or a
 * reference) with fewer than {@link Thresholds#minGroupSize()} decisions is TOO_FEW: its ratio
 * and test are reported, never a verdict.
 */
public record FairnessReport(
        String groupBy, String reference, Thresholds thresholds, List<Group> groups, List<String> notes) {

    /** Adverse impact ratio below this fails (the four-fifths rule). */
    public static final double FAIL_BELOW = 0.8;
    /** Adverse impact ratio below this warns. */
    public static final double WARN_BELOW = 0.9;

    public enum Flag {
        REFERENCE,
        PASS,
        WARN,
        FAIL,
        UNDEFINED,
        /** The group or the reference has fewer decisions than the minimum group size: no verdict. */
        TOO_FEW
    }

    /**
     * What a verdict needs.
     *
     * @param minGroupSize fewer decisions than this in a group or in the reference gives TOO_FEW
     * @param alpha        a FAIL needs the test's two-sided p-value below this
     */
    public record Thresholds(int minGroupSize, double alpha) {

        /** 30 decisions per group; 5 % significance. */
        public static final Thresholds DEFAULT = new Thresholds(30, 0.05);

        public Thresholds {
            if (minGroupSize < 1 || !(alpha > 0 && alpha < 1)) {
                throw new IllegalArgumentException("minGroupSize must be at least 1 and alpha within (0, 1)");
            }
        }
    }

    /**
     * @param test        the test used: a z-test, or Fisher's exact test where an expected cell count is below 5
     * @param pValue      two-sided p-value of "the group and the reference approve at the same rate"
     * @param significant pValue below the report's alpha
     */
    public record Significance(Statistics.Test test, double pValue, boolean significant) {}

    public static final String LABELS_ONLY_FOR_APPROVED =
            "Repayment outcomes are known only for approved decisions in this selection, so every labelled "
                    + "applicant was approved: TPR and FPR would be 1 by construction. Equal opportunity and "
                    + "average odds differences are left out (null) as not identifiable; badRateAmongApproved "
                    + "compares what can be compared.";

    /**
     * @param approvalRate                approved / decisions
     * @param adverseImpactRatio          approvalRate / the reference's; null when the reference approved none
     * @param statisticalParityDifference approvalRate - the reference's
     * @param significance                the test against the reference; null for the reference itself
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
            Significance significance,
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
        return compute(groupBy, reference, counts, Thresholds.DEFAULT);
    }

    /**
     * @throws IllegalArgumentException when the reference group is not among the groups or has no decisions
     */
    public static FairnessReport compute(
            String groupBy, String reference, List<GroupCounts> counts, Thresholds thresholds) {
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
                .map(c -> group(c, ref, identifiable, thresholds))
                .toList();
        if (ref.decisions() < thresholds.minGroupSize()) {
            notes.add("The reference group has " + ref.decisions() + " decisions, fewer than the minimum group size "
                    + thresholds.minGroupSize() + ": no group gets a verdict.");
        }
        return new FairnessReport(groupBy, reference, thresholds, groups, List.copyOf(notes));
    }

    static Group group(GroupCounts g, GroupCounts ref, boolean identifiable, Thresholds thresholds) {
        double rate = (double) g.approved() / g.decisions();
        double refRate = (double) ref.approved() / ref.decisions();
        Double air = ref.approved() == 0 ? null : rate / refRate;
        boolean isReference = g.group().equals(ref.group());
        Significance significance = null;
        if (!isReference) {
            Statistics.PValue p = Statistics.compare(g.approved(), g.decisions(), ref.approved(), ref.decisions());
            significance = new Significance(p.test(), p.pValue(), p.pValue() < thresholds.alpha());
        }
        Flag flag;
        if (isReference) {
            flag = Flag.REFERENCE;
        } else if (g.decisions() < thresholds.minGroupSize() || ref.decisions() < thresholds.minGroupSize()) {
            flag = Flag.TOO_FEW;
        } else {
            flag = flag(air, significance.significant());
        }
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
                significance,
                outcomes(g, ref, identifiable).orElse(null),
                flag);
    }

    /** FAIL needs both the four-fifths breach and significance; a breach alone WARNs. */
    static Flag flag(Double air, boolean significant) {
        if (air == null) {
            return Flag.UNDEFINED;
        }
        if (air < FAIL_BELOW) {
            return significant ? Flag.FAIL : Flag.WARN;
        }
        return air < WARN_BELOW ? Flag.WARN : Flag.PASS;
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

package dev.arbiter.fairness;

import dev.arbiter.decision.Decision;
import dev.arbiter.decision.ModelRole;
import dev.arbiter.decision.ModelScore;
import dev.arbiter.decision.Outcome;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A search for less discriminatory alternatives, once each variant has been counted: the
 * adverse impact ratio of a chosen group against a reference under each variant, its loss
 * (expected loss or StatLog cost), the Pareto frontier of loss against fairness, and the
 * variants that are fairer than the base at no more than the tolerated extra loss.
 *
 * <p>Fairness is measured as parity, {@code min(AIR, 1 / AIR)}: 1 when the two groups are
 * approved at the same rate, falling towards 0 as either is favoured. A variant is <em>fairer</em>
 * when its parity is higher than the base's; it is on the <em>frontier</em> when no other
 * variant (the base included) has a loss at most its own and a parity at least its own, one of
 * them strictly. A variant whose AIR is undefined (the reference approves no one) is neither.
 */
public final class Alternatives {

    private Alternatives() {}

    /** What the tolerance limits. */
    public enum Metric {
        /**
         * Expected loss per decision of the compared population: the sum over approved decisions
         * of PD x exposure x LGD, divided by the number of decisions.
         */
        EXPECTED_LOSS,
        /** StatLog cost per labelled decision: 5 per bad approved, 1 per good not approved. */
        STATLOG_COST
    }

    /**
     * Fixed before the search: how much more of {@code metric} than the base a variant may cost.
     *
     * @param maxIncrease absolute, in the metric's unit (currency per decision, or cost per labelled decision)
     */
    public record Tolerance(Metric metric, double maxIncrease) {}

    /**
     * One variant's counts over the compared population (the chosen and the reference group).
     *
     * @param expectedLossSum  sum of PD x exposure x LGD over approved decisions
     * @param unscored         decisions with no usable primary risk, left out of the expected loss
     * @param labelled         decisions whose repayment (or label) is known
     * @param badApproved      labelled bad and approved
     * @param goodNotApproved  labelled good and not approved (REFER or DENY)
     */
    public record Counts(
            long chosenDecisions,
            long chosenApproved,
            long referenceDecisions,
            long referenceApproved,
            double expectedLossSum,
            long unscored,
            long labelled,
            long badApproved,
            long goodNotApproved) {

        public static Counts add(Counts a, Counts b) {
            return new Counts(
                    a.chosenDecisions + b.chosenDecisions,
                    a.chosenApproved + b.chosenApproved,
                    a.referenceDecisions + b.referenceDecisions,
                    a.referenceApproved + b.referenceApproved,
                    a.expectedLossSum + b.expectedLossSum,
                    a.unscored + b.unscored,
                    a.labelled + b.labelled,
                    a.badApproved + b.badApproved,
                    a.goodNotApproved + b.goodNotApproved);
        }

        public static final Counts NONE = new Counts(0, 0, 0, 0, 0, 0, 0, 0, 0);

        long decisions() {
            return chosenDecisions + referenceDecisions;
        }
    }

    /**
     * One variant's result.
     *
     * @param index                 0 for the base, then the grid's order
     * @param changes               pointer to value; empty for the base
     * @param approvalRate          approved / decisions over both groups
     * @param adverseImpactRatio    chosen group's approval rate over the reference's; null when the reference approves none
     * @param adverseImpactRatioCi  Katz 95 % interval; null where undefined
     * @param parity                min(AIR, 1 / AIR); null when AIR is
     * @param expectedLoss          per decision, in the currency of the amounts (not converted)
     * @param statlogCost           per labelled decision; null when none is labelled
     * @param lossIncrease          the tolerance's metric minus the base's; null when undefined
     * @param frontier              on the Pareto frontier of the tolerance's metric against parity
     * @param noWorseAndFairer      fairer than the base with the metric's increase within the tolerance
     */
    public record Variant(
            int index,
            Map<String, BigDecimal> changes,
            long decisions,
            double approvalRate,
            long chosenDecisions,
            long chosenApproved,
            Double chosenApprovalRate,
            long referenceDecisions,
            long referenceApproved,
            Double referenceApprovalRate,
            Double adverseImpactRatio,
            Interval adverseImpactRatioCi,
            Double parity,
            double expectedLoss,
            long unscored,
            long labelled,
            Double statlogCost,
            Double lossIncrease,
            boolean frontier,
            boolean noWorseAndFairer) {}

    /**
     * Results of the base (first) and each variant, in order, with the frontier and the marks.
     *
     * @param counts  the base's counts first, then each variant's
     * @param changes the changes of each, the base's empty
     */
    public static List<Variant> evaluate(
            List<Counts> counts, List<Map<String, BigDecimal>> changes, Tolerance tolerance) {
        if (counts.isEmpty() || counts.size() != changes.size()) {
            throw new IllegalArgumentException("one changes map per counts, the base first");
        }
        int n = counts.size();
        Double[] loss = new Double[n];
        Double[] parity = new Double[n];
        for (int i = 0; i < n; i++) {
            loss[i] = loss(counts.get(i), tolerance.metric());
            parity[i] = parity(air(counts.get(i)));
        }
        List<Variant> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Counts c = counts.get(i);
            Double air = air(c);
            boolean defined = loss[i] != null && parity[i] != null;
            boolean frontier = defined;
            for (int j = 0; j < n && frontier; j++) {
                if (j != i
                        && loss[j] != null
                        && parity[j] != null
                        && dominates(loss[j], parity[j], loss[i], parity[i])) {
                    frontier = false;
                }
            }
            Double increase = loss[i] == null || loss[0] == null ? null : loss[i] - loss[0];
            boolean marked = i > 0
                    && defined
                    && parity[0] != null
                    && increase != null
                    && parity[i] > parity[0]
                    && increase <= tolerance.maxIncrease();
            long decisions = c.decisions();
            out.add(new Variant(
                    i,
                    changes.get(i),
                    decisions,
                    decisions == 0 ? 0 : (double) (c.chosenApproved + c.referenceApproved) / decisions,
                    c.chosenDecisions,
                    c.chosenApproved,
                    rate(c.chosenApproved, c.chosenDecisions),
                    c.referenceDecisions,
                    c.referenceApproved,
                    rate(c.referenceApproved, c.referenceDecisions),
                    air,
                    Statistics.ratio(c.chosenApproved, c.chosenDecisions, c.referenceApproved, c.referenceDecisions),
                    parity[i],
                    decisions == 0 ? 0 : c.expectedLossSum / decisions,
                    c.unscored,
                    c.labelled,
                    c.labelled == 0 ? null : statlog(c),
                    increase,
                    frontier,
                    marked));
        }
        return out;
    }

    /**
     * Counts of one variant as decisions come: only decisions of the chosen or the reference
     * group count. An approval is an automated APPROVE (REFER is not one). The exposure of an
     * approval is its offered credit limit, else the amount requested; PD is the primary model's
     * risk as stored with the decision.
     */
    public static final class Tally {
        private final String chosen;
        private final String reference;
        private final double lgd;
        private Counts counts = Counts.NONE;

        public Tally(String chosen, String reference, double lgd) {
            this.chosen = chosen;
            this.reference = reference;
            this.lgd = lgd;
        }

        /**
         * @param group the decision's group
         * @param good  true for a good repayment (label), false for a bad one, null when unknown
         */
        public void add(String group, Decision decided, BigDecimal requestedAmount, Boolean good) {
            boolean isChosen = chosen.equals(group);
            if (!isChosen && !reference.equals(group)) {
                return;
            }
            boolean approved = decided.outcome() == Outcome.APPROVE;
            double loss = 0;
            long unscored = 0;
            if (approved) {
                Double pd = decided.scores().stream()
                        .filter(s -> s.role() == ModelRole.PRIMARY && s.ok() && s.risk() != null)
                        .map(ModelScore::risk)
                        .findFirst()
                        .orElse(null);
                BigDecimal exposure = decided.terms() != null && decided.terms().creditLimit() != null
                        ? decided.terms().creditLimit()
                        : requestedAmount;
                if (pd == null || exposure == null) {
                    unscored = 1;
                } else {
                    loss = pd * exposure.doubleValue() * lgd;
                }
            }
            long a = approved ? 1 : 0;
            counts = Counts.add(
                    counts,
                    new Counts(
                            isChosen ? 1 : 0,
                            isChosen ? a : 0,
                            isChosen ? 0 : 1,
                            isChosen ? 0 : a,
                            loss,
                            unscored,
                            good == null ? 0 : 1,
                            Boolean.FALSE.equals(good) && approved ? 1 : 0,
                            Boolean.TRUE.equals(good) && !approved ? 1 : 0));
        }

        public Tally merge(Tally other) {
            counts = Counts.add(counts, other.counts);
            return this;
        }

        public Counts counts() {
            return counts;
        }
    }

    /** Loss no higher and parity no lower, one of them strictly. */
    static boolean dominates(double lossA, double parityA, double lossB, double parityB) {
        return lossA <= lossB && parityA >= parityB && (lossA < lossB || parityA > parityB);
    }

    static Double air(Counts c) {
        if (c.chosenDecisions == 0 || c.referenceDecisions == 0 || c.referenceApproved == 0) {
            return null;
        }
        return ((double) c.chosenApproved / c.chosenDecisions) / ((double) c.referenceApproved / c.referenceDecisions);
    }

    static Double parity(Double air) {
        if (air == null) {
            return null;
        }
        return air <= 1 ? air : 1 / air;
    }

    private static Double loss(Counts c, Metric metric) {
        return switch (metric) {
            case EXPECTED_LOSS -> c.decisions() == 0 ? null : c.expectedLossSum / c.decisions();
            case STATLOG_COST -> c.labelled == 0 ? null : statlog(c);
        };
    }

    private static double statlog(Counts c) {
        return (5.0 * c.badApproved + c.goodNotApproved) / c.labelled;
    }

    private static Double rate(long k, long n) {
        return n == 0 ? null : (double) k / n;
    }
}

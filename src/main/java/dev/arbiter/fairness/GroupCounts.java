package dev.arbiter.fairness;

/**
 * What a fairness metric needs to know about one group: its decisions, how many were
 * approved, and, among decisions whose repayment is known, how many repaid (GOOD) or did not,
 * each split by whether the decision approved.
 */
public record GroupCounts(
        String group, long decisions, long approved, long good, long goodApproved, long bad, long badApproved) {

    public GroupCounts {
        if (decisions < 0
                || approved < 0
                || approved > decisions
                || good < 0
                || bad < 0
                || goodApproved < 0
                || goodApproved > good
                || badApproved < 0
                || badApproved > bad
                || good + bad > decisions
                || goodApproved + badApproved > approved) {
            throw new IllegalArgumentException("inconsistent counts for group " + group);
        }
    }

    /** A group without repayment outcomes. */
    public static GroupCounts of(String group, long decisions, long approved) {
        return new GroupCounts(group, decisions, approved, 0, 0, 0, 0);
    }

    /** Decisions with a known outcome that were not approved: only these let TPR and FPR fall below 1. */
    long labelledNotApproved() {
        return (good - goodApproved) + (bad - badApproved);
    }
}

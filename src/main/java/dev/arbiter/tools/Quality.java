package dev.arbiter.tools;

/**
 * How well risks separate bad from good applicants: AUC, and accuracy and StatLog average
 * cost (5 for accepting a bad applicant, 1 for rejecting a good one) at a risk cut-off above
 * which an applicant is predicted bad.
 */
record Quality(
        int applicants,
        double auc,
        double accuracyAtHalf,
        double costAtHalf,
        double accuracyAtSixth,
        double costAtSixth) {

    /** The cut-off that minimises expected StatLog cost for a calibrated risk: 1 / (1 + 5). */
    static final double COST_OPTIMAL_CUTOFF = 1.0 / 6.0;

    static Quality of(double[] risk, boolean[] bad) {
        return new Quality(
                risk.length,
                auc(risk, bad),
                accuracy(risk, bad, 0.5),
                cost(risk, bad, 0.5),
                accuracy(risk, bad, COST_OPTIMAL_CUTOFF),
                cost(risk, bad, COST_OPTIMAL_CUTOFF));
    }

    static double auc(double[] risk, boolean[] bad) {
        double wins = 0;
        long pairs = 0;
        for (int i = 0; i < risk.length; i++) {
            if (!bad[i]) {
                continue;
            }
            for (int j = 0; j < risk.length; j++) {
                if (bad[j]) {
                    continue;
                }
                pairs++;
                wins += risk[i] > risk[j] ? 1.0 : risk[i] == risk[j] ? 0.5 : 0.0;
            }
        }
        return wins / pairs;
    }

    static double accuracy(double[] risk, boolean[] bad, double cutoff) {
        int right = 0;
        for (int i = 0; i < risk.length; i++) {
            right += (risk[i] > cutoff) == bad[i] ? 1 : 0;
        }
        return (double) right / risk.length;
    }

    static double cost(double[] risk, boolean[] bad, double cutoff) {
        double total = 0;
        for (int i = 0; i < risk.length; i++) {
            boolean predictedBad = risk[i] > cutoff;
            total += bad[i] && !predictedBad ? 5 : !bad[i] && predictedBad ? 1 : 0;
        }
        return total / risk.length;
    }

    String describe() {
        return "n=%d  AUC %.4f  | cut-off 0.5: accuracy %.4f, cost %.4f  | cut-off 1/6: accuracy %.4f, cost %.4f"
                .formatted(applicants, auc, accuracyAtHalf, costAtHalf, accuracyAtSixth, costAtSixth);
    }
}

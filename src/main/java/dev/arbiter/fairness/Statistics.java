package dev.arbiter.fairness;

/** The interval estimates the fairness report uses, each at 95 %. */
final class Statistics {

    /** The 0.975 quantile of the standard normal distribution. */
    static final double Z = 1.959963984540054;

    private Statistics() {}

    /** Wilson score interval for k successes in n trials; null when n is 0. */
    static Interval wilson(long k, long n) {
        if (n == 0) {
            return null;
        }
        double p = (double) k / n;
        double z2 = Z * Z;
        double centre = (p + z2 / (2.0 * n)) / (1 + z2 / n);
        double half = Z / (1 + z2 / n) * Math.sqrt(p * (1 - p) / n + z2 / (4.0 * n * n));
        return new Interval(Math.max(0, centre - half), Math.min(1, centre + half));
    }

    /**
     * Katz log interval for the ratio of two proportions a/n1 over c/n2:
     * exp(ln(ratio) +- z sqrt(1/a - 1/n1 + 1/c - 1/n2)). Undefined (null) when a or c is 0.
     */
    static Interval ratio(long a, long n1, long c, long n2) {
        if (a == 0 || c == 0 || n1 == 0 || n2 == 0) {
            return null;
        }
        double ratio = ((double) a / n1) / ((double) c / n2);
        double se = Math.sqrt(1.0 / a - 1.0 / n1 + 1.0 / c - 1.0 / n2);
        return new Interval(Math.exp(Math.log(ratio) - Z * se), Math.exp(Math.log(ratio) + Z * se));
    }

    /**
     * Newcombe's hybrid score interval for the difference of two proportions k1/n1 - k2/n2,
     * built from their Wilson intervals; null when either n is 0.
     */
    static Interval difference(long k1, long n1, long k2, long n2) {
        Interval w1 = wilson(k1, n1);
        Interval w2 = wilson(k2, n2);
        if (w1 == null || w2 == null) {
            return null;
        }
        double p1 = (double) k1 / n1;
        double p2 = (double) k2 / n2;
        double d = p1 - p2;
        double low = d - Math.sqrt(sq(p1 - w1.low()) + sq(w2.high() - p2));
        double high = d + Math.sqrt(sq(w1.high() - p1) + sq(p2 - w2.low()));
        return new Interval(low, high);
    }

    private static double sq(double x) {
        return x * x;
    }
}

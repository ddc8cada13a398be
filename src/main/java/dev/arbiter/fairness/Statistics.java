package dev.arbiter.fairness;

/**
 * The interval estimates the fairness report uses, each at 95 %, and the significance test of
 * a group's approval rate against the reference's.
 */
public final class Statistics {

    /** The 0.975 quantile of the standard normal distribution. */
    static final double Z = 1.959963984540054;

    private Statistics() {}

    /** Wilson score interval for k successes in n trials; null when n is 0. */
    public static Interval wilson(long k, long n) {
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
    public static Interval ratio(long a, long n1, long c, long n2) {
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

    /** Which test gave a p-value. */
    public enum Test {
        /** Pooled two-proportion z-test, two-sided. */
        Z_TEST,
        /** Fisher's exact test, two-sided (the tables as or less probable than the one observed). */
        FISHER_EXACT
    }

    /**
     * @param test   the test used
     * @param pValue the two-sided p-value of "both groups have the same approval rate"
     */
    public record PValue(Test test, double pValue) {}

    /** Below this expected count in any cell of the 2x2 table, the z-test's normal approximation is not trusted. */
    static final double MIN_EXPECTED_COUNT = 5;

    /**
     * Whether k1/n1 and k2/n2 differ: the pooled two-proportion z-test, or Fisher's exact test
     * when any expected cell count of the 2x2 table (approved / not approved by group) is below
     * {@value #MIN_EXPECTED_COUNT}. Null when either n is 0.
     */
    public static PValue compare(long k1, long n1, long k2, long n2) {
        if (n1 <= 0 || n2 <= 0) {
            return null;
        }
        double n = n1 + n2;
        double approved = k1 + k2;
        double notApproved = n - approved;
        double smallestExpected = Math.min(Math.min(n1, n2) * approved / n, Math.min(n1, n2) * notApproved / n);
        if (smallestExpected < MIN_EXPECTED_COUNT) {
            return new PValue(Test.FISHER_EXACT, fisherExact(k1, n1 - k1, k2, n2 - k2));
        }
        return new PValue(Test.Z_TEST, twoProportionZ(k1, n1, k2, n2));
    }

    /**
     * Two-sided p-value of the pooled two-proportion z-test: z = (p1 - p2) / sqrt(p (1 - p)
     * (1/n1 + 1/n2)) with p = (k1 + k2) / (n1 + n2). 1 when the pooled rate is 0 or 1 (no
     * variation to test).
     */
    static double twoProportionZ(long k1, long n1, long k2, long n2) {
        double pooled = (double) (k1 + k2) / (n1 + n2);
        double se = Math.sqrt(pooled * (1 - pooled) * (1.0 / n1 + 1.0 / n2));
        if (se == 0) {
            return 1;
        }
        double z = ((double) k1 / n1 - (double) k2 / n2) / se;
        return Math.min(1, 2 * upperTail(Math.abs(z)));
    }

    /**
     * Two-sided p-value of Fisher's exact test for the table [[a, b], [c, d]]: the summed
     * hypergeometric probability (margins fixed) of every table no more probable than the one
     * observed, with R's relative tolerance of 1e-7 for ties.
     */
    static double fisherExact(long a, long b, long c, long d) {
        long row1 = a + b;
        long col1 = a + c;
        long n = a + b + c + d;
        long low = Math.max(0, col1 - (n - row1));
        long high = Math.min(row1, col1);
        int size = (int) (high - low + 1);
        double[] log = new double[size];
        // log P(x) up to a constant, by the ratio P(x+1)/P(x) = (row1-x)(col1-x) / ((x+1)(n-row1-col1+x+1))
        for (int i = 1; i < size; i++) {
            long x = low + i - 1;
            log[i] = log[i - 1]
                    + Math.log((double) (row1 - x) * (col1 - x))
                    - Math.log((double) (x + 1) * (n - row1 - col1 + x + 1));
        }
        double max = Double.NEGATIVE_INFINITY;
        for (double l : log) {
            max = Math.max(max, l);
        }
        double observed = log[(int) (a - low)];
        double total = 0;
        double asExtreme = 0;
        for (double l : log) {
            double w = Math.exp(l - max);
            total += w;
            if (l <= observed + 1e-7) {
                asExtreme += w;
            }
        }
        return Math.min(1, asExtreme / total);
    }

    /**
     * P(Z > x) for a standard normal Z and x >= 0, by Hart's rational approximation (as given by
     * West, "Better approximations to cumulative normal functions", 2005): double precision,
     * and no cancellation in the far tail.
     */
    static double upperTail(double x) {
        if (x > 37) {
            return 0;
        }
        double e = Math.exp(-x * x / 2);
        if (x < 7.07106781186547) {
            double num = 3.52624965998911e-02 * x + 0.700383064443688;
            num = num * x + 6.37396220353165;
            num = num * x + 33.912866078383;
            num = num * x + 112.079291497871;
            num = num * x + 221.213596169931;
            num = num * x + 220.206867912376;
            double den = 8.83883476483184e-02 * x + 1.75566716318264;
            den = den * x + 16.064177579207;
            den = den * x + 86.7807322029461;
            den = den * x + 296.564248779674;
            den = den * x + 637.333633378831;
            den = den * x + 793.826512519948;
            den = den * x + 440.413735824752;
            return e * num / den;
        }
        double b = x + 0.65;
        b = x + 4 / b;
        b = x + 3 / b;
        b = x + 2 / b;
        b = x + 1 / b;
        return e / b / 2.506628274631;
    }

    private static double sq(double x) {
        return x * x;
    }
}

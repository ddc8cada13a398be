package dev.arbiter.tools;

/**
 * Logistic regression with an L2 (ridge) penalty on every coefficient but the intercept,
 * fitted by iteratively reweighted least squares. Plain loops in a fixed order, so the same
 * data gives the same coefficients bit for bit.
 */
final class LogisticRegression {

    private static final int MAX_ITERATIONS = 100;
    private static final double TOLERANCE = 1e-10;

    private LogisticRegression() {}

    /**
     * @param x      rows of features (no intercept column)
     * @param y      1 for the event (a bad applicant), 0 otherwise
     * @param lambda the L2 penalty
     * @return the intercept followed by one coefficient per feature
     */
    static double[] fit(double[][] x, int[] y, double lambda) {
        int n = x.length;
        int p = x[0].length + 1;
        double[] beta = new double[p];
        for (int iteration = 0; iteration < MAX_ITERATIONS; iteration++) {
            double[][] hessian = new double[p][p];
            double[] gradient = new double[p];
            for (int i = 0; i < n; i++) {
                double[] row = withIntercept(x[i]);
                double prob = sigmoid(dot(beta, row));
                double w = prob * (1 - prob);
                for (int j = 0; j < p; j++) {
                    gradient[j] += (y[i] - prob) * row[j];
                    for (int k = 0; k < p; k++) {
                        hessian[j][k] += w * row[j] * row[k];
                    }
                }
            }
            for (int j = 1; j < p; j++) {
                gradient[j] -= lambda * beta[j];
                hessian[j][j] += lambda;
            }
            double[] step = solve(hessian, gradient);
            double largest = 0;
            for (int j = 0; j < p; j++) {
                beta[j] += step[j];
                largest = Math.max(largest, Math.abs(step[j]));
            }
            if (largest < TOLERANCE) {
                return beta;
            }
        }
        throw new IllegalStateException("logistic regression did not converge in " + MAX_ITERATIONS + " iterations");
    }

    static double sigmoid(double z) {
        return 1.0 / (1.0 + Math.exp(-z));
    }

    private static double[] withIntercept(double[] row) {
        double[] full = new double[row.length + 1];
        full[0] = 1.0;
        System.arraycopy(row, 0, full, 1, row.length);
        return full;
    }

    private static double dot(double[] a, double[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += a[i] * b[i];
        }
        return sum;
    }

    /** Gaussian elimination with partial pivoting; the penalised Hessian is positive definite. */
    private static double[] solve(double[][] a, double[] b) {
        int n = b.length;
        double[][] m = new double[n][];
        double[] r = b.clone();
        for (int i = 0; i < n; i++) {
            m[i] = a[i].clone();
        }
        for (int col = 0; col < n; col++) {
            int pivot = col;
            for (int row = col + 1; row < n; row++) {
                if (Math.abs(m[row][col]) > Math.abs(m[pivot][col])) {
                    pivot = row;
                }
            }
            double[] tmpRow = m[col];
            m[col] = m[pivot];
            m[pivot] = tmpRow;
            double tmp = r[col];
            r[col] = r[pivot];
            r[pivot] = tmp;
            for (int row = col + 1; row < n; row++) {
                double factor = m[row][col] / m[col][col];
                for (int k = col; k < n; k++) {
                    m[row][k] -= factor * m[col][k];
                }
                r[row] -= factor * r[col];
            }
        }
        double[] solution = new double[n];
        for (int row = n - 1; row >= 0; row--) {
            double sum = r[row];
            for (int k = row + 1; k < n; k++) {
                sum -= m[row][k] * solution[k];
            }
            solution[row] = sum / m[row][row];
        }
        return solution;
    }
}

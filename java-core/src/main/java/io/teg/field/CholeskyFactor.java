package io.teg.field;

/**
 * The Cholesky factor of a symmetric positive-definite n×n matrix, A = UᵀU with U upper triangular (so L = Uᵀ is the
 * usual lower factor). Immutable after construction; package-private.
 *
 * <p>Matrices are arrays of rows, and every O(n³) loop is a multiply-add between two rows at the same index,
 * {@code target[j] -= f * source[j]}: a form the JIT vectorises, because even if two row arrays were one array the
 * lanes could not overlap.
 */
final class CholeskyFactor {

    private final int n;
    private final double[][] u;

    private CholeskyFactor(int n, double[][] u) {
        this.n = n;
        this.u = u;
    }

    /**
     * Factors A (n×n rows; only the upper triangle is read, A is not modified) by the right-looking outer-product
     * algorithm, n³/6 multiply-adds.
     *
     * @throws ArithmeticException when a pivot is not positive (A is not numerically positive definite)
     */
    static CholeskyFactor of(double[][] a) {
        int n = a.length;
        double[][] u = new double[n][n];
        for (int i = 0; i < n; i++) System.arraycopy(a[i], i, u[i], i, n - i);
        for (int k = 0; k < n; k++) {
            double[] rk = u[k];
            double pivot = rk[k];
            if (!(pivot > 0) || !Double.isFinite(pivot))
                throw new ArithmeticException("matrix is not positive definite: pivot " + k + " is " + pivot);
            double d = Math.sqrt(pivot);
            double inv = 1.0 / d;
            rk[k] = d;
            for (int j = k + 1; j < n; j++) rk[j] *= inv;
            for (int i = k + 1; i < n; i++) {
                double f = rk[i];
                if (f == 0.0) continue;
                double[] ri = u[i];
                for (int j = i; j < n; j++) ri[j] -= f * rk[j];
            }
        }
        return new CholeskyFactor(n, u);
    }

    /** Solves L·x = b (L = Uᵀ) in place: b becomes L⁻¹b. n²/2 multiply-adds. */
    void solveLowerInPlace(double[] b) {
        for (int k = 0; k < n; k++) {
            double[] rk = u[k];
            double xk = b[k] / rk[k];
            b[k] = xk;
            if (xk == 0.0) continue;
            for (int i = k + 1; i < n; i++) b[i] -= xk * rk[i];
        }
    }

    /** Solves Lᵀ·x = b (Lᵀ = U) in place: b becomes L⁻ᵀb. n²/2 multiply-adds. */
    void solveUpperInPlace(double[] b) {
        for (int i = n - 1; i >= 0; i--) {
            double[] ri = u[i];
            double s = b[i];
            for (int j = i + 1; j < n; j++) s -= ri[j] * b[j];
            b[i] = s / ri[i];
        }
    }

    /** Replaces the n-row matrix B by L⁻¹B, every column at once, row by row: n²·cols/2 multiply-adds. */
    void solveLowerInPlace(double[][] b) {
        for (int k = 0; k < n; k++) {
            double[] rk = u[k];
            double[] bk = b[k];
            int cols = bk.length;
            double inv = 1.0 / rk[k];
            for (int c = 0; c < cols; c++) bk[c] *= inv;
            for (int i = k + 1; i < n; i++) {
                double f = rk[i];
                if (f == 0.0) continue;
                double[] bi = b[i];
                for (int c = 0; c < cols; c++) bi[c] -= f * bk[c];
            }
        }
    }

    /** log|A| = 2·Σ log U_kk. */
    double logDeterminant() {
        double s = 0.0;
        for (int k = 0; k < n; k++) s += Math.log(u[k][k]);
        return 2.0 * s;
    }
}

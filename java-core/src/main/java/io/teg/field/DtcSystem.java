package io.teg.field;

/**
 * The sparse-GP normal equations for fixed samples, inducing points and length scale, reduced to M×M quantities once
 * so that every signal-to-noise ratio can then be tried in O(M³), independent of n. Immutable; package-private.
 *
 * <p>Notation: n centred samples y (value − μ) at x_i, M inducing points z_m, the unit-variance correlation
 * e(x, z) = exp(−|x − z|²/(2ℓ²)), E = [e(z_a, x_i)] (M×n), K_E = [e(z_a, z_b)] + jI (M×M, j the jitter) = LLᵀ, and
 * s = σ_f²/σ_n². Built in one O(n·M²) pass over the samples (the only step that depends on n):
 *
 * <pre>
 * G = E·Eᵀ              (M×M, accumulated over chunks of 256 samples; no n×n matrix is ever formed)
 * r = L⁻¹·E·y           (M)
 * C = L⁻¹·G·L⁻ᵀ         (M×M)
 * </pre>
 *
 * Then for A = I + s·C = L_A·L_Aᵀ and t = L_A⁻¹·r, the DTC/SoR quantities follow from the matrix inversion lemma and
 * Sylvester's determinant identity applied to Σ_y = Q + σ_n²I = σ_n²·(I + s·EᵀK_E⁻¹E):
 *
 * <pre>
 * yᵀ(I + s·EᵀK_E⁻¹E)⁻¹y = yᵀy − s·|t|²                                       (D1)
 * log|I + s·EᵀK_E⁻¹E|    = log|A|                                             (D2)
 * log p(y) = −(yᵀy − s|t|²)/(2σ_n²) − (n/2)·log σ_n² − ½·log|A| − (n/2)·log 2π (D3)
 * σ_n²* = (yᵀy − s|t|²)/n maximises (D3) for fixed ℓ and s                    (D4)
 * α = σ_n⁻²·L⁻ᵀ·A⁻¹·L⁻¹·E·y = (σ_n²K_mm + K_mn·K_nm)⁻¹·K_mn·y                (D5)
 * </pre>
 *
 * (D5) is the weight vector of the SoR/DTC predictive mean (Quiñonero-Candela &amp; Rasmussen 2005), factored
 * through L and L_A rather than formed directly, which keeps it well conditioned.
 */
final class DtcSystem {

    /**
     * Samples per chunk of the G accumulation: a chunk of E is 256 sample rows of M values (512 KiB at M = 256),
     * which stays in the L2 cache while every row of G is updated from it.
     */
    private static final int CHUNK = 256;

    /** Jitter is multiplied by this factor, up to {@link #MAX_JITTER}, when K_E is numerically singular. */
    private static final double JITTER_GROWTH = 10.0;
    private static final double MAX_JITTER = 1e-2;

    private static final double LOG_2PI = Math.log(2.0 * Math.PI);

    private final int n;
    private final int m;
    private final double centredSquareSum;
    private final CholeskyFactor kernelFactor;
    private final double[][] c;
    private final double[] r;

    private DtcSystem(int n, int m, double centredSquareSum, CholeskyFactor kernelFactor, double[][] c, double[] r) {
        this.n = n;
        this.m = m;
        this.centredSquareSum = centredSquareSum;
        this.kernelFactor = kernelFactor;
        this.c = c;
        this.r = r;
    }

    /**
     * @param x sample x, metres (n)
     * @param y sample y, metres (n)
     * @param centred sample values minus the mean, Φ-units (n)
     * @param zx inducing x, metres (M)
     * @param zy inducing y, metres (M)
     * @param lengthScaleM ℓ, metres
     * @param jitter j, added to the diagonal of the unit-variance K_E (relative to σ_f²)
     */
    static DtcSystem build(double[] x, double[] y, double[] centred, double[] zx, double[] zy, double lengthScaleM,
                           double jitter) {
        int n = x.length;
        int m = zx.length;
        double h = 1.0 / (2.0 * lengthScaleM * lengthScaleM);
        double cut = SquaredExponentialKernel.TRUNCATION_EXPONENT;

        double[][] g = new double[m][m];
        double[] b = new double[m];
        double yy = 0.0;
        double[][] e = new double[Math.min(CHUNK, n)][m];
        for (int c0 = 0; c0 < n; c0 += CHUNK) {
            int cn = Math.min(CHUNK, n - c0);
            for (int i = 0; i < cn; i++) {
                double xi = x[c0 + i];
                double yi = y[c0 + i];
                double vi = centred[c0 + i];
                double[] row = e[i];
                for (int a = 0; a < m; a++) {
                    double dx = xi - zx[a];
                    double dy = yi - zy[a];
                    double ex = (dx * dx + dy * dy) * h;
                    row[a] = ex <= cut ? Math.exp(-ex) : 0.0;
                }
                for (int a = 0; a < m; a++) b[a] += vi * row[a];
                yy += vi * vi;
            }
            accumulateGram(e, cn, m, g);
        }
        for (int a = 0; a < m; a++)
            for (int bb = 0; bb < a; bb++) g[a][bb] = g[bb][a];

        CholeskyFactor l = factorKernel(zx, zy, h, cut, jitter);

        l.solveLowerInPlace(b);                       // r = L⁻¹·E·y
        l.solveLowerInPlace(g);                       // X = L⁻¹·G
        transposeInPlace(g);                          // Xᵀ = G·L⁻ᵀ
        l.solveLowerInPlace(g);                       // C = L⁻¹·G·L⁻ᵀ
        for (int a = 0; a < m; a++)
            for (int bb = a + 1; bb < m; bb++) {
                double avg = 0.5 * (g[a][bb] + g[bb][a]);
                g[a][bb] = avg;
                g[bb][a] = avg;
            }
        return new DtcSystem(n, m, yy, l, g, b);
    }

    /**
     * G += Σ_i e_i·e_iᵀ over the chunk's sample rows e_i, on and above the diagonal. Eight samples per sweep, so each
     * row of G is loaded and stored once per eight rank-one updates; the inner loop reads every array at the same
     * index and the JIT vectorises it. Groups of samples that are all beyond the truncation radius of an inducing
     * point are skipped.
     */
    private static void accumulateGram(double[][] e, int rows, int m, double[][] g) {
        int i = 0;
        for (; i + 8 <= rows; i += 8) {
            double[] e0 = e[i];
            double[] e1 = e[i + 1];
            double[] e2 = e[i + 2];
            double[] e3 = e[i + 3];
            double[] e4 = e[i + 4];
            double[] e5 = e[i + 5];
            double[] e6 = e[i + 6];
            double[] e7 = e[i + 7];
            for (int a = 0; a < m; a++) {
                double s0 = e0[a];
                double s1 = e1[a];
                double s2 = e2[a];
                double s3 = e3[a];
                double s4 = e4[a];
                double s5 = e5[a];
                double s6 = e6[a];
                double s7 = e7[a];
                if (s0 == 0.0 && s1 == 0.0 && s2 == 0.0 && s3 == 0.0 && s4 == 0.0 && s5 == 0.0 && s6 == 0.0
                        && s7 == 0.0) continue;
                double[] ga = g[a];
                for (int c = a; c < m; c++)
                    ga[c] += s0 * e0[c] + s1 * e1[c] + s2 * e2[c] + s3 * e3[c] + s4 * e4[c] + s5 * e5[c]
                            + s6 * e6[c] + s7 * e7[c];
            }
        }
        for (; i < rows; i++) {
            double[] e0 = e[i];
            for (int a = 0; a < m; a++) {
                double s0 = e0[a];
                if (s0 == 0.0) continue;
                double[] ga = g[a];
                for (int c = a; c < m; c++) ga[c] += s0 * e0[c];
            }
        }
    }

    private static CholeskyFactor factorKernel(double[] zx, double[] zy, double h, double cut, double jitter) {
        int m = zx.length;
        double[][] k = new double[m][m];
        for (int a = 0; a < m; a++)
            for (int bb = a; bb < m; bb++) {
                double dx = zx[a] - zx[bb];
                double dy = zy[a] - zy[bb];
                double ex = (dx * dx + dy * dy) * h;
                k[a][bb] = ex <= cut ? Math.exp(-ex) : 0.0;
            }
        double j = jitter;
        while (true) {
            for (int a = 0; a < m; a++) k[a][a] = 1.0 + j;
            try {
                return CholeskyFactor.of(k);
            } catch (ArithmeticException notPositive) {
                if (j * JITTER_GROWTH > MAX_JITTER)
                    throw new ArithmeticException("the inducing-point kernel matrix stays singular with jitter " + j
                            + " (inducing points nearly coincide at length scale " + Math.sqrt(0.5 / h) + " m)");
                j *= JITTER_GROWTH;
            }
        }
    }

    private static void transposeInPlace(double[][] a) {
        int m = a.length;
        for (int i = 0; i < m; i++)
            for (int j = i + 1; j < m; j++) {
                double t = a[i][j];
                a[i][j] = a[j][i];
                a[j][i] = t;
            }
    }

    /**
     * The factorisation for one signal-to-noise ratio, or empty when A = I + s·C is not numerically positive
     * definite. C is positive semi-definite in exact arithmetic, but when K_E is ill-conditioned (inducing points
     * close together at a long length scale) its rounding error reaches −1/s at a large s, and that (ℓ, s) then has
     * no likelihood that this arithmetic can compute. The hyperparameter search treats such a point as infeasible.
     */
    java.util.Optional<Solution> trySolve(double signalToNoise) {
        try {
            return java.util.Optional.of(solve(signalToNoise));
        } catch (ArithmeticException notPositiveDefinite) {
            return java.util.Optional.empty();
        }
    }

    /** The factorisation for one signal-to-noise ratio s = σ_f²/σ_n² &gt; 0, O(M³). */
    Solution solve(double signalToNoise) {
        double s = signalToNoise;
        double[][] a = new double[m][m];
        for (int i = 0; i < m; i++) {
            double[] ai = a[i];
            double[] ci = c[i];
            for (int j = i; j < m; j++) ai[j] = s * ci[j];
            ai[i] += 1.0;
        }
        CholeskyFactor la = CholeskyFactor.of(a);
        double[] t = r.clone();
        la.solveLowerInPlace(t);
        double tt = 0.0;
        for (double v : t) tt += v * v;
        // yᵀΨ⁻¹y > 0 mathematically; guard the subtraction against rounding when the fit is near exact.
        double quad = Math.max(centredSquareSum - s * tt, centredSquareSum * 1e-15 + Double.MIN_NORMAL);
        return new Solution(la, t, quad, la.logDeterminant());
    }

    /** What one signal-to-noise ratio gives: (D1) to (D5). */
    final class Solution {
        private final CholeskyFactor aFactor;
        private final double[] t;
        private final double quad;
        private final double logDetA;

        private Solution(CholeskyFactor aFactor, double[] t, double quad, double logDetA) {
            this.aFactor = aFactor;
            this.t = t;
            this.quad = quad;
            this.logDetA = logDetA;
        }

        /** σ_n²* of (D4), Φ-units². */
        double profiledNoiseVariance() {
            return quad / n;
        }

        /** (D3) at σ_n² = σ_n²* of (D4): −(n/2)·(1 + log 2π + log σ_n²*) − ½·log|A|. */
        double profiledLogLikelihood() {
            return -0.5 * n * (1.0 + LOG_2PI + Math.log(quad / n)) - 0.5 * logDetA;
        }

        /** (D3) for the given σ_n² (σ_f² = s·σ_n² is implied by the ratio this solution was made for). */
        double logLikelihood(double noiseVariance) {
            return -0.5 * quad / noiseVariance - 0.5 * n * Math.log(noiseVariance) - 0.5 * logDetA - 0.5 * n * LOG_2PI;
        }

        /** α of (D5) for the given σ_n², 1/Φ-units. */
        double[] weights(double noiseVariance) {
            double[] w = t.clone();
            aFactor.solveUpperInPlace(w);
            kernelFactor.solveUpperInPlace(w);
            double inv = 1.0 / noiseVariance;
            for (int i = 0; i < w.length; i++) w[i] *= inv;
            return w;
        }
    }
}

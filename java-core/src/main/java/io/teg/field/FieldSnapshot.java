package io.teg.field;

import java.util.Arrays;

/**
 * One epoch's potential field Φ over the machine-room plane, as the governor publishes it (ARCHITECTURE §4, paper
 * §3.2). Immutable and thread-safe: every array is copied on the way in and on the way out, and the derived
 * constants are computed once in the constructor.
 *
 * <p>With inducing points z_m (metres), weights α_m and weight rates α̇_m, m = 1..M
 * (M ≤ {@value #MAX_INDUCING_POINTS}), the squared-exponential kernel k of {@link SquaredExponentialKernel}, the mean
 * offset μ and its rate μ̇:
 *
 * <pre>
 * Φ(x)          = μ + Σ_m α_m · k(x, z_m)                              (F1)  Φ-units
 * ∇Φ(x)         = −Σ_m α_m · k(x, z_m) · (x − z_m) / ℓ²                (F2)  Φ-units per metre
 * Φ̇(x)          = μ̇ + Σ_m α̇_m · k(x, z_m)                              (F3)  Φ-units per second
 * Φ(x, t + Δt) ≈ Φ(x) + Δt · Φ̇(x)                                     (F4)  first order, paper eq. 8
 * </pre>
 *
 * (F1) is the sparse-GP posterior mean of {@link SparseGpRegression}. The rates come from the difference between this
 * epoch's fit and the previous one on the same inducing points and hyperparameters, divided by the epoch interval, so
 * Φ_prev(x) + Δt·Φ̇(x) = Φ(x) everywhere; the first epoch, and any epoch whose hyperparameters were refitted, has
 * zero rates.
 *
 * <p>Every evaluation costs O(M) and allocates nothing but its result; {@link #valueAndGradient(double, double,
 * double[])} and {@link #predictValueAndGradient(double, double, double, double[])} allocate nothing at all. Terms
 * with |x − z_m|²/(2ℓ²) &gt; 40 (k &lt; 4.3·10⁻¹⁸·σ_f²) are skipped.
 */
public final class FieldSnapshot {

    /** The largest number of inducing points a snapshot may hold (ARCHITECTURE §4). */
    public static final int MAX_INDUCING_POINTS = 256;

    private final long epoch;
    private final Hyperparameters hyperparameters;
    private final double mean;
    private final double meanRate;
    private final double[] inducingX;
    private final double[] inducingY;
    private final double[] weights;
    private final double[] weightRates;

    // Derived once: σ_f²·α and σ_f²·α̇ fold the signal variance into the weights; the exponent factor 1/(2ℓ²).
    private final double[] scaledWeights;
    private final double[] scaledWeightRates;
    private final double halfInverseLengthScaleSquared;
    private final double inverseLengthScaleSquared;

    /**
     * @param epoch the logical epoch τ this field belongs to (&ge; 0)
     * @param hyperparameters σ_f², ℓ and σ_n² of the fit
     * @param mean μ of (F1), Φ-units
     * @param meanRate μ̇ of (F3), Φ-units per second
     * @param inducingX x of each inducing point, metres (length M, 1 ≤ M ≤ {@value #MAX_INDUCING_POINTS})
     * @param inducingY y of each inducing point, metres (length M)
     * @param weights α of (F1), length M, 1/Φ-units (α_m·k is in Φ-units)
     * @param weightRates α̇ of (F3), length M, per second
     * @throws IllegalArgumentException when a length differs, M is out of range, or a number is not finite
     */
    public FieldSnapshot(long epoch, Hyperparameters hyperparameters, double mean, double meanRate,
                         double[] inducingX, double[] inducingY, double[] weights, double[] weightRates) {
        if (epoch < 0) throw new IllegalArgumentException("epoch must be >= 0, got " + epoch);
        if (hyperparameters == null) throw new IllegalArgumentException("hyperparameters are required");
        if (!Double.isFinite(mean)) throw new IllegalArgumentException("mean must be finite, got " + mean);
        if (!Double.isFinite(meanRate)) throw new IllegalArgumentException("meanRate must be finite, got " + meanRate);
        if (inducingX == null || inducingY == null || weights == null || weightRates == null)
            throw new IllegalArgumentException("inducing points, weights and weight rates are required");
        int m = inducingX.length;
        if (m < 1 || m > MAX_INDUCING_POINTS)
            throw new IllegalArgumentException("a snapshot needs 1.." + MAX_INDUCING_POINTS + " inducing points, got "
                    + m);
        if (inducingY.length != m || weights.length != m || weightRates.length != m)
            throw new IllegalArgumentException("inducingX, inducingY, weights and weightRates must have the same "
                    + "length, got " + m + ", " + inducingY.length + ", " + weights.length + ", " + weightRates.length);
        this.epoch = epoch;
        this.hyperparameters = hyperparameters;
        this.mean = mean;
        this.meanRate = meanRate;
        this.inducingX = finiteCopy("inducingX", inducingX);
        this.inducingY = finiteCopy("inducingY", inducingY);
        this.weights = finiteCopy("weights", weights);
        this.weightRates = finiteCopy("weightRates", weightRates);
        double sf2 = hyperparameters.signalVariance();
        double l = hyperparameters.lengthScaleM();
        this.scaledWeights = new double[m];
        this.scaledWeightRates = new double[m];
        for (int i = 0; i < m; i++) {
            scaledWeights[i] = sf2 * weights[i];
            scaledWeightRates[i] = sf2 * weightRates[i];
        }
        this.inverseLengthScaleSquared = 1.0 / (l * l);
        this.halfInverseLengthScaleSquared = 0.5 * inverseLengthScaleSquared;
    }

    /** A snapshot without a time derivative (μ̇ = 0, α̇ = 0): the first epoch, or one after a hyperparameter refit. */
    public static FieldSnapshot stationary(long epoch, Hyperparameters hyperparameters, double mean,
                                           double[] inducingX, double[] inducingY, double[] weights) {
        if (weights == null) throw new IllegalArgumentException("weights are required");
        return new FieldSnapshot(epoch, hyperparameters, mean, 0.0, inducingX, inducingY, weights,
                new double[weights.length]);
    }

    private static double[] finiteCopy(String name, double[] values) {
        double[] copy = values.clone();
        for (int i = 0; i < copy.length; i++)
            if (!Double.isFinite(copy[i]))
                throw new IllegalArgumentException(name + "[" + i + "] must be finite, got " + copy[i]);
        return copy;
    }

    /** Φ(x, y) of (F1), Φ-units; x and y in metres. */
    public double value(double x, double y) {
        double sum = 0.0;
        for (int m = 0; m < inducingX.length; m++) {
            double dx = x - inducingX[m];
            double dy = y - inducingY[m];
            double e = (dx * dx + dy * dy) * halfInverseLengthScaleSquared;
            if (e <= SquaredExponentialKernel.TRUNCATION_EXPONENT) sum += scaledWeights[m] * Math.exp(-e);
        }
        return mean + sum;
    }

    /** ∇Φ(x, y) of (F2), Φ-units per metre. */
    public Gradient gradient(double x, double y) {
        double gx = 0.0;
        double gy = 0.0;
        for (int m = 0; m < inducingX.length; m++) {
            double dx = x - inducingX[m];
            double dy = y - inducingY[m];
            double e = (dx * dx + dy * dy) * halfInverseLengthScaleSquared;
            if (e <= SquaredExponentialKernel.TRUNCATION_EXPONENT) {
                double ak = scaledWeights[m] * Math.exp(-e);
                gx -= ak * dx;
                gy -= ak * dy;
            }
        }
        return new Gradient(gx * inverseLengthScaleSquared, gy * inverseLengthScaleSquared);
    }

    /**
     * Φ(x, y) and ∇Φ(x, y) in one O(M) pass, without allocating.
     *
     * @param gradientOut receives ∂Φ/∂x at index 0 and ∂Φ/∂y at index 1, Φ-units per metre (length &ge; 2)
     * @return Φ(x, y), Φ-units
     */
    public double valueAndGradient(double x, double y, double[] gradientOut) {
        return predictValueAndGradient(x, y, 0.0, gradientOut);
    }

    /** Φ̇(x, y) of (F3), Φ-units per second. */
    public double rate(double x, double y) {
        double sum = 0.0;
        for (int m = 0; m < inducingX.length; m++) {
            double dx = x - inducingX[m];
            double dy = y - inducingY[m];
            double e = (dx * dx + dy * dy) * halfInverseLengthScaleSquared;
            if (e <= SquaredExponentialKernel.TRUNCATION_EXPONENT) sum += scaledWeightRates[m] * Math.exp(-e);
        }
        return meanRate + sum;
    }

    /**
     * The dual-number field of paper eq. 8, carried {@code dtS} seconds ahead by (F4): Φ(x, t + Δt) + Φ̇(x)·ε, with
     * Φ(x, t + Δt) = Φ(x) + Δt·Φ̇(x). With {@code dtS = 0} this is Φ + Φ̇ε itself. One O(M) pass.
     *
     * @param dtS Δt in seconds (finite; negative looks back)
     */
    public Dual predict(double x, double y, double dtS) {
        checkDt(dtS);
        double sum = 0.0;
        double rateSum = 0.0;
        for (int m = 0; m < inducingX.length; m++) {
            double dx = x - inducingX[m];
            double dy = y - inducingY[m];
            double e = (dx * dx + dy * dy) * halfInverseLengthScaleSquared;
            if (e <= SquaredExponentialKernel.TRUNCATION_EXPONENT) {
                double k = Math.exp(-e);
                sum += scaledWeights[m] * k;
                rateSum += scaledWeightRates[m] * k;
            }
        }
        double rate = meanRate + rateSum;
        return new Dual(mean + sum + dtS * rate, rate);
    }

    /**
     * The field predicted {@code dtS} seconds ahead by (F4), Φ(x, t + Δt), and its gradient ∇Φ(x) + Δt·∇Φ̇(x), in one
     * O(M) pass without allocating. This is what an agent descends when it acts on the future field.
     *
     * @param dtS Δt in seconds (finite)
     * @param gradientOut receives the predicted ∂Φ/∂x at index 0 and ∂Φ/∂y at index 1, Φ-units per metre
     * @return Φ(x, t + Δt), Φ-units
     */
    public double predictValueAndGradient(double x, double y, double dtS, double[] gradientOut) {
        checkDt(dtS);
        if (gradientOut == null || gradientOut.length < 2)
            throw new IllegalArgumentException("gradientOut must have length >= 2");
        double sum = 0.0;
        double gx = 0.0;
        double gy = 0.0;
        for (int m = 0; m < inducingX.length; m++) {
            double dx = x - inducingX[m];
            double dy = y - inducingY[m];
            double e = (dx * dx + dy * dy) * halfInverseLengthScaleSquared;
            if (e <= SquaredExponentialKernel.TRUNCATION_EXPONENT) {
                double ak = (scaledWeights[m] + dtS * scaledWeightRates[m]) * Math.exp(-e);
                sum += ak;
                gx -= ak * dx;
                gy -= ak * dy;
            }
        }
        gradientOut[0] = gx * inverseLengthScaleSquared;
        gradientOut[1] = gy * inverseLengthScaleSquared;
        return mean + dtS * meanRate + sum;
    }

    private static void checkDt(double dtS) {
        if (!Double.isFinite(dtS)) throw new IllegalArgumentException("dtS must be finite, got " + dtS);
    }

    /** The logical epoch τ. */
    public long epoch() {
        return epoch;
    }

    public Hyperparameters hyperparameters() {
        return hyperparameters;
    }

    /** The kernel (σ_f², ℓ) of the fit. */
    public SquaredExponentialKernel kernel() {
        return hyperparameters.kernel();
    }

    /** μ of (F1), Φ-units: the field far from every inducing point. */
    public double mean() {
        return mean;
    }

    /** μ̇ of (F3), Φ-units per second. */
    public double meanRate() {
        return meanRate;
    }

    /** M, the number of inducing points. */
    public int inducingPointCount() {
        return inducingX.length;
    }

    /** x of inducing point m, metres. */
    public double inducingX(int m) {
        return inducingX[m];
    }

    /** y of inducing point m, metres. */
    public double inducingY(int m) {
        return inducingY[m];
    }

    /** α_m of (F1). */
    public double weight(int m) {
        return weights[m];
    }

    /** α̇_m of (F3), per second. */
    public double weightRate(int m) {
        return weightRates[m];
    }

    /** A copy of the x coordinates of the inducing points, metres. */
    public double[] inducingX() {
        return inducingX.clone();
    }

    /** A copy of the y coordinates of the inducing points, metres. */
    public double[] inducingY() {
        return inducingY.clone();
    }

    /** A copy of α. */
    public double[] weights() {
        return weights.clone();
    }

    /** A copy of α̇, per second. */
    public double[] weightRates() {
        return weightRates.clone();
    }

    /** True when the snapshot carries a time derivative (some α̇_m or μ̇ is non-zero). */
    public boolean hasRate() {
        if (meanRate != 0.0) return true;
        for (double r : weightRates) if (r != 0.0) return true;
        return false;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FieldSnapshot s && epoch == s.epoch && hyperparameters.equals(s.hyperparameters)
                && Double.compare(mean, s.mean) == 0 && Double.compare(meanRate, s.meanRate) == 0
                && Arrays.equals(inducingX, s.inducingX) && Arrays.equals(inducingY, s.inducingY)
                && Arrays.equals(weights, s.weights) && Arrays.equals(weightRates, s.weightRates);
    }

    @Override
    public int hashCode() {
        int h = Long.hashCode(epoch);
        h = 31 * h + hyperparameters.hashCode();
        h = 31 * h + Double.hashCode(mean);
        h = 31 * h + Double.hashCode(meanRate);
        h = 31 * h + Arrays.hashCode(inducingX);
        h = 31 * h + Arrays.hashCode(inducingY);
        h = 31 * h + Arrays.hashCode(weights);
        return 31 * h + Arrays.hashCode(weightRates);
    }

    @Override
    public String toString() {
        return "FieldSnapshot[epoch=" + epoch + ", M=" + inducingX.length + ", " + hyperparameters + ", mean=" + mean
                + ", meanRate=" + meanRate + "]";
    }
}

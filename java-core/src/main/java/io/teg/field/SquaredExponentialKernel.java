package io.teg.field;

/**
 * The squared-exponential (radial basis function) covariance on the machine-room plane. Immutable.
 *
 * <pre>
 * k(x, z) = σ_f² · exp(−|x − z|² / (2ℓ²))                         (K1)
 * ∂k/∂x₁  = −k(x, z) · (x₁ − z₁) / ℓ²                             (K2, likewise for the y component)
 * </pre>
 *
 * where x and z are points in metres, σ_f² is the signal variance in Φ-units² and ℓ the length scale in metres
 * (Rasmussen &amp; Williams, <i>Gaussian Processes for Machine Learning</i>, 2006, eq. 2.31).
 *
 * @param signalVariance σ_f² &gt; 0, in Φ-units squared
 * @param lengthScaleM ℓ &gt; 0, metres
 */
public record SquaredExponentialKernel(double signalVariance, double lengthScaleM) {

    /**
     * Field evaluation and regression loops treat k as exactly 0 where |x − z|²/(2ℓ²) exceeds this value, i.e. where
     * k &lt; 4.3·10⁻¹⁸·σ_f² (beyond about 8.9ℓ), which skips the exponential there. The methods of this record are
     * not truncated.
     */
    static final double TRUNCATION_EXPONENT = 40.0;

    public SquaredExponentialKernel {
        if (!(signalVariance > 0) || !Double.isFinite(signalVariance))
            throw new IllegalArgumentException("signalVariance must be finite and > 0, got " + signalVariance);
        if (!(lengthScaleM > 0) || !Double.isFinite(lengthScaleM))
            throw new IllegalArgumentException("lengthScaleM must be finite and > 0 m, got " + lengthScaleM);
    }

    /** k(x, z) of (K1) for x = (x1, y1) and z = (x2, y2), in metres. */
    public double value(double x1, double y1, double x2, double y2) {
        double dx = x1 - x2;
        double dy = y1 - y2;
        return signalVariance * correlation(dx * dx + dy * dy);
    }

    /** The unit-variance correlation exp(−r² / (2ℓ²)) for a squared distance r² in m². */
    public double correlation(double squaredDistanceM2) {
        return Math.exp(-squaredDistanceM2 / (2.0 * lengthScaleM * lengthScaleM));
    }

    /** ∂k(x, z)/∂x₁ of (K2): the derivative along x of the first argument, Φ-units² per metre. */
    public double derivativeX(double x1, double y1, double x2, double y2) {
        return -value(x1, y1, x2, y2) * (x1 - x2) / (lengthScaleM * lengthScaleM);
    }

    /** ∂k(x, z)/∂y₁ of (K2): the derivative along y of the first argument, Φ-units² per metre. */
    public double derivativeY(double x1, double y1, double x2, double y2) {
        return -value(x1, y1, x2, y2) * (y1 - y2) / (lengthScaleM * lengthScaleM);
    }
}

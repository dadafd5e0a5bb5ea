package io.teg.field;

/**
 * The hyperparameters of the field's Gaussian process: the kernel's signal variance and length scale, and the
 * variance of the observation noise on the samples. Immutable.
 *
 * <p>Observation model: value_i = f(x_i) + e_i with f ~ GP(mean, k) for the kernel k of
 * {@link SquaredExponentialKernel} and e_i ~ N(0, σ_n²) independent.
 *
 * @param signalVariance σ_f² &gt; 0, Φ-units squared
 * @param lengthScaleM ℓ &gt; 0, metres
 * @param noiseVariance σ_n² &gt; 0, Φ-units squared
 */
public record Hyperparameters(double signalVariance, double lengthScaleM, double noiseVariance) {

    public Hyperparameters {
        if (!(signalVariance > 0) || !Double.isFinite(signalVariance))
            throw new IllegalArgumentException("signalVariance must be finite and > 0, got " + signalVariance);
        if (!(lengthScaleM > 0) || !Double.isFinite(lengthScaleM))
            throw new IllegalArgumentException("lengthScaleM must be finite and > 0 m, got " + lengthScaleM);
        if (!(noiseVariance > 0) || !Double.isFinite(noiseVariance))
            throw new IllegalArgumentException("noiseVariance must be finite and > 0, got " + noiseVariance);
    }

    /** The kernel (σ_f², ℓ). */
    public SquaredExponentialKernel kernel() {
        return new SquaredExponentialKernel(signalVariance, lengthScaleM);
    }

    /** The signal-to-noise variance ratio σ_f² / σ_n² (dimensionless); the posterior mean depends only on it and ℓ. */
    public double signalToNoise() {
        return signalVariance / noiseVariance;
    }
}

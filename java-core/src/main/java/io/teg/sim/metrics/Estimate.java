package io.teg.sim.metrics;

import org.apache.commons.math3.distribution.TDistribution;

/**
 * The mean of one metric over R independent runs (one per seed) and the half-width of its two-sided 95% confidence
 * interval, both in the metric's own unit. Immutable.
 *
 * <p>With \(x_1, \dots, x_R\) the per-run values, \(\bar x = \frac{1}{R}\sum x_i\),
 * \(s = \sqrt{\frac{1}{R-1}\sum (x_i - \bar x)^2}\) and \(t_{0.975,\,R-1}\) the 97.5% quantile of Student's t
 * distribution with R - 1 degrees of freedom:
 * <pre>
 *   ci95 = t(0.975, R-1) * s / sqrt(R)        (R &gt;= 2)
 *   ci95 = 0                                  (R = 1: no spread can be estimated from one run)
 * </pre>
 * The interval is {@code [mean - ci95, mean + ci95]}. It treats the runs as independent samples of the same
 * distribution, which holds when only the seed differs between them.
 *
 * @param mean mean over the runs, in the metric's unit
 * @param ci95 half-width of the 95% confidence interval, in the metric's unit, &gt;= 0
 */
public record Estimate(double mean, double ci95) {

    /** Two-sided confidence level of {@link #ci95}. */
    public static final double CONFIDENCE = 0.95;

    public Estimate {
        if (!Double.isFinite(mean)) throw new IllegalArgumentException("mean must be finite, got " + mean);
        if (!(ci95 >= 0) || !Double.isFinite(ci95))
            throw new IllegalArgumentException("ci95 must be finite and >= 0, got " + ci95);
    }

    /**
     * The estimate from per-run values.
     *
     * @param perRun one finite value per run, in the metric's unit; at least one
     * @throws IllegalArgumentException when there is no value or one is not finite
     */
    public static Estimate of(double... perRun) {
        int r = perRun.length;
        if (r == 0) throw new IllegalArgumentException("an estimate needs at least one run");
        boolean allSame = true;
        double sum = 0;
        for (double v : perRun) {
            if (!Double.isFinite(v)) throw new IllegalArgumentException("per-run values must be finite, got " + v);
            sum += v;
            allSame &= Double.compare(v, perRun[0]) == 0;
        }
        // identical values: report the value itself, exactly, with no spread (avoids 1e-17 rounding residue)
        if (allSame) return new Estimate(perRun[0] == 0 ? 0.0 : perRun[0], 0.0);
        double mean = sum / r;
        double squares = 0;
        for (double v : perRun) squares += (v - mean) * (v - mean);
        double s = Math.sqrt(squares / (r - 1));
        return new Estimate(mean, criticalT(r - 1) * s / Math.sqrt(r));
    }

    /** The 97.5% quantile of Student's t with {@code degrees} degrees of freedom. */
    static double criticalT(int degrees) {
        return new TDistribution(null, degrees).inverseCumulativeProbability(1 - (1 - CONFIDENCE) / 2);
    }
}

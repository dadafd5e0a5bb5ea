package io.teg.governor;

/**
 * The governor's estimate of the Reynolds number's motion at the end of an epoch: its instantaneous rate and the
 * exogenous drive f of the model m·R̈e = f − γ ({@link BarrierState}). Immutable.
 *
 * <p>The governor sees Re only once per epoch, so Ṙe of {@link OrderParameters} is the <em>mean</em> rate over the
 * epoch, not the rate at its end. Under the model, with γ held piecewise constant and f constant, two consecutive
 * mean rates determine both unknowns exactly ({@link #fromRates}); with less history the estimate assumes a steady
 * state.
 *
 * @param ratePerSecond Ṙe at the end of the epoch, per second
 * @param drive f, in units of γ (dimensionless)
 * @param samples how many measured mean rates the estimate rests on: 0, 1 or 2
 */
public record ReynoldsEstimate(double ratePerSecond, double drive, int samples) {

    public ReynoldsEstimate {
        Bounds finite = Bounds.open(Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY);
        finite.require("reynoldsEstimate.ratePerSecond", ratePerSecond);
        finite.require("reynoldsEstimate.drive", drive);
        if (samples < 0 || samples > 2) throw new IllegalArgumentException("samples must be in 0..2, got " + samples);
    }

    /** No measured rate: Re is taken at rest, and the drive as balanced by the γ in force (f = γ). */
    public static ReynoldsEstimate steady(double gammaInForce) {
        return new ReynoldsEstimate(0.0, gammaInForce, 0);
    }

    /** One measured mean rate: taken as the rate now, with no acceleration (f = γ in force). */
    public static ReynoldsEstimate fromRate(double meanRatePerSecond, double gammaInForce) {
        return new ReynoldsEstimate(meanRatePerSecond, gammaInForce, 1);
    }

    /**
     * Two consecutive mean rates: the exact state under the model. With r₁ the mean rate over the earlier epoch
     * (T₁ seconds, γ₁ in force) and r₂ over the later one (T₂ seconds, γ₂ in force), and m the inertia:
     * <pre>
     *   r₂ − r₁ = ½·a₁·T₁ + ½·a₂·T₂,   a_i = (f − γ_i)/m
     *   f       = (2·m·(r₂ − r₁) + γ₁·T₁ + γ₂·T₂) / (T₁ + T₂)
     *   Ṙe(end) = r₂ + ½·a₂·T₂
     * </pre>
     *
     * @param inertiaSecondsSquared m &gt; 0, seconds²
     */
    public static ReynoldsEstimate fromRates(double inertiaSecondsSquared, double earlierMeanRate, double earlierSeconds,
                                             double gammaDuringEarlier, double laterMeanRate, double laterSeconds,
                                             double gammaDuringLater) {
        Bounds positive = Bounds.open(0, Double.POSITIVE_INFINITY);
        positive.require("inertiaSecondsSquared", inertiaSecondsSquared);
        positive.require("earlierSeconds", earlierSeconds);
        positive.require("laterSeconds", laterSeconds);
        double drive = (2 * inertiaSecondsSquared * (laterMeanRate - earlierMeanRate)
                + gammaDuringEarlier * earlierSeconds + gammaDuringLater * laterSeconds) / (earlierSeconds + laterSeconds);
        double rate = laterMeanRate + 0.5 * (drive - gammaDuringLater) / inertiaSecondsSquared * laterSeconds;
        return new ReynoldsEstimate(rate, drive, 2);
    }
}

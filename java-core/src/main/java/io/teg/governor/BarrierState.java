package io.teg.governor;

/**
 * The state that one barrier guards: a quantity x (Re, or a power load P/P_max), its rate, its limit, its inertia
 * and the drive that pushes it. Immutable.
 *
 * <h2>Dynamics (the model the barrier is derived for)</h2>
 * <pre>
 *   m · ẍ = f − γ
 * </pre>
 * x is a body of inertia m (seconds², per unit of γ) pushed by an exogenous drive f and braked by the governor's
 * γ, both in the units of γ (dimensionless). γ acts on the acceleration, not on x itself: that is the inertia the
 * paper's HOCBF exists for (§4.3), and it makes the stopping distance under constant braking γ_max exactly
 * ½·m·ẋ²/γ_max, the second term of eq. 27. A subsidy (γ &lt; 0) accelerates x. Over a hold of T seconds with γ held
 * constant the exact solution is
 * <pre>
 *   ẋ(T) = ẋ + (f − γ)/m · T,     x(T) = x + ẋ·T + ½·(f − γ)/m · T²
 * </pre>
 * ({@link #advance(double, double)}). For Re, m is the agents' mean mass m̄ (eq. 11) times a calibration in
 * seconds² per unit of mass; for a power budget, a configured inertia.
 *
 * @param value x: Re (dimensionless, may be +∞) or P/P_max (dimensionless)
 * @param ratePerSecond ẋ, per second (finite)
 * @param limit the limit x_max: Re_max, or 1 for a power budget (finite)
 * @param inertiaSecondsSquared m &gt; 0, seconds² per unit of γ
 * @param drive f, the exogenous push in units of γ (finite); f = m·ẍ + γ for the γ in force
 */
public record BarrierState(double value, double ratePerSecond, double limit, double inertiaSecondsSquared,
                           double drive) {

    public BarrierState {
        if (Double.isNaN(value) || value == Double.NEGATIVE_INFINITY)
            throw new IllegalArgumentException("barrier value must be finite or +inf, got " + value);
        Bounds finite = Bounds.open(Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY);
        finite.require("barrier.ratePerSecond", ratePerSecond);
        finite.require("barrier.limit", limit);
        Bounds.open(0, Double.POSITIVE_INFINITY).require("barrier.inertiaSecondsSquared", inertiaSecondsSquared);
        finite.require("barrier.drive", drive);
    }

    /** The acceleration ẍ = (f − γ)/m, per second², under a held γ. */
    public double acceleration(double gamma) {
        return (drive - gamma) / inertiaSecondsSquared;
    }

    /** The state after holding {@code gamma} for {@code seconds}, by the exact solution of m·ẍ = f − γ. */
    public BarrierState advance(double gamma, double seconds) {
        double acc = acceleration(gamma);
        return new BarrierState(value + ratePerSecond * seconds + 0.5 * acc * seconds * seconds,
                ratePerSecond + acc * seconds, limit, inertiaSecondsSquared, drive);
    }
}

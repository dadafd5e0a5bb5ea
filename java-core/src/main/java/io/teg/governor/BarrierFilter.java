package io.teg.governor;

/**
 * The high-order control barrier function (HOCBF) filter of paper §4.3: it raises γ to the least value that keeps
 * the guarded quantity x (Re, or a power load) below its limit, taking the inertia of the agents into account.
 * Immutable and thread-safe.
 *
 * <h2>Barrier (eq. 27)</h2>
 * <pre>
 *   h = (x_max − x) − ½ · m · (ẋ⁺)² / β,     β = γ_max − min(max(f, 0), f_bound),   ẋ⁺ = max(ẋ, 0)
 * </pre>
 * Under the dynamics m·ẍ = f − γ ({@link BarrierState}) and f ≤ f_bound, the second term is the exact distance x
 * coasts before stopping when γ_max is applied now. With no positive drive (f ≤ 0) and x rising this is the paper's
 * eq. 27 letter for letter. Two departures, both stated:
 * <ul>
 *   <li>the braking authority β is γ_max net of a positive drive, because a drive eats into the braking: with the
 *       paper's γ_max the stopping distance would be optimistic, and at h = 0 no admissible γ could stop x. The drive
 *       netted out is capped at the design bound f_bound &lt; γ_max, so β ≥ γ_max − f_bound &gt; 0. The cap matters:
 *       the drive is recovered as f = m·ẍ + γ_in_force, so a quantity that does not respond to γ reads as one that γ
 *       exactly balances, and after an epoch at γ_max an uncapped authority γ_max − f would be 0 and would hold γ at
 *       γ_max for ever. Above f_bound the guarantee below no longer holds; the filter then reports infeasibility
 *       near the limit.</li>
 *   <li>ẋ⁺ replaces |ẋ|: when x is falling it coasts away from the limit, not towards it. With |ẋ|² the condition
 *       below would demand a γ <em>upper</em> bound whenever x falls, which no "raise γ" filter can meet. h stays
 *       continuously differentiable.</li>
 * </ul>
 *
 * <h2>Condition (eq. 28) and the least γ in closed form</h2>
 * For ẋ &gt; 0:
 * <pre>
 *   ḣ = −ẋ − (m/β)·ẋ·ẍ = −ẋ − (ẋ/β)·(f − γ)
 *   ḣ + α·h ≥ 0   ⇔   γ ≥ γ_c = β + f − α·h·β/ẋ
 * </pre>
 * For ẋ ≤ 0, ḣ = −ẋ does not depend on γ: the condition either holds for all γ (γ_c = −∞) or for none
 * (γ_c = +∞, and γ_max is applied as the best effort). {@link #leastGammaInstantaneous(BarrierState)} returns γ_c.
 *
 * <h2>Sampled data</h2>
 * The governor holds γ for a whole epoch of T seconds, and eq. 28 at one instant does not bound what happens
 * during the hold: when the least γ is below the drive, x accelerates, and a slow start (small ẋ) lets γ_c fall to
 * −∞ while the drive pushes x into the limit within the epoch. {@link #bound(ConstraintKind, String, BarrierState,
 * double)} therefore also demands the discrete form of eq. 28 over the hold, exactly under the model:
 * <pre>
 *   h(T) ≥ (1 − α̂·T)·h(0),     α̂ = min(α, 1/T)
 * </pre>
 * h(T) is strictly decreasing in the acceleration, so the least γ is unique. Writing u = ẋ(T), with
 * x(T) = x + ½·(ẋ + u)·T and K = (x_max − x) − (1 − α̂T)·h − ½·ẋ·T:
 * <pre>
 *   K &gt; 0:  u = 2K / (T/2 + √(T²/4 + 2·(m/β)·K))      (the positive root of (m/2β)u² + (T/2)u − K = 0)
 *   K ≤ 0:  u = 2·((x_max − x) − (1 − α̂T)·h)/T − ẋ     (x turns during the hold; no stopping term)
 *   γ_s = f − m·(u − ẋ)/T
 * </pre>
 * The bound is γ_least = max(γ_c(α̂), γ_s). Guarantee, under the model with f ≤ f_bound and h(0) ≥ 0:
 * γ_least ≤ γ_max (γ_max keeps
 * h constant or rising), and holding any γ ≥ γ_least keeps h(t) ≥ 0 for every t in [0, T], not only at the end.
 * Proof sketch: if γ ≥ f, ẋ falls, so |ḣ| = (ẋ/β)·(β + f − γ) only shrinks and h(t) ≥ (1 − α̂t)·h(0) ≥ 0 by
 * γ ≥ γ_c; if γ &lt; f, ẋ rises and stays positive once positive, h then falls monotonically, and h(T) ≥ 0 by
 * γ ≥ γ_s.
 *
 * <h2>Units</h2>
 * x and h in the units of x (dimensionless for Re and for P/P_max); ẋ per second; α per second; m in seconds² per
 * unit of γ; γ, f, f_bound and β dimensionless.
 */
public final class BarrierFilter {

    private final double gammaMax;
    private final double alphaPerSecond;
    private final double driveBound;

    /**
     * @param gammaMax γ_max &gt; 0, the strongest braking the governor may apply
     * @param alphaPerSecond α &gt; 0, per second: the class-K gain of eq. 28; h may decay no faster than e^{−αt}
     * @param driveBound f_bound in [0, γ_max): the largest drive the barrier is designed to stop
     */
    public BarrierFilter(double gammaMax, double alphaPerSecond, double driveBound) {
        this.gammaMax = Bounds.open(0, Double.POSITIVE_INFINITY).require("governor.gammaMax", gammaMax);
        this.alphaPerSecond = Bounds.open(0, Double.POSITIVE_INFINITY).require("governor.barrierAlphaPerSecond", alphaPerSecond);
        this.driveBound = Bounds.closedOpen(0, gammaMax).require("governor.barrierDriveBound", driveBound);
    }

    public double gammaMax() {
        return gammaMax;
    }

    public double alphaPerSecond() {
        return alphaPerSecond;
    }

    public double driveBound() {
        return driveBound;
    }

    /** β = γ_max − min(max(f, 0), f_bound): the braking left after the drive, always ≥ γ_max − f_bound &gt; 0. */
    public double brakingAuthority(BarrierState state) {
        return gammaMax - Math.min(Math.max(state.drive(), 0.0), driveBound);
    }

    /** h of eq. 27 (in the form stated in the class comment); −∞ for an infinite x. */
    public double barrier(BarrierState state) {
        if (state.value() == Double.POSITIVE_INFINITY) return Double.NEGATIVE_INFINITY;
        double rising = Math.max(state.ratePerSecond(), 0.0);
        return (state.limit() - state.value())
                - 0.5 * state.inertiaSecondsSquared() * rising * rising / brakingAuthority(state);
    }

    /** ḣ under the model while {@code gamma} is held: −ẋ − (ẋ⁺/β)·(f − γ). */
    public double barrierRate(BarrierState state, double gamma) {
        double v = state.ratePerSecond();
        if (v <= 0) return -v;
        return -v - v / brakingAuthority(state) * (state.drive() - gamma);
    }

    /** γ_c: the least γ with ḣ + α·h ≥ 0 now (eq. 28), for this filter's α. */
    public double leastGammaInstantaneous(BarrierState state) {
        return leastGammaInstantaneous(state, alphaPerSecond);
    }

    /** γ_s: the least γ which, held for {@code holdSeconds}, gives h(T) ≥ (1 − min(α·T, 1))·h(0) under the model. */
    public double leastGammaSampled(BarrierState state, double holdSeconds) {
        double hold = Bounds.open(0, Double.POSITIVE_INFINITY).require("holdSeconds", holdSeconds);
        if (state.value() == Double.POSITIVE_INFINITY) return Double.POSITIVE_INFINITY;
        double beta = brakingAuthority(state);
        double h = barrier(state);
        double target = (1 - Math.min(alphaPerSecond * hold, 1.0)) * h;
        double headroom = state.limit() - state.value();
        double v0 = state.ratePerSecond();
        double m = state.inertiaSecondsSquared();
        double k = headroom - target - 0.5 * v0 * hold;
        double terminalRate;
        if (k > 0) {
            double halfHold = 0.5 * hold;
            terminalRate = 2 * k / (halfHold + Math.sqrt(halfHold * halfHold + 2 * (m / beta) * k));
        } else {
            terminalRate = 2 * (headroom - target) / hold - v0;
        }
        return state.drive() - m * (terminalRate - v0) / hold;
    }

    /**
     * The bound this barrier puts on γ for a hold of {@code holdSeconds}: max(γ_c(α̂), γ_s), α̂ = min(α, 1/T).
     *
     * @param kind {@link ConstraintKind#REYNOLDS_BARRIER} or {@link ConstraintKind#POWER_BARRIER}
     * @param name the constraint's name in reports
     */
    public BarrierBound bound(ConstraintKind kind, String name, BarrierState state, double holdSeconds) {
        double hold = Bounds.open(0, Double.POSITIVE_INFINITY).require("holdSeconds", holdSeconds);
        double alpha = Math.min(alphaPerSecond, 1.0 / hold);
        double least = Math.max(leastGammaInstantaneous(state, alpha), leastGammaSampled(state, hold));
        return new BarrierBound(kind, name, barrier(state), least, gammaMax);
    }

    private double leastGammaInstantaneous(BarrierState state, double alpha) {
        if (state.value() == Double.POSITIVE_INFINITY) return Double.POSITIVE_INFINITY;
        double beta = brakingAuthority(state);
        double h = barrier(state);
        double v = state.ratePerSecond();
        if (v <= 0) return -v + alpha * h >= 0 ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        return beta + state.drive() - alpha * h * beta / v;
    }
}

package io.teg.governor;

/**
 * The Landau controller: the global damping coefficient γ (the holding tax; a subsidy when negative) as the global
 * minimiser of the Landau free energy (paper eq. 16)
 * <pre>
 *   F(γ) = a/2·(Re − Re_c)·γ² + b/4·γ⁴ − H·γ,     a, b &gt; 0
 * </pre>
 * with the external field chosen as
 * <pre>
 *   H = h·(Re − Re_c),     h &gt; 0.
 * </pre>
 * Immutable and thread-safe.
 *
 * <h2>Units</h2>
 * Re is dimensionless. γ is a dimensionless, normalised damping coefficient: the ledger turns it into a holding tax
 * in tokens per resource-unit-second by its own scale, and agents into friction −γ·v (eq. 13). a, b and h are
 * dimensionless. F is dimensionless.
 *
 * <h2>Why H = h·(Re − Re_c)</h2>
 * The architecture requires that γ changes sign at Re_c, that γ &gt; 0 (a tax) above it and γ &lt; 0 (a subsidy) in
 * cold stasis, where Re is low. Eq. 16 alone does not give this: its quadratic coefficient is positive above Re_c
 * (a single well at γ = 0) and negative below it (two symmetric wells ±√(a·|Re − Re_c|/b)); the sign of the
 * minimiser is the sign of H (see {@link LandauPotential}). A constant H would make the sign the same on both sides
 * of Re_c. With H proportional to Re − Re_c, the sign of γ* is the sign of Re − Re_c, exactly:
 * <ul>
 *   <li>Re &lt; Re_c: H &lt; 0 tilts the double well towards its negative side: γ* &lt; 0, the subsidy, growing like
 *       −√(a·(Re_c − Re)/b) deep below Re_c;</li>
 *   <li>Re = Re_c: F = b/4·γ⁴, γ* = 0;</li>
 *   <li>Re &gt; Re_c: a single tilted well, γ* &gt; 0; b·γ*³ + a·(Re − Re_c)·γ* = h·(Re − Re_c) gives the steep
 *       onset γ* ≈ (h·(Re − Re_c)/b)^{1/3} just above Re_c (the "jump" of §3.7.2) and γ* → h/a as Re → ∞.</li>
 * </ul>
 * γ*(Re) is continuous and strictly increasing: implicit differentiation gives
 * d(γ*)/d(Re) = (h − a·γ*) / (3·b·γ*² + a·(Re − Re_c)), where the denominator is F″(γ*) &gt; 0 at a minimum and the
 * numerator is positive because γ* &lt; h/a.
 *
 * <h2>Infinite Re</h2>
 * Re = +∞ (churn without any placement) has no finite potential; the controller returns the limit h/a of γ*(Re).
 *
 * <h2>Saturation</h2>
 * {@link #gamma(double)} clamps the unconstrained global minimiser to [γ_min, γ_max]. It deliberately does not
 * minimise F over the interval: when a well lies beyond a bound, the minimiser over the interval can jump to the
 * opposite well, and the sign rule above would break.
 */
public final class LandauController {

    private final double a;
    private final double b;
    private final double reCritical;
    private final double fieldGain;
    private final double gammaMin;
    private final double gammaMax;

    /**
     * @param a the quadratic coefficient a (&gt; 0, finite), dimensionless
     * @param b the quartic coefficient b (&gt; 0, finite), dimensionless
     * @param reCritical Re_c (&gt; 0, finite)
     * @param fieldGain h (&gt; 0, finite), the field per unit of Re − Re_c
     * @param gammaMin the largest subsidy γ_min (&lt; 0)
     * @param gammaMax the largest tax γ_max (&gt; 0)
     */
    public LandauController(double a, double b, double reCritical, double fieldGain, double gammaMin, double gammaMax) {
        Bounds positive = Bounds.open(0, Double.POSITIVE_INFINITY);
        this.a = positive.require("governor.landauA", a);
        this.b = positive.require("governor.landauB", b);
        this.reCritical = positive.require("governor.reCritical", reCritical);
        this.fieldGain = positive.require("governor.landauFieldGain", fieldGain);
        this.gammaMin = Bounds.open(Double.NEGATIVE_INFINITY, 0).require("governor.gammaMin", gammaMin);
        this.gammaMax = positive.require("governor.gammaMax", gammaMax);
    }

    /** The external field H = h·(Re − Re_c) for a finite Re. */
    public double field(double re) {
        return fieldGain * (requireFinite(re) - reCritical);
    }

    /** The Landau potential F(γ) at a finite Re. */
    public LandauPotential potential(double re) {
        double offset = requireFinite(re) - reCritical;
        return new LandauPotential(a * offset, b, fieldGain * offset);
    }

    /** The unconstrained global minimiser γ* of F at this Re (h/a when Re = +∞). */
    public double unclampedGamma(double re) {
        if (re == Double.POSITIVE_INFINITY) return fieldGain / a;
        return potential(re).globalMinimiser();
    }

    /** γ* clamped to [γ_min, γ_max]. */
    public double gamma(double re) {
        return Math.max(gammaMin, Math.min(gammaMax, unclampedGamma(re)));
    }

    public double reCritical() {
        return reCritical;
    }

    public double gammaMin() {
        return gammaMin;
    }

    public double gammaMax() {
        return gammaMax;
    }

    private static double requireFinite(double re) {
        if (!(re >= 0) || Double.isInfinite(re)) throw new IllegalArgumentException("re must be finite and >= 0, got " + re);
        return re;
    }
}

package io.teg.governor;

/**
 * The Landau free energy of one epoch as a function of the damping coefficient γ (paper eq. 16):
 * <pre>
 *   F(γ) = ½·c·γ² + ¼·b·γ⁴ − H·γ,     c = a·(Re − Re_c),  b &gt; 0
 * </pre>
 * Immutable. F is dimensionless, like γ (see {@link LandauController} for units).
 *
 * <p>Stationary points solve F′(γ) = b·γ³ + c·γ − H = 0, i.e. the depressed cubic γ³ + (c/b)·γ − H/b = 0, solved in
 * closed form by {@link DepressedCubic}. Since b &gt; 0, F → +∞ as |γ| → ∞, so the global minimiser is a stationary
 * point:
 * <ul>
 *   <li>one real root (c ≥ 0, or a weak double well): that root;</li>
 *   <li>three real roots (c &lt; 0 and 4c³ + 27·b·H² ≤ 0): the middle root is a local maximum (or an inflection), and
 *       the global minimum is the outer root on the side of H: the largest when H &gt; 0, the smallest when
 *       H &lt; 0. Proof: write F(γ) = G(γ) − H·γ with G even. For H &gt; 0 and x &gt; 0,
 *       F(−x) − F(x) = 2·H·x &gt; 0, so no negative γ beats its mirror image and the minimiser is positive; the
 *       case H &lt; 0 is the mirror image. When H = 0 the two wells tie and the positive one is returned.</li>
 * </ul>
 * Hence the sign of the minimiser is the sign of H whenever H ≠ 0, and γ* = 0 when H = 0 and c ≥ 0.
 *
 * @param quadratic c = a·(Re − Re_c), finite
 * @param quartic b &gt; 0, finite
 * @param field H, finite
 */
public record LandauPotential(double quadratic, double quartic, double field) {

    public LandauPotential {
        if (!Double.isFinite(quadratic)) throw new IllegalArgumentException("quadratic coefficient must be finite, got " + quadratic);
        Bounds.open(0, Double.POSITIVE_INFINITY).require("governor.landauB", quartic);
        if (!Double.isFinite(field)) throw new IllegalArgumentException("field must be finite, got " + field);
    }

    /** F(γ). */
    public double value(double gamma) {
        double g2 = gamma * gamma;
        return 0.5 * quadratic * g2 + 0.25 * quartic * g2 * g2 - field * gamma;
    }

    /** F′(γ) = b·γ³ + c·γ − H. */
    public double derivative(double gamma) {
        return quartic * gamma * gamma * gamma + quadratic * gamma - field;
    }

    /** The stationary points (real roots of F′), ascending, one or three counted with multiplicity. */
    public double[] stationaryPoints() {
        return new DepressedCubic(quadratic / quartic, -field / quartic).realRoots();
    }

    /** The global minimiser of F over all real γ (the rule is in the class comment). */
    public double globalMinimiser() {
        double[] roots = stationaryPoints();
        if (roots.length == 1) return roots[0];
        return field < 0 ? roots[0] : roots[roots.length - 1];
    }
}

package io.teg.governor;

import org.apache.commons.math3.util.FastMath;

/**
 * The depressed cubic t³ + p·t + q = 0 with real, finite coefficients, and its real roots in closed form. Immutable.
 *
 * <p>With the discriminant Δ = (q/2)² + (p/3)³:
 * <ul>
 *   <li>Δ &gt; 0: one real root, by Cardano's formula t = u + v with u³ = −q/2 ± √Δ, u·v = −p/3. For p ≤ 0 it is
 *       evaluated as written (u and v have the same sign, so nothing cancels), taking for u³ the choice of larger
 *       magnitude. For p &gt; 0, u and v have opposite signs and the sum cancels catastrophically when |q| is small;
 *       there the same root is evaluated in its algebraically identical hyperbolic form
 *       t = −2·√(p/3)·sinh(⅓·asinh((3q / 2p)·√(3/p))).</li>
 *   <li>Δ ≤ 0 (then p &lt; 0, or p = q = 0): three real roots, counted with multiplicity, by the trigonometric form
 *       t_k = 2·√(−p/3)·cos(⅓·arccos((3q / 2p)·√(−3/p)) − 2πk/3), k = 0, 1, 2.</li>
 * </ul>
 * The coefficients are first scaled by s = max(√|p|, ∛|q|) (t = s·τ), so that the scaled cubic has coefficients of
 * order one and no intermediate overflows for any finite p and q.
 *
 * @param p the linear coefficient (finite)
 * @param q the constant coefficient (finite)
 */
public record DepressedCubic(double p, double q) {

    private static final double TWO_THIRDS_PI = 2.0 * Math.PI / 3.0;

    public DepressedCubic {
        if (!Double.isFinite(p) || !Double.isFinite(q))
            throw new IllegalArgumentException("cubic coefficients must be finite, got p=" + p + " q=" + q);
    }

    /** The discriminant Δ = (q/2)² + (p/3)³: positive for one real root, zero or negative for three. */
    public double discriminant() {
        double halfQ = q / 2, thirdP = p / 3;
        return halfQ * halfQ + thirdP * thirdP * thirdP;
    }

    /** t³ + p·t + q. */
    public double value(double t) {
        return t * t * t + p * t + q;
    }

    /** The real roots in ascending order: one root, or three counted with multiplicity. */
    public double[] realRoots() {
        if (p == 0 && q == 0) return new double[] {0.0, 0.0, 0.0};
        double s = Math.max(Math.sqrt(Math.abs(p)), Math.cbrt(Math.abs(q)));
        double sp = p / s / s;
        double sq = q / s / s / s;
        double halfQ = sq / 2, thirdP = sp / 3;
        double disc = halfQ * halfQ + thirdP * thirdP * thirdP;
        if (disc > 0) {
            double tau;
            if (sp > 0) {
                tau = -2 * Math.sqrt(thirdP)
                        * Math.sinh(FastMath.asinh(3 * sq / (2 * sp) * Math.sqrt(3 / sp)) / 3);
            } else {
                double u = Math.cbrt(-halfQ + Math.copySign(Math.sqrt(disc), -halfQ));
                tau = u - thirdP / u;
            }
            return new double[] {s * tau};
        }
        double m = 2 * Math.sqrt(-thirdP);
        double arg = Math.max(-1.0, Math.min(1.0, 3 * sq / (2 * sp) * Math.sqrt(-3 / sp)));
        double theta = Math.acos(arg) / 3;
        double largest = m * Math.cos(theta);
        double middle = m * Math.cos(theta - TWO_THIRDS_PI);
        double smallest = m * Math.cos(theta - 2 * TWO_THIRDS_PI);
        return new double[] {s * smallest, s * middle, s * largest};
    }
}

package io.teg.agent;

import java.util.Arrays;

/**
 * Landscapes given by closed formulas, with a known minimum or a known curvature bound: the reference cases for
 * the theorem tests, the documentation and the placement benchmark. Immutable; {@link #ahead} and
 * {@link #withUniformBz} return new instances.
 *
 * <p>Each variant carries a uniform magnetic field {@code B_z} (0 unless set with {@link #withUniformBz}) and a
 * time derivative of its potential, seen through the dual-number prediction of Eq. 8:
 * {@code Φ = Φ_eff + Δt·Φ̇} with {@code Δt = } {@link #lookAheadS()}.
 *
 * <p>{@link #curvatureBound()} is an upper bound {@code L} on the largest eigenvalue of the Hessian of the
 * predicted potential anywhere in the plane (per m²): the constant in the energy condition of
 * {@link LangevinIntegrator}.
 */
public sealed interface AnalyticLandscape extends Landscape
        permits AnalyticLandscape.QuadraticBowl, AnalyticLandscape.GaussianWells {

    /** The uniform magnetic field B_z of this landscape. */
    double bz();

    /** The look-ahead Δt in seconds at which the potential is predicted (Eq. 8). */
    double lookAheadS();

    /** An upper bound L ≥ 0 on the Hessian's largest eigenvalue of the predicted potential, per m². */
    double curvatureBound();

    /** The same landscape with a uniform magnetic field {@code bz} everywhere. */
    AnalyticLandscape withUniformBz(double bz);

    /**
     * The same landscape viewed {@code lookAheadS} seconds ahead (Eq. 8); {@code this} when it already is. Usable
     * as the landscape source of a {@link PlacementEngine} ({@code landscape::ahead}).
     */
    AnalyticLandscape ahead(double lookAheadS);

    /** The predicted potential Φ at a point (convenience over {@link #probe}; allocates). */
    default double potential(double xM, double yM) {
        double[] out = new double[PROBE_LENGTH];
        probe(xM, yM, out);
        return out[PHI];
    }

    /** An isotropic bowl {@code Φ = ½·k·|x − c|²}, minimum 0 at (cx, cy); stiffness k ≥ 0 per m². */
    static QuadraticBowl bowl(double cxM, double cyM, double stiffnessPerM2) {
        return new QuadraticBowl(cxM, cyM, stiffnessPerM2, stiffnessPerM2, 0, 0, 0, 0);
    }

    /** A flat landscape (Φ = 0, no force): the free-flight case for the Lorentz deflection. */
    static QuadraticBowl flat() {
        return new QuadraticBowl(0, 0, 0, 0, 0, 0, 0, 0);
    }

    /**
     * A sum of Gaussian wells {@code Φ = −Σ_j d_j·exp(−|x − c_j|² / (2ℓ_j²))} (depth d_j may be negative, making a
     * hill). Each well costs one kernel evaluation per probe, as one inducing point of the field does.
     *
     * @param cxM well centres, x in metres
     * @param cyM well centres, y in metres
     * @param depth well depths d_j (dimensionless potential)
     * @param widthM well widths ℓ_j &gt; 0, metres
     */
    static GaussianWells wells(double[] cxM, double[] cyM, double[] depth, double[] widthM) {
        return new GaussianWells(cxM, cyM, depth, widthM, new double[cxM.length], 0, 0);
    }

    private static double finite(String name, double value) {
        if (!Double.isFinite(value)) throw new IllegalArgumentException(name + " must be finite, got " + value);
        return value;
    }

    /**
     * The anisotropic bowl {@code Φ_eff(x, t) = ½·[kx·(x − cx − ux·t)² + ky·(y − cy − uy·t)²]}: its minimum moves at
     * (ux, uy) m/s. Seen {@code Δt} ahead (Eq. 8) the predicted potential is
     * <pre>
     *   Φ = Φ_eff + Δt·Φ̇ = ½·[kx·(x − cx − ux·Δt)² + ky·(y − cy − uy·Δt)²] − ½·Δt²·(kx·ux² + ky·uy²)
     * </pre>
     * so its minimum sits exactly at {@link #minimumX()}, {@link #minimumY()} = c + u·Δt. L = max(kx, ky).
     */
    final class QuadraticBowl implements AnalyticLandscape {
        private final double cx;
        private final double cy;
        private final double kx;
        private final double ky;
        private final double ux;
        private final double uy;
        private final double bz;
        private final double lookAhead;

        QuadraticBowl(double cx, double cy, double kx, double ky, double ux, double uy, double bz, double lookAhead) {
            this.cx = finite("cx", cx);
            this.cy = finite("cy", cy);
            this.kx = finite("kx", kx);
            this.ky = finite("ky", ky);
            if (kx < 0 || ky < 0) throw new IllegalArgumentException("stiffness must be >= 0 per m², got " + kx + ", " + ky);
            this.ux = finite("ux", ux);
            this.uy = finite("uy", uy);
            this.bz = finite("bz", bz);
            this.lookAhead = finite("lookAheadS", lookAhead);
        }

        /** The same bowl with stiffness kx along x and ky along y, per m² (both ≥ 0). */
        public QuadraticBowl withStiffness(double kxPerM2, double kyPerM2) {
            return new QuadraticBowl(cx, cy, kxPerM2, kyPerM2, ux, uy, bz, lookAhead);
        }

        /** The same bowl with its minimum moving at (ux, uy) m/s, which the look-ahead extrapolates. */
        public QuadraticBowl withDrift(double uxMPerS, double uyMPerS) {
            return new QuadraticBowl(cx, cy, kx, ky, uxMPerS, uyMPerS, bz, lookAhead);
        }

        @Override
        public QuadraticBowl withUniformBz(double bzNew) {
            return new QuadraticBowl(cx, cy, kx, ky, ux, uy, bzNew, lookAhead);
        }

        @Override
        public QuadraticBowl ahead(double lookAheadS) {
            if (lookAheadS == lookAhead) return this;
            return new QuadraticBowl(cx, cy, kx, ky, ux, uy, bz, lookAheadS);
        }

        /** x of the predicted minimum, metres: cx + ux·Δt. */
        public double minimumX() {
            return cx + ux * lookAhead;
        }

        /** y of the predicted minimum, metres: cy + uy·Δt. */
        public double minimumY() {
            return cy + uy * lookAhead;
        }

        @Override
        public double bz() {
            return bz;
        }

        @Override
        public double lookAheadS() {
            return lookAhead;
        }

        @Override
        public double curvatureBound() {
            return Math.max(kx, ky);
        }

        @Override
        public void probe(double xM, double yM, double[] out) {
            double dx = xM - cx;
            double dy = yM - cy;
            double phi = 0.5 * (kx * dx * dx + ky * dy * dy);
            double phiDot = -(kx * dx * ux + ky * dy * uy);
            out[PHI] = phi + lookAhead * phiDot;
            out[GRAD_X] = kx * (dx - lookAhead * ux);
            out[GRAD_Y] = ky * (dy - lookAhead * uy);
            out[B_Z] = bz;
        }

        @Override
        public String toString() {
            return "QuadraticBowl[c=(" + cx + ", " + cy + ") m, k=(" + kx + ", " + ky + ") /m², u=(" + ux + ", " + uy
                    + ") m/s, bz=" + bz + ", lookAhead=" + lookAhead + " s]";
        }
    }

    /**
     * A sum of Gaussian wells whose depths change at given rates:
     * <pre>
     *   Φ_eff(x, t) = −Σ_j (d_j + ḋ_j·t)·exp(−|x − c_j|² / (2ℓ_j²))
     *   Φ = −Σ_j a_j·g_j(x),  a_j = d_j + Δt·ḋ_j,  g_j = exp(−|x − c_j|² / (2ℓ_j²))
     *   ∇Φ = Σ_j a_j·g_j(x)·(x − c_j) / ℓ_j²
     * </pre>
     * One probe costs M = number of wells kernel evaluations, the cost of a sparse-GP snapshot with M inducing
     * points. The Hessian of one well is bounded above by |a_j|/ℓ_j² (both for a well and for a hill), so
     * L = Σ_j |a_j|/ℓ_j².
     */
    final class GaussianWells implements AnalyticLandscape {
        /** Below this exponent e^x is subnormal (&lt; 2.3e-308), so the well contributes nothing measurable. */
        private static final double UNDERFLOW = -708.0;
        private final double[] cx;
        private final double[] cy;
        private final double[] depth;
        private final double[] width;
        private final double[] depthRate;
        private final double bz;
        private final double lookAhead;
        /** a_j = d_j + Δt·ḋ_j. */
        private final double[] amplitude;
        /** 1 / ℓ_j². */
        private final double[] invWidth2;
        private final double curvature;

        GaussianWells(double[] cx, double[] cy, double[] depth, double[] width, double[] depthRate, double bz,
                      double lookAhead) {
            int m = cx.length;
            if (m < 1) throw new IllegalArgumentException("wells need at least one centre");
            if (cy.length != m || depth.length != m || width.length != m || depthRate.length != m)
                throw new IllegalArgumentException("wells: centre, depth, width and rate arrays must have the same length "
                        + m + ", got " + cy.length + "/" + depth.length + "/" + width.length + "/" + depthRate.length);
            this.cx = cx.clone();
            this.cy = cy.clone();
            this.depth = depth.clone();
            this.width = width.clone();
            this.depthRate = depthRate.clone();
            this.bz = finite("bz", bz);
            this.lookAhead = finite("lookAheadS", lookAhead);
            amplitude = new double[m];
            invWidth2 = new double[m];
            double l = 0;
            for (int j = 0; j < m; j++) {
                finite("cx[" + j + "]", cx[j]);
                finite("cy[" + j + "]", cy[j]);
                finite("depth[" + j + "]", depth[j]);
                finite("depthRate[" + j + "]", depthRate[j]);
                if (!(width[j] > 0) || !Double.isFinite(width[j]))
                    throw new IllegalArgumentException("width[" + j + "] must be > 0 m and finite, got " + width[j]);
                amplitude[j] = depth[j] + lookAhead * depthRate[j];
                invWidth2[j] = 1.0 / (width[j] * width[j]);
                l += Math.abs(amplitude[j]) * invWidth2[j];
            }
            curvature = l;
        }

        /** The same wells with their depths changing at {@code ratePerS} (one per well, per second). */
        public GaussianWells withDepthRates(double[] ratePerS) {
            return new GaussianWells(cx, cy, depth, width, ratePerS, bz, lookAhead);
        }

        @Override
        public GaussianWells withUniformBz(double bzNew) {
            return new GaussianWells(cx, cy, depth, width, depthRate, bzNew, lookAhead);
        }

        @Override
        public GaussianWells ahead(double lookAheadS) {
            if (lookAheadS == lookAhead) return this;
            return new GaussianWells(cx, cy, depth, width, depthRate, bz, lookAheadS);
        }

        /** Number of wells M (kernel evaluations per probe). */
        public int size() {
            return cx.length;
        }

        @Override
        public double bz() {
            return bz;
        }

        @Override
        public double lookAheadS() {
            return lookAhead;
        }

        @Override
        public double curvatureBound() {
            return curvature;
        }

        @Override
        public void probe(double xM, double yM, double[] out) {
            double phi = 0;
            double gx = 0;
            double gy = 0;
            double[] a = amplitude;
            double[] inv = invWidth2;
            for (int j = 0; j < a.length; j++) {
                double dx = xM - cx[j];
                double dy = yM - cy[j];
                double exponent = -0.5 * (dx * dx + dy * dy) * inv[j];
                if (exponent < UNDERFLOW) continue; // exp would be subnormal or 0: below any round-off of Φ
                double ag = a[j] * Math.exp(exponent);
                phi -= ag;
                double s = ag * inv[j];
                gx += s * dx;
                gy += s * dy;
            }
            out[PHI] = phi;
            out[GRAD_X] = gx;
            out[GRAD_Y] = gy;
            out[B_Z] = bz;
        }

        @Override
        public String toString() {
            return "GaussianWells[M=" + cx.length + ", depths=" + Arrays.toString(depth) + ", bz=" + bz
                    + ", lookAhead=" + lookAhead + " s]";
        }
    }
}

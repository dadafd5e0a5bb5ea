package io.teg.sim.teg;

import io.teg.agent.Landscape;
import io.teg.field.FieldSnapshot;

/**
 * The agent's {@link Landscape} seam over the governor's published {@link FieldSnapshot}s, seen a fixed look-ahead
 * ahead.
 *
 * <ul>
 *   <li>Φ and ∇Φ: {@link FieldSnapshot#predictValueAndGradient} of the potential snapshot at Δt = look-ahead
 *       seconds (Eq. 8): Φ(x, t + Δt) and ∇Φ + Δt·∇Φ̇, Φ dimensionless, gradient per metre.</li>
 *   <li>B_z: H_auction is a scalar field, and the curl of a gradient vanishes, so B_z is a proxy: the curl of the
 *       vector field A = (H, H) built from a second snapshot fitted to H_auction alone,
 *       <pre>   B_z(x) = κ · (∂H/∂x − ∂H/∂y)(x)</pre>
 *       with κ = {@code magneticScale} (rad·m/s per unit of H, so that q·B_z/m is in rad/s for q/m = 1). It is
 *       zero where the bid heat is flat, and it turns agents around hot spots of bidding (an agent moving down one
 *       flank of a hot spot is deflected the other way from one moving up it).</li>
 * </ul>
 *
 * <p>One instance per decision: {@link #probe} writes into two scratch arrays of its own, so it does not allocate;
 * an instance must not be probed from two threads at once (each decision gets its own, see
 * {@link TegScheduler}).
 */
final class SnapshotLandscape implements Landscape {

    private final FieldSnapshot potential;
    private final FieldSnapshot heat;
    private final double lookAheadS;
    private final double magneticScale;
    private final double[] gradient = new double[2];
    private final double[] heatGradient = new double[2];

    /**
     * @param potential the Φ_eff snapshot
     * @param heat the H_auction snapshot, or null for B_z = 0
     * @param lookAheadS Δt in seconds, finite
     * @param magneticScale κ ≥ 0
     */
    SnapshotLandscape(FieldSnapshot potential, FieldSnapshot heat, double lookAheadS, double magneticScale) {
        if (potential == null) throw new IllegalArgumentException("a potential snapshot is required");
        if (!Double.isFinite(lookAheadS)) throw new IllegalArgumentException("lookAheadS must be finite, got " + lookAheadS);
        if (!(magneticScale >= 0) || !Double.isFinite(magneticScale))
            throw new IllegalArgumentException("magneticScale must be finite and >= 0, got " + magneticScale);
        this.potential = potential;
        this.heat = heat;
        this.lookAheadS = lookAheadS;
        this.magneticScale = magneticScale;
    }

    @Override
    public void probe(double xM, double yM, double[] out) {
        out[PHI] = potential.predictValueAndGradient(xM, yM, lookAheadS, gradient);
        out[GRAD_X] = gradient[0];
        out[GRAD_Y] = gradient[1];
        if (heat == null || magneticScale == 0) {
            out[B_Z] = 0;
        } else {
            heat.valueAndGradient(xM, yM, heatGradient);
            out[B_Z] = magneticScale * (heatGradient[0] - heatGradient[1]);
        }
    }
}

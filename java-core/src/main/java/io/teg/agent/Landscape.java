package io.teg.agent;

/**
 * What a placement agent walks on: the effective potential of the machine-room plane, its gradient and the
 * magnetic field, as of one published field snapshot and viewed a fixed look-ahead ahead.
 *
 * <p>The potential is the paper's effective potential (Eq. 7), {@code Φ_eff = w1·S_phys + w2·H_auction}, seen
 * through the dual-number prediction (Eq. 8): a landscape opened with look-ahead {@code Δt} reports
 * <pre>
 *   Φ(x) = Φ_eff(x, t) + Δt · ∂Φ_eff/∂t (x, t)
 * </pre>
 * and the gradient of that same predicted potential, so an agent acts on the field at {@code t + Δt}. How the
 * look-ahead is chosen is outside this interface: {@link PlacementEngine} asks its landscape source for a view
 * {@link AgentParameters#lookAheadS()} ahead once per decision, and the agent's flight then sees a frozen
 * landscape (the flight is virtual time, not wall time).
 *
 * <p>The magnetic field is the scalar {@code B_z} of {@code B = ∇ × H_auction} (Section 3.4.3) in the plane; an
 * agent of charge {@code q} and mass {@code m} moving at velocity {@code v} feels {@code q·(v × B ẑ)} and its
 * velocity turns at the angular rate {@code −q·B_z/m} (rad/s). {@code B_z} is therefore measured so that
 * {@code q·B_z/m} is in rad/s.
 *
 * <p>Cost: an implementation over a sparse Gaussian-process snapshot with {@code M} inducing points costs
 * {@code O(M)} per probe, independent of the number of nodes. Implementations must be immutable or otherwise
 * safe to probe concurrently; {@code probe} must not allocate on the hot path.
 */
public interface Landscape {

    /** Index in the probe output of the predicted potential Φ (dimensionless). */
    int PHI = 0;
    /** Index in the probe output of ∂Φ/∂x, per metre. */
    int GRAD_X = 1;
    /** Index in the probe output of ∂Φ/∂y, per metre. */
    int GRAD_Y = 2;
    /** Index in the probe output of the magnetic field B_z (so that q·B_z/m is in rad/s). */
    int B_Z = 3;
    /** Length of the array {@link #probe} writes into. */
    int PROBE_LENGTH = 4;

    /**
     * Evaluates the landscape at one point of the plane.
     *
     * @param xM x coordinate in metres
     * @param yM y coordinate in metres
     * @param out at least {@link #PROBE_LENGTH} long; receives Φ (predicted, dimensionless), ∂Φ/∂x and ∂Φ/∂y (per
     *        metre) and B_z at indexes {@link #PHI}, {@link #GRAD_X}, {@link #GRAD_Y} and {@link #B_Z}
     */
    void probe(double xM, double yM, double[] out);
}

package io.teg.bridge;

import io.teg.agent.Landscape;
import io.teg.field.FieldSnapshot;

/**
 * The agent's {@link Landscape} over a field snapshot read from the grid, seen {@code lookAheadS} seconds ahead:
 * Φ(x, t + Δt) ≈ Φ(x) + Δt·Φ̇(x) and its gradient (paper eq. 8), Φ dimensionless, the gradient per metre. The
 * bridge has no auction heat, so B_z = 0. One instance per decision (it keeps a scratch array).
 */
final class FieldLandscape implements Landscape {

    private final FieldSnapshot snapshot;
    private final double lookAheadS;
    private final double[] gradient = new double[2];

    FieldLandscape(FieldSnapshot snapshot, double lookAheadS) {
        this.snapshot = snapshot;
        this.lookAheadS = lookAheadS;
    }

    @Override
    public void probe(double xM, double yM, double[] out) {
        out[PHI] = snapshot.predictValueAndGradient(xM, yM, lookAheadS, gradient);
        out[GRAD_X] = gradient[0];
        out[GRAD_Y] = gradient[1];
        out[B_Z] = 0;
    }
}

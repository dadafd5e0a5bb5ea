package io.teg.grid;

import io.teg.agent.Landscape;
import io.teg.field.FieldSnapshot;

import java.util.Optional;

/**
 * The agent's {@link Landscape} over a zone's verified field as a {@link FieldView} holds it, seen {@code lookAheadS}
 * seconds ahead: Φ(x, t + Δt) ≈ Φ(x) + Δt·Φ̇(x) and its gradient (paper eq. 8), Φ dimensionless, the gradient per
 * metre. A grid reader has no auction heat, so B_z = 0. One instance per decision (it keeps a scratch array); taking
 * one reads the view's local copy, never the network.
 */
public final class FieldLandscape implements Landscape {

    private final FieldSnapshot snapshot;
    private final double lookAheadS;
    private final double[] gradient = new double[2];

    private FieldLandscape(FieldSnapshot snapshot, double lookAheadS) {
        this.snapshot = snapshot;
        this.lookAheadS = lookAheadS;
    }

    /** The landscape of {@code zone}'s field in {@code view} now, or empty before a verified field arrived. */
    public static Optional<FieldLandscape> of(FieldView view, String zone, double lookAheadS) {
        if (!Double.isFinite(lookAheadS)) throw new IllegalArgumentException("lookAheadS must be finite, got " + lookAheadS);
        return view.snapshot(zone).map(s -> new FieldLandscape(s, lookAheadS));
    }

    /** The epoch of the field this landscape shows. */
    public long epoch() {
        return snapshot.epoch();
    }

    @Override
    public void probe(double xM, double yM, double[] out) {
        out[PHI] = snapshot.predictValueAndGradient(xM, yM, lookAheadS, gradient);
        out[GRAD_X] = gradient[0];
        out[GRAD_Y] = gradient[1];
        out[B_Z] = 0;
    }
}

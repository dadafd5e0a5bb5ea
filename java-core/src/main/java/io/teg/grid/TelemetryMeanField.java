package io.teg.grid;

import io.teg.field.FieldSnapshot;
import io.teg.field.Hyperparameters;

/**
 * The simplest field a governor can publish from the grid's telemetry: flat over the zone, at the zone's mean load
 * ū = mean over node samples of (cpuUse + gpuUse + memUse)/3, dimensionless in [0, 1]. It carries one inducing point
 * with weight 0, so Φ(x) = ū everywhere and ∇Φ = 0. It stands in until the sparse-GP fit over node coordinates
 * ({@code io.teg.field.SparseGpRegression}) is fed from the same batches; zones without telemetry get ū = 0.
 */
public final class TelemetryMeanField implements FieldSource {

    private static final Hyperparameters FLAT = new Hyperparameters(1.0, 10.0, 0.1);

    private final TelemetryBus bus;

    /** A source reading {@code bus}. */
    public TelemetryMeanField(TelemetryBus bus) {
        this.bus = bus;
    }

    @Override
    public FieldSnapshot fieldFor(String zone, long epoch) {
        double sum = 0;
        long n = 0;
        for (TelemetryBatch b : bus.zone(zone)) {
            float[] c = b.cpuUse();
            float[] g = b.gpuUse();
            float[] m = b.memUse();
            for (int i = 0; i < c.length; i++) sum += (c[i] + g[i] + m[i]) / 3.0;
            n += c.length;
        }
        double mean = n == 0 ? 0.0 : sum / n;
        return FieldSnapshot.stationary(epoch, FLAT, mean, new double[] {0}, new double[] {0}, new double[] {0});
    }
}

package io.teg.grid;

import io.teg.field.FieldSamples;
import io.teg.field.FieldSnapshot;
import io.teg.field.Hyperparameters;
import io.teg.field.SparseGpRegression;
import io.teg.ledger.LedgerConfig;
import io.teg.model.Layout;
import io.teg.model.Topology;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The governor's field from the grid's telemetry: per zone and epoch, one sample per reporting node at the node's
 * coordinates, fitted by sparse-GP regression ({@link SparseGpRegression}, ARCHITECTURE §4).
 *
 * <pre>
 *   v_i = (cpuUse_i + gpuUse_i + memUse_i) / 3                   node load, dimensionless, from its newest batch
 *   (x_i, y_i) = {@link Topology} of the zone's nodes on {@link Layout#DEFAULT}, metres
 *   epoch τ: full fit (inducing points, hyperparameters, α) when τ is the zone's first fitted epoch, does not follow
 *            the previous one, or is a multiple of fullFitEvery; otherwise the warm start on the previous snapshot's
 *            basis, which also gives α̇ = (α − α_prev)/Δt and μ̇, so Φ̇(x) is the change of the field per second
 * </pre>
 *
 * A zone without telemetry gets a flat field at 0 (and its next fit is full). A batch naming a node outside its zone
 * is skipped with a warning that names the zone, the source and the node. Called by the active governor's timer
 * thread; the per-zone previous snapshots are kept in a concurrent map.
 */
public final class TelemetryFittedField implements FieldSource {

    private static final Logger LOG = LogManager.getLogger(TelemetryFittedField.class);
    private static final Hyperparameters FLAT = new Hyperparameters(1.0, 10.0, 0.1);

    private final TelemetryBus bus;
    private final Map<String, Topology> zones = new LinkedHashMap<>();
    private final SparseGpRegression regression;
    private final double epochIntervalS;
    private final int fullFitEvery;
    private final Map<String, FieldSnapshot> previous = new ConcurrentHashMap<>();

    /**
     * @param zones every zone and its ledger configuration (its node list gives the coordinates)
     * @param epochIntervalS Δt between two epochs, seconds (&gt; 0), the denominator of Φ̇
     * @param fullFitEvery every how many epochs the basis and hyperparameters are fitted anew (&ge; 1)
     */
    public TelemetryFittedField(TelemetryBus bus, Map<String, LedgerConfig> zones, SparseGpRegression regression,
                                double epochIntervalS, int fullFitEvery) {
        if (!(epochIntervalS > 0) || Double.isInfinite(epochIntervalS))
            throw new IllegalArgumentException("epoch interval must be a positive number of seconds, got " + epochIntervalS);
        if (fullFitEvery < 1) throw new IllegalArgumentException("fullFitEvery must be >= 1, got " + fullFitEvery);
        this.bus = bus;
        for (Map.Entry<String, LedgerConfig> z : zones.entrySet())
            this.zones.put(z.getKey(), new Topology(z.getValue().nodes(), Layout.DEFAULT));
        this.regression = regression;
        this.epochIntervalS = epochIntervalS;
        this.fullFitEvery = fullFitEvery;
    }

    /** The coordinates of {@code zone}'s nodes. */
    public Topology topology(String zone) {
        Topology t = zones.get(zone);
        if (t == null) throw new IllegalArgumentException("unknown zone '" + zone + "' (known: " + zones.keySet() + ")");
        return t;
    }

    @Override
    public FieldSnapshot fieldFor(String zone, long epoch) {
        Topology topology = topology(zone);
        FieldSamples samples = samples(zone, topology);
        if (samples == null) {
            previous.remove(zone);
            return FieldSnapshot.stationary(epoch, FLAT, 0.0, new double[] {0}, new double[] {0}, new double[] {0});
        }
        FieldSnapshot before = previous.get(zone);
        FieldSnapshot now = before == null || before.epoch() + 1 != epoch || epoch % fullFitEvery == 0
                ? regression.fit(epoch, samples)
                : regression.fit(before, epoch, samples, epochIntervalS);
        previous.put(zone, now);
        return now;
    }

    /** One sample per node that reported, from its newest batch; null when none did. */
    private FieldSamples samples(String zone, Topology topology) {
        Map<Integer, Double> load = new HashMap<>();
        Map<Integer, Long> at = new HashMap<>();
        for (TelemetryBatch b : bus.zone(zone)) {
            int[] nodes = b.nodes();
            float[] c = b.cpuUse();
            float[] g = b.gpuUse();
            float[] m = b.memUse();
            for (int i = 0; i < nodes.length; i++) {
                int node = nodes[i];
                if (node < 0 || node >= topology.nodeCount()) {
                    LOG.warn("zone {}: telemetry source {} reports node {}, outside the zone's {} nodes: skipped", zone,
                            b.source(), node, topology.nodeCount());
                    continue;
                }
                Long seen = at.get(node);
                if (seen != null && seen > b.sampledAtNanos()) continue;
                at.put(node, b.sampledAtNanos());
                load.put(node, (c[i] + g[i] + m[i]) / 3.0);
            }
        }
        if (load.isEmpty()) return null;
        double[] x = new double[load.size()];
        double[] y = new double[load.size()];
        double[] v = new double[load.size()];
        int k = 0;
        for (int node = 0; node < topology.nodeCount(); node++) {
            Double u = load.get(node);
            if (u == null) continue;
            x[k] = topology.x(node);
            y[k] = topology.y(node);
            v[k] = u;
            k++;
        }
        return new FieldSamples(x, y, v);
    }
}

package io.teg.sim.teg;

import io.teg.field.FieldSamples;
import io.teg.field.FieldSnapshot;
import io.teg.field.PhysicalEntropy;
import io.teg.field.PotentialField;
import io.teg.field.SparseGpRegression;
import io.teg.model.NodeSpec;
import io.teg.model.Topology;
import io.teg.sim.ClusterView;

import java.util.Arrays;
import java.util.function.IntToLongFunction;
import java.util.random.RandomGenerator;

/**
 * The governor's field step of one epoch in the simulator: per-node S_phys and H_auction on a fixed, seeded subset
 * of nodes, projected into a potential snapshot by the production {@link PotentialField} and into a heat snapshot
 * (for B_z, see {@link SnapshotLandscape}) by the same {@link SparseGpRegression}.
 *
 * <h2>Layers</h2>
 * <ul>
 *   <li>S_phys by {@link PhysicalEntropy} (Eq. E1) from <em>allocation</em> shares read through
 *       {@link ClusterView}: CPU use = allocated/capacity, GPU use = GPUs with something allocated/GPUs, memory
 *       U = allocated MiB against capacity C (asymptote at 0.95·C). Schedulers do not see the plant's power and
 *       temperatures today, so the power and thermal weights are 0: S_phys = p_cpu + p_gpu + p_mem.</li>
 *   <li>H_auction: the real bids that named the node in the epoch (the ledgers' raw counts), per second and per
 *       capacity unit (GPUs, or cores on a CPU node), smoothed exponentially with time constant τ:
 *       H ← H·e^{−Δt/τ} + (1 − e^{−Δt/τ})·rate.</li>
 *   <li>Φ_eff = min(Φ_ceil, w₁·S_phys + w₂·H_auction) by {@link PotentialField#effectivePotential}.</li>
 * </ul>
 *
 * <h2>Cost</h2>
 * At most {@code maxSamples} nodes are sampled, chosen once by a partial Fisher–Yates shuffle from the scheduler's
 * seeded random source, so an epoch costs O(min(N, maxSamples)·M²) whatever N is. The first fit (and any fit
 * after an epoch whose samples were all equal, which carry no hyperparameter information, and every
 * {@code fullRefitEpochs} epochs) is a full fit with hyperparameter search; the others are warm starts on the
 * previous inducing points and hyperparameters, which also give Φ̇ for the look-ahead.
 *
 * <p>Mutable, not thread-safe; one scheduler owns it.
 */
final class FieldProjection {

    private static final PhysicalEntropy.Weights ALLOCATION_ONLY = new PhysicalEntropy.Weights(1, 1, 1, 0, 0);

    private final Topology topology;
    private final int[] nodes;
    private final double[] xs;
    private final double[] ys;
    private final double[] heat;
    private final long[] bidsSeen;
    private final PotentialField field;
    private final SparseGpRegression regression;
    private final double heatTimeConstantS;
    private final int fullRefitEpochs;
    private FieldSnapshot potential;
    private FieldSnapshot heatSnapshot;
    private boolean potentialNeedsFullFit = true;
    private boolean heatNeedsFullFit = true;
    private int sinceFullFit;

    /**
     * @param topology the nodes and their coordinates
     * @param maxSamples the most nodes sampled per epoch, &ge; 1
     * @param random the source of the sampled subset (drawn once, here)
     * @param inducingPoints M of the sparse GP, 1..256
     * @param heatTimeConstantS τ of the auction-heat smoothing, seconds, &gt; 0
     * @param fullRefitEpochs a full fit at least every this many epochs, &ge; 1
     */
    FieldProjection(Topology topology, int maxSamples, RandomGenerator random, int inducingPoints,
                    double heatTimeConstantS, int fullRefitEpochs) {
        if (maxSamples < 1) throw new IllegalArgumentException("maxSamples must be >= 1, got " + maxSamples);
        if (!(heatTimeConstantS > 0)) throw new IllegalArgumentException("heatTimeConstantS must be > 0, got " + heatTimeConstantS);
        if (fullRefitEpochs < 1) throw new IllegalArgumentException("fullRefitEpochs must be >= 1, got " + fullRefitEpochs);
        this.topology = topology;
        int n = topology.nodeCount();
        int k = Math.min(n, maxSamples);
        int[] all = new int[n];
        for (int i = 0; i < n; i++) all[i] = i;
        if (k < n) {
            for (int i = 0; i < k; i++) {
                int j = i + random.nextInt(n - i);
                int t = all[i];
                all[i] = all[j];
                all[j] = t;
            }
        }
        nodes = Arrays.copyOf(all, k);
        Arrays.sort(nodes);
        xs = new double[k];
        ys = new double[k];
        for (int i = 0; i < k; i++) {
            xs[i] = topology.x(nodes[i]);
            ys[i] = topology.y(nodes[i]);
        }
        heat = new double[k];
        bidsSeen = new long[k];
        regression = new SparseGpRegression(inducingPoints);
        field = new PotentialField(1.0, 1.0, regression);
        this.heatTimeConstantS = heatTimeConstantS;
        this.fullRefitEpochs = fullRefitEpochs;
    }

    /** The sampled nodes, ascending. */
    int[] sampledNodes() {
        return nodes.clone();
    }

    /** The latest potential snapshot, or null before the first epoch. */
    FieldSnapshot potential() {
        return potential;
    }

    /** The latest auction-heat snapshot, or null before the first epoch. */
    FieldSnapshot heat() {
        return heatSnapshot;
    }

    /**
     * Projects the field of epoch {@code epoch}.
     *
     * @param intervalS seconds since the previous projection (ignored for the first), &gt; 0
     * @param view the cluster's allocation state
     * @param bidsNaming real bids that named a node since the start, by global node id
     */
    void project(long epoch, double intervalS, ClusterView view, IntToLongFunction bidsNaming) {
        int k = nodes.length;
        double decay = potential == null ? 0 : Math.exp(-intervalS / heatTimeConstantS);
        double[] phi = new double[k];
        double[] h = new double[k];
        for (int i = 0; i < k; i++) {
            int node = nodes[i];
            NodeSpec s = view.spec(node);
            long bids = bidsNaming.applyAsLong(node);
            double units = s.gpus() > 0 ? s.gpus() : Math.max(1.0, s.cpuMilli() / 1000.0);
            double rate = potential == null ? 0 : (bids - bidsSeen[i]) / intervalS / units;
            bidsSeen[i] = bids;
            heat[i] = heat[i] * decay + (1 - decay) * rate;
            h[i] = heat[i];
            double cpuUse = 1.0 - (double) view.freeCpuMilli(node) / s.cpuMilli();
            double gpuUse = s.gpus() > 0 ? 1.0 - (double) view.freeWholeGpus(node) / s.gpus() : 0.0;
            double memUsed = s.memMiB() - view.freeMemMiB(node);
            double sPhys = new PhysicalEntropy(Math.max(0, cpuUse), Math.max(0, gpuUse), Math.max(0, memUsed),
                    s.memMiB(), 0, 1, 0, 0, 1).entropy(ALLOCATION_ONLY);
            phi[i] = field.effectivePotential(sPhys, h[i]);
        }
        boolean periodic = ++sinceFullFit >= fullRefitEpochs;
        if (periodic) sinceFullFit = 0;
        potential = fit(epoch, intervalS, new FieldSamples(xs, ys, phi), potential, periodic || potentialNeedsFullFit);
        potentialNeedsFullFit = flat(phi);
        heatSnapshot = fit(epoch, intervalS, new FieldSamples(xs, ys, h), heatSnapshot, periodic || heatNeedsFullFit);
        heatNeedsFullFit = flat(h);
    }

    private FieldSnapshot fit(long epoch, double intervalS, FieldSamples samples, FieldSnapshot previous, boolean full) {
        if (previous == null || full || !(intervalS > 0)) return regression.fit(epoch, samples);
        return regression.fit(previous, epoch, samples, intervalS);
    }

    private static boolean flat(double[] v) {
        for (double x : v) if (x != v[0]) return false;
        return true;
    }

    Topology topology() {
        return topology;
    }
}

package io.teg.field;

import io.teg.model.Topology;

/**
 * The governor's projector of the effective potential (paper §3.2.2, eq. 7; ARCHITECTURE §4): it superimposes the
 * physical-entropy layer and the auction-heat layer at every node's coordinates and reconstructs the result over the
 * machine-room plane as a {@link FieldSnapshot}. Immutable and thread-safe.
 *
 * <pre>
 * Φ_eff(node) = min(Φ_ceil, w₁·S_phys(node) + w₂·H_auction(node))                    (P1)
 * </pre>
 *
 * A layer whose weight is 0 is left out, so w₁ = 0 ignores even an infinite S_phys. The ceiling Φ_ceil turns a node
 * at the incompressible limit (S_phys = +∞, see {@link PhysicalEntropy}) into a wall of finite height that the
 * regression can fit without ringing over its neighbours. Φ is dimensionless, as both layers are.
 */
public final class PotentialField {

    /** Φ_ceil when none is given: memory at about 94 % of capacity already reaches it with w₁ = 1. */
    public static final double DEFAULT_CEILING = 100.0;

    private final double physicalWeight;
    private final double auctionWeight;
    private final double ceiling;
    private final SparseGpRegression regression;

    /**
     * @param physicalWeight w₁ &ge; 0
     * @param auctionWeight w₂ &ge; 0; w₁ and w₂ are not both 0
     * @param ceiling Φ_ceil &gt; 0, finite
     * @param regression fits the snapshots
     */
    public PotentialField(double physicalWeight, double auctionWeight, double ceiling, SparseGpRegression regression) {
        if (!(physicalWeight >= 0) || !Double.isFinite(physicalWeight))
            throw new IllegalArgumentException("physicalWeight w1 must be finite and >= 0, got " + physicalWeight);
        if (!(auctionWeight >= 0) || !Double.isFinite(auctionWeight))
            throw new IllegalArgumentException("auctionWeight w2 must be finite and >= 0, got " + auctionWeight);
        if (physicalWeight == 0 && auctionWeight == 0)
            throw new IllegalArgumentException("physicalWeight w1 and auctionWeight w2 must not both be 0");
        if (!(ceiling > 0) || !Double.isFinite(ceiling))
            throw new IllegalArgumentException("ceiling must be finite and > 0, got " + ceiling);
        if (regression == null) throw new IllegalArgumentException("regression is required");
        this.physicalWeight = physicalWeight;
        this.auctionWeight = auctionWeight;
        this.ceiling = ceiling;
        this.regression = regression;
    }

    /** With Φ_ceil = {@value #DEFAULT_CEILING}. */
    public PotentialField(double physicalWeight, double auctionWeight, SparseGpRegression regression) {
        this(physicalWeight, auctionWeight, DEFAULT_CEILING, regression);
    }

    public double physicalWeight() {
        return physicalWeight;
    }

    public double auctionWeight() {
        return auctionWeight;
    }

    public double ceiling() {
        return ceiling;
    }

    /**
     * Φ_eff of (P1) for one node.
     *
     * @param physicalEntropy S_phys &ge; 0, may be +∞
     * @param auctionHeat H_auction &ge; 0, finite
     */
    public double effectivePotential(double physicalEntropy, double auctionHeat) {
        if (!(physicalEntropy >= 0))
            throw new IllegalArgumentException("physical entropy must be >= 0, got " + physicalEntropy);
        if (!(auctionHeat >= 0) || !Double.isFinite(auctionHeat))
            throw new IllegalArgumentException("auction heat must be finite and >= 0, got " + auctionHeat);
        double phi = (physicalWeight == 0 ? 0.0 : physicalWeight * physicalEntropy)
                + (auctionWeight == 0 ? 0.0 : auctionWeight * auctionHeat);
        return Math.min(ceiling, phi);
    }

    /**
     * One sample of (P1) per node, at the node's coordinates.
     *
     * @param physicalEntropy S_phys per node, indexed like {@link Topology#node(int)}
     * @param auctionHeat H_auction per node, indexed likewise
     * @throws IllegalArgumentException naming the node when a value is invalid or a length differs from the node count
     */
    public FieldSamples samples(Topology topology, double[] physicalEntropy, double[] auctionHeat) {
        if (topology == null) throw new IllegalArgumentException("topology is required");
        if (physicalEntropy == null || auctionHeat == null)
            throw new IllegalArgumentException("physical entropy and auction heat are required");
        int n = topology.nodeCount();
        if (physicalEntropy.length != n || auctionHeat.length != n)
            throw new IllegalArgumentException("need one physical entropy and one auction heat per node (" + n
                    + "), got " + physicalEntropy.length + " and " + auctionHeat.length);
        double[] x = new double[n];
        double[] y = new double[n];
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = topology.x(i);
            y[i] = topology.y(i);
            try {
                v[i] = effectivePotential(physicalEntropy[i], auctionHeat[i]);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("node " + topology.node(i).name() + ": " + e.getMessage(), e);
            }
        }
        return new FieldSamples(x, y, v);
    }

    /** A full fit (inducing points, hyperparameters, weights) of (P1) over the topology: a snapshot without rate. */
    public FieldSnapshot project(long epoch, Topology topology, double[] physicalEntropy, double[] auctionHeat) {
        return regression.fit(epoch, samples(topology, physicalEntropy, auctionHeat));
    }

    /**
     * The per-epoch fast path: fits (P1) on {@code previous}'s inducing points and hyperparameters and carries the
     * time derivative, see {@link SparseGpRegression#fit(FieldSnapshot, long, FieldSamples, double)}.
     *
     * @param intervalS seconds since {@code previous}'s epoch, &gt; 0
     */
    public FieldSnapshot project(FieldSnapshot previous, long epoch, Topology topology, double[] physicalEntropy,
                                 double[] auctionHeat, double intervalS) {
        return regression.fit(previous, epoch, samples(topology, physicalEntropy, auctionHeat), intervalS);
    }
}

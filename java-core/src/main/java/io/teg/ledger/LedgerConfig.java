package io.teg.ledger;

import io.teg.model.NodeSpec;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;

/**
 * The fixed parameters of one zone ledger. Immutable; validated once here.
 *
 * @param nodes the zone's nodes; a node's index in this list is its index in orders, leases and the block tree
 * @param gpusPerNode GPU slots per node in the {@link BlockTree}, a power of two (8 on DGX-style nodes); every node
 *        has at most this many GPUs, and missing ones are never free
 * @param pricing the reserve price function
 * @param decayPerSecond λ, the wallet decay rate in 1/s: a balance B becomes ⌊B·exp(−λ·Δt)⌋ at each tick; &ge; 0
 * @param frictionMicros C_txn, µtokens burned by every lease expansion; &ge; 0
 * @param holdingTaxMicrosPerUnitSecond initial γ, µtokens per idle unit-second; &ge; 0 (see {@link TaxRate})
 * @param evictionFriction μ, µtokens per unit-second per unit of mass: an incumbent is evicted only if
 *        P_new − P_local &gt; μ·m_incumbent; &ge; 0
 * @param memoryReserveFraction the share of each node's memory never sold (0.05: C_max = 0.95·capacity), in [0, 1)
 * @param auctionWindowNanos bids arriving within this many nanoseconds of a window's first bid clear together; 0
 *        clears each bid on arrival
 * @param maxBidsPerWindow a window clears as soon as it holds this many bids, &ge; 1 (the window's arrays are
 *        preallocated to this size)
 */
public record LedgerConfig(List<NodeSpec> nodes, int gpusPerNode, PricingFunction pricing, double decayPerSecond,
                           long frictionMicros, long holdingTaxMicrosPerUnitSecond, double evictionFriction,
                           double memoryReserveFraction, long auctionWindowNanos, int maxBidsPerWindow) {

    /** Default base price: 1,000 µtokens per unit-second, i.e. 3.6 tokens per GPU-hour. */
    public static final long DEFAULT_BASE_MICROS_PER_UNIT_SECOND = 1_000L;

    public LedgerConfig {
        if (nodes == null || nodes.isEmpty()) throw new IllegalArgumentException("a zone needs at least one node");
        nodes = List.copyOf(nodes);
        if (gpusPerNode < 1 || gpusPerNode > 64 || Integer.bitCount(gpusPerNode) != 1)
            throw new IllegalArgumentException("gpusPerNode must be a power of two in 1..64, got " + gpusPerNode);
        for (NodeSpec n : nodes)
            if (n.gpus() > gpusPerNode)
                throw new IllegalArgumentException(n.name() + " has " + n.gpus() + " GPUs, more than gpusPerNode=" + gpusPerNode);
        if ((long) nodes.size() * gpusPerNode > (1L << 30))
            throw new IllegalArgumentException("zone too large for one block tree: " + nodes.size() + " nodes");
        if (pricing == null) throw new IllegalArgumentException("pricing is required");
        if (!(decayPerSecond >= 0) || Double.isInfinite(decayPerSecond))
            throw new IllegalArgumentException("decayPerSecond must be finite and >= 0, got " + decayPerSecond);
        if (frictionMicros < 0) throw new IllegalArgumentException("frictionMicros must be >= 0, got " + frictionMicros);
        if (holdingTaxMicrosPerUnitSecond < 0)
            throw new IllegalArgumentException("holdingTaxMicrosPerUnitSecond must be >= 0, got " + holdingTaxMicrosPerUnitSecond);
        if (!(evictionFriction >= 0) || Double.isInfinite(evictionFriction))
            throw new IllegalArgumentException("evictionFriction must be finite and >= 0, got " + evictionFriction);
        if (!(memoryReserveFraction >= 0 && memoryReserveFraction < 1))
            throw new IllegalArgumentException("memoryReserveFraction must be in [0, 1), got " + memoryReserveFraction);
        if (auctionWindowNanos < 0) throw new IllegalArgumentException("auctionWindowNanos must be >= 0, got " + auctionWindowNanos);
        if (maxBidsPerWindow < 1) throw new IllegalArgumentException("maxBidsPerWindow must be >= 1, got " + maxBidsPerWindow);
    }

    /**
     * Defaults for {@code nodes}: 8 GPUs per node, {@link MultiplicativePricing} at
     * {@value #DEFAULT_BASE_MICROS_PER_UNIT_SECOND} µtokens per unit-second, λ = 1e-6/s (half-life about 8 days),
     * C_txn = 0.1 token, γ = 100 µtokens per idle unit-second, μ = 1, 5 % memory reserve, each bid clearing on
     * arrival, windows of at most 1,024 bids.
     */
    public static LedgerConfig defaults(List<NodeSpec> nodes) {
        return new LedgerConfig(nodes, 8, new MultiplicativePricing(DEFAULT_BASE_MICROS_PER_UNIT_SECOND), 1e-6,
                100_000L, 100L, 1.0, 0.05, 0L, 1024);
    }

    /** This config with another pricing function. */
    public LedgerConfig withPricing(PricingFunction p) {
        return new LedgerConfig(nodes, gpusPerNode, p, decayPerSecond, frictionMicros, holdingTaxMicrosPerUnitSecond,
                evictionFriction, memoryReserveFraction, auctionWindowNanos, maxBidsPerWindow);
    }

    /** This config with another auction window, nanoseconds. */
    public LedgerConfig withAuctionWindowNanos(long nanos) {
        return new LedgerConfig(nodes, gpusPerNode, pricing, decayPerSecond, frictionMicros, holdingTaxMicrosPerUnitSecond,
                evictionFriction, memoryReserveFraction, nanos, maxBidsPerWindow);
    }

    /** This config with another window size limit. */
    public LedgerConfig withMaxBidsPerWindow(int bids) {
        return new LedgerConfig(nodes, gpusPerNode, pricing, decayPerSecond, frictionMicros, holdingTaxMicrosPerUnitSecond,
                evictionFriction, memoryReserveFraction, auctionWindowNanos, bids);
    }

    /** This config with another decay rate λ, 1/s. */
    public LedgerConfig withDecayPerSecond(double lambda) {
        return new LedgerConfig(nodes, gpusPerNode, pricing, lambda, frictionMicros, holdingTaxMicrosPerUnitSecond,
                evictionFriction, memoryReserveFraction, auctionWindowNanos, maxBidsPerWindow);
    }

    /** This config with another friction C_txn, µtokens. */
    public LedgerConfig withFrictionMicros(long micros) {
        return new LedgerConfig(nodes, gpusPerNode, pricing, decayPerSecond, micros, holdingTaxMicrosPerUnitSecond,
                evictionFriction, memoryReserveFraction, auctionWindowNanos, maxBidsPerWindow);
    }

    /** This config with another initial holding tax γ, µtokens per idle unit-second. */
    public LedgerConfig withHoldingTax(long microsPerUnitSecond) {
        return new LedgerConfig(nodes, gpusPerNode, pricing, decayPerSecond, frictionMicros, microsPerUnitSecond,
                evictionFriction, memoryReserveFraction, auctionWindowNanos, maxBidsPerWindow);
    }

    /** This config with another eviction friction μ. */
    public LedgerConfig withEvictionFriction(double mu) {
        return new LedgerConfig(nodes, gpusPerNode, pricing, decayPerSecond, frictionMicros, holdingTaxMicrosPerUnitSecond,
                mu, memoryReserveFraction, auctionWindowNanos, maxBidsPerWindow);
    }

    /** This config with another GPU slot count per node. */
    public LedgerConfig withGpusPerNode(int slots) {
        return new LedgerConfig(nodes, slots, pricing, decayPerSecond, frictionMicros, holdingTaxMicrosPerUnitSecond,
                evictionFriction, memoryReserveFraction, auctionWindowNanos, maxBidsPerWindow);
    }

    /**
     * C_max of {@code node}: ⌊(1 − reserve fraction) × memory⌋, MiB, computed in exact decimal arithmetic on the
     * fraction as written (0.05 of 1,000 MiB leaves exactly 950).
     */
    public long sellableMemMiB(int node) {
        return BigDecimal.valueOf(nodes.get(node).memMiB())
                .multiply(BigDecimal.ONE.subtract(BigDecimal.valueOf(memoryReserveFraction)))
                .setScale(0, RoundingMode.FLOOR).longValueExact();
    }
}

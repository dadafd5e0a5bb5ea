package io.teg.ledger;

/**
 * An open lease: resources sold to one job on {@code nodeCount} consecutive nodes from {@code firstNode}. On each of
 * those nodes it holds {@code cpuMilliPerNode}, {@code memMiBPerNode} and the GPUs set in {@code gpuMask} (bit i =
 * GPU i of the node).
 *
 * @param id lease id, &ge; 1, unique in the zone
 * @param jobId the job's id
 * @param account the account that pays its taxes
 * @param firstNode first node index
 * @param nodeCount consecutive nodes (1 unless {@code block})
 * @param gpuMask GPUs held on each node
 * @param cpuMilliPerNode CPU on each node, thousandths of a core
 * @param memMiBPerNode memory on each node, MiB
 * @param units priced units (see {@link Demand#units()}); the holding tax applies to its idle ones
 * @param rateMicros the clearing rate it paid, µtokens per unit-second: its P_local in the eviction test
 * @param mass inertial mass m of its agent (dimensionless)
 * @param startNanos when it was filled, nanoseconds
 * @param durationS seconds bought at the fill
 * @param idleUnits units reported idle, 0..units
 * @param block true for a whole contiguous GPU block (never evicted by node bids, never expanded)
 */
public record Lease(long id, long jobId, String account, int firstNode, int nodeCount, long gpuMask,
                    int cpuMilliPerNode, long memMiBPerNode, int units, long rateMicros, double mass,
                    long startNanos, long durationS, int idleUnits, boolean block) {

    /** "No lease": lease ids start at 1. */
    public static final long NONE = 0L;

    public Lease {
        if (id < 1) throw new IllegalArgumentException("lease id must be >= 1, got " + id);
        if (account == null || account.isBlank()) throw new IllegalArgumentException("account must not be blank");
        if (nodeCount < 1 || firstNode < 0) throw new IllegalArgumentException("bad node range " + firstNode + "+" + nodeCount);
        if (idleUnits < 0 || idleUnits > units) throw new IllegalArgumentException("idleUnits must be in 0.." + units);
    }

    /** GPUs held on each node. */
    public int gpusPerNode() {
        return Long.bitCount(gpuMask);
    }

    /** This lease grown by {@code extra} on its node, with {@code addedGpus} the GPUs added. */
    public Lease expandedBy(Demand extra, long addedGpus) {
        return new Lease(id, jobId, account, firstNode, nodeCount, gpuMask | addedGpus,
                cpuMilliPerNode + extra.cpuMilli(), memMiBPerNode + extra.memMiB(), units + extra.units(), rateMicros,
                mass, startNanos, durationS, idleUnits, block);
    }

    /** This lease with {@code idle} units reported idle. */
    public Lease withIdleUnits(int idle) {
        return new Lease(id, jobId, account, firstNode, nodeCount, gpuMask, cpuMilliPerNode, memMiBPerNode, units,
                rateMicros, mass, startNanos, durationS, idle, block);
    }
}

package io.teg.ledger;

/**
 * Resources asked on one node: CPU in thousandths of a core, memory in MiB, whole GPUs.
 *
 * <p>A demand is priced in <em>units</em>: one unit is one GPU when the demand holds GPUs, otherwise one CPU core
 * (rounded up), and at least one. Memory rides along with its GPUs or cores; its scarcity is priced through the
 * memory asymptote of the reserve price, not through the unit count. Prices quoted "per unit-second" are µtokens
 * for one such unit held for one second.
 *
 * @param cpuMilli CPU in thousandths of a core, &ge; 0
 * @param memMiB memory in MiB, &ge; 0
 * @param gpus whole GPUs, &ge; 0
 */
public record Demand(int cpuMilli, long memMiB, int gpus) {

    public Demand {
        if (cpuMilli < 0) throw new IllegalArgumentException("cpuMilli must be >= 0, got " + cpuMilli);
        if (memMiB < 0) throw new IllegalArgumentException("memMiB must be >= 0, got " + memMiB);
        if (gpus < 0) throw new IllegalArgumentException("gpus must be >= 0, got " + gpus);
        if (cpuMilli == 0 && memMiB == 0 && gpus == 0) throw new IllegalArgumentException("a demand must ask for something");
    }

    /** Whole GPUs with the given CPU and memory. */
    public static Demand of(int cpuMilli, long memMiB, int gpus) {
        return new Demand(cpuMilli, memMiB, gpus);
    }

    /** Priced units: GPUs when there are any, else cores rounded up, at least 1. */
    public int units() {
        if (gpus > 0) return gpus;
        return Math.max(1, (cpuMilli + 999) / 1000);
    }
}

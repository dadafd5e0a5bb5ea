package io.teg.bridge;

import java.util.Arrays;

/**
 * What Slurm counts free on the candidate nodes of one {@code job_test}: the configured CPUs and memory of each node
 * minus what the running jobs' allocations hold there (the {@code free_cpus} and {@code free_mem_mb} arrays of
 * {@code teg_job_request_t}). This, not TEG's own bookkeeping, is what TEG ranks by: it is current at the call,
 * while TEG hears of starts and ends a little later.
 *
 * @param nodes candidate node indexes (Slurm's), in bitmap order
 * @param freeCpus {@code freeCpus[i]}: CPUs free on {@code nodes[i]}
 * @param freeMemMiB {@code freeMemMiB[i]}: memory free on {@code nodes[i]}, MiB
 * @param freeGpus {@code freeGpus[i]}: GPUs free on {@code nodes[i]} (slurmctld's GRES count: available minus
 *                 allocated), 0 on a node without GPUs
 */
public record SlurmView(int[] nodes, int[] freeCpus, long[] freeMemMiB, int[] freeGpus) {

    public SlurmView {
        if (nodes.length != freeCpus.length || nodes.length != freeMemMiB.length || nodes.length != freeGpus.length)
            throw new IllegalArgumentException("slurm view: " + nodes.length + " candidates but " + freeCpus.length
                    + " free CPU counts, " + freeMemMiB.length + " free memory sizes and " + freeGpus.length
                    + " free GPU counts");
        for (int i = 0; i < nodes.length; i++)
            if (freeCpus[i] < 0 || freeMemMiB[i] < 0 || freeGpus[i] < 0)
                throw new IllegalArgumentException("slurm view: node index " + nodes[i] + " has negative free "
                        + "resources: " + freeCpus[i] + " CPUs, " + freeMemMiB[i] + " MiB, " + freeGpus[i] + " GPUs");
    }

    /** Candidates without free GPUs. */
    public SlurmView(int[] nodes, int[] freeCpus, long[] freeMemMiB) {
        this(nodes, freeCpus, freeMemMiB, new int[nodes.length]);
    }

    /** Candidates with every CPU and {@code memMiB} free each. */
    public static SlurmView allFree(int[] nodes, int cpus, long memMiB) {
        int[] c = new int[nodes.length];
        long[] m = new long[nodes.length];
        Arrays.fill(c, cpus);
        Arrays.fill(m, memMiB);
        return new SlurmView(nodes, c, m);
    }

    /** The number of candidates. */
    public int size() {
        return nodes.length;
    }
}

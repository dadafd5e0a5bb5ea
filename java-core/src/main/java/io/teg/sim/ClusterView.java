package io.teg.sim;

import io.teg.model.NodeSpec;
import io.teg.model.TaskShape;

/**
 * What a scheduler may read of the cluster's allocation state. Every per-node read counts as one node touched for
 * the decision in progress (see {@link SchedulerContext#decide}); this is how the simulator measures
 * "nodes touched per decision" for every scheduler in the same way.
 */
public interface ClusterView {

    int nodeCount();

    /** The node's fixed capacity (not counted as a touch: capacities are static and can be cached). */
    NodeSpec spec(int node);

    /** Free CPU on the node, in thousandths of a core. */
    int freeCpuMilli(int node);

    /** Free (unallocated) memory on the node, MiB. */
    long freeMemMiB(int node);

    /** GPUs on the node with nothing allocated on them. */
    int freeWholeGpus(int node);

    /** The largest free share, in thousandths, of any single GPU on the node (0 when it has none). */
    int maxGpuFreeMilli(int node);

    /** True when one task of {@code shape} fits in the node's free resources now. */
    boolean fits(int node, TaskShape shape);

    /** Cluster-wide capacity of CPU in thousandths of a core. */
    long totalCpuMilli();

    /** Cluster-wide memory capacity, MiB. */
    long totalMemMiB();

    /** Cluster-wide GPU capacity in thousandths of a GPU. */
    long totalGpuMilli();

    /** Cluster-wide allocated CPU, thousandths of a core. */
    long allocatedCpuMilli();

    /** Cluster-wide allocated memory, MiB. */
    long allocatedMemMiB();

    /** Cluster-wide allocated GPU, thousandths of a GPU. */
    long allocatedGpuMilli();
}

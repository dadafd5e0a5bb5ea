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

    /**
     * True when {@code times} tasks of {@code shape} fit on {@code node} together now: CPU and memory for all of
     * them, and for GPUs either that many whole GPUs or, for a sharing task, one GPU with room for all the shares or
     * that many idle GPUs (a conservative rule). Reads go through the counted accessors.
     */
    default boolean fitsTimes(int node, TaskShape shape, int times) {
        if (times == 1) return fits(node, shape);
        if ((long) shape.cpuMilli() * times > freeCpuMilli(node)) return false;
        if (shape.memMiB() * times > freeMemMiB(node)) return false;
        if (shape.gpus() == 0) return true;
        if (!fits(node, shape)) return false;
        if (shape.sharesGpu()) {
            return maxGpuFreeMilli(node) >= (long) shape.gpuMilli() * times || freeWholeGpus(node) >= times;
        }
        return freeWholeGpus(node) >= shape.gpus() * times;
    }

    /**
     * True when one task of {@code shape} on each of {@code taskNodes} (a node may repeat) fits now, all together:
     * the all-or-nothing test of {@link SchedulerContext#start}.
     */
    default boolean fitsAll(TaskShape shape, int[] taskNodes) {
        int[] sorted = taskNodes.clone();
        java.util.Arrays.sort(sorted);
        for (int i = 0; i < sorted.length; ) {
            int k = i;
            while (k < sorted.length && sorted[k] == sorted[i]) k++;
            if (!fitsTimes(sorted[i], shape, k - i)) return false;
            i = k;
        }
        return true;
    }
}

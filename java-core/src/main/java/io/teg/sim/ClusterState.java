package io.teg.sim;

import io.teg.model.NodeSpec;
import io.teg.model.TaskShape;
import io.teg.model.Topology;

/**
 * The allocation state of every node: free CPU, memory and GPU shares. Mutable and single-threaded; owned by one
 * {@link Simulation}. Arrays are indexed by node.
 *
 * <p>GPUs are tracked one by one as free thousandths ({@code 1000} = idle), so that a whole-GPU task only takes
 * GPUs nobody shares and a sharing task takes part of one GPU. Whole GPUs are taken lowest index first; a
 * sharing task takes the GPU whose free share fits most tightly (best fit, the least fragmenting choice).
 */
public final class ClusterState implements ClusterView {

    private final NodeSpec[] specs;
    private final int[] freeCpu;
    private final long[] freeMem;
    private final int[] freeWhole;
    private final int[] gpuOffset;
    private final int[] gpuFree;
    private final long totalCpu;
    private final long totalMem;
    private final long totalGpu;
    private long allocCpu;
    private long allocMem;
    private long allocGpu;
    private long touches;

    public ClusterState(Topology topology) {
        int n = topology.nodeCount();
        specs = new NodeSpec[n];
        freeCpu = new int[n];
        freeMem = new long[n];
        freeWhole = new int[n];
        gpuOffset = new int[n + 1];
        long cpu = 0;
        long mem = 0;
        long gpu = 0;
        for (int i = 0; i < n; i++) {
            NodeSpec s = topology.node(i);
            specs[i] = s;
            freeCpu[i] = s.cpuMilli();
            freeMem[i] = s.memMiB();
            freeWhole[i] = s.gpus();
            gpuOffset[i + 1] = gpuOffset[i] + s.gpus();
            cpu += s.cpuMilli();
            mem += s.memMiB();
            gpu += 1000L * s.gpus();
        }
        gpuFree = new int[gpuOffset[n]];
        java.util.Arrays.fill(gpuFree, 1000);
        totalCpu = cpu;
        totalMem = mem;
        totalGpu = gpu;
    }

    @Override
    public int nodeCount() {
        return specs.length;
    }

    @Override
    public NodeSpec spec(int node) {
        return specs[node];
    }

    @Override
    public int freeCpuMilli(int node) {
        touches++;
        return freeCpu[node];
    }

    @Override
    public long freeMemMiB(int node) {
        touches++;
        return freeMem[node];
    }

    @Override
    public int freeWholeGpus(int node) {
        touches++;
        return freeWhole[node];
    }

    @Override
    public int maxGpuFreeMilli(int node) {
        touches++;
        int best = 0;
        for (int g = gpuOffset[node]; g < gpuOffset[node + 1]; g++) best = Math.max(best, gpuFree[g]);
        return best;
    }

    @Override
    public boolean fits(int node, TaskShape shape) {
        touches++;
        return fitsUncounted(node, shape);
    }

    private boolean fitsUncounted(int node, TaskShape shape) {
        if (shape.cpuMilli() > freeCpu[node] || shape.memMiB() > freeMem[node]) return false;
        if (shape.gpus() == 0) return true;
        NodeSpec s = specs[node];
        if (shape.gpuModelMask() != 0 && (s.gpuModelId() < 0 || (shape.gpuModelMask() & (1L << s.gpuModelId())) == 0))
            return false;
        if (!shape.sharesGpu()) return freeWhole[node] >= shape.gpus();
        for (int g = gpuOffset[node]; g < gpuOffset[node + 1]; g++) if (gpuFree[g] >= shape.gpuMilli()) return true;
        return false;
    }

    /**
     * Allocates one task of {@code shape} on {@code node}.
     *
     * @return the GPUs taken, as a bit mask of GPU indices within the node (0 for a CPU-only task)
     * @throws IllegalStateException when it does not fit (callers check {@link #fits} first)
     */
    public long allocate(int node, TaskShape shape) {
        if (!fitsUncounted(node, shape))
            throw new IllegalStateException("task " + shape + " does not fit on node " + specs[node].name());
        freeCpu[node] -= shape.cpuMilli();
        freeMem[node] -= shape.memMiB();
        allocCpu += shape.cpuMilli();
        allocMem += shape.memMiB();
        long mask = 0;
        if (shape.gpus() > 0) {
            int base = gpuOffset[node];
            int end = gpuOffset[node + 1];
            if (shape.sharesGpu()) {
                int best = -1;
                for (int g = base; g < end; g++) {
                    if (gpuFree[g] >= shape.gpuMilli() && (best < 0 || gpuFree[g] < gpuFree[best])) best = g;
                }
                if (gpuFree[best] == 1000) freeWhole[node]--;
                gpuFree[best] -= shape.gpuMilli();
                mask = 1L << (best - base);
            } else {
                int need = shape.gpus();
                for (int g = base; g < end && need > 0; g++) {
                    if (gpuFree[g] == 1000) {
                        gpuFree[g] = 0;
                        mask |= 1L << (g - base);
                        need--;
                    }
                }
                freeWhole[node] -= shape.gpus();
            }
            allocGpu += shape.gpuMilliTotal();
        }
        return mask;
    }

    /** Returns one task's resources, as taken by {@link #allocate}. */
    public void release(int node, TaskShape shape, long gpuMask) {
        freeCpu[node] += shape.cpuMilli();
        freeMem[node] += shape.memMiB();
        allocCpu -= shape.cpuMilli();
        allocMem -= shape.memMiB();
        if (shape.gpus() > 0) {
            int base = gpuOffset[node];
            long m = gpuMask;
            int per = shape.sharesGpu() ? shape.gpuMilli() : 1000;
            while (m != 0) {
                int g = base + Long.numberOfTrailingZeros(m);
                m &= m - 1;
                gpuFree[g] += per;
                if (gpuFree[g] > 1000) throw new IllegalStateException("GPU share over 1000 on " + specs[node].name());
                if (gpuFree[g] == 1000) freeWhole[node]++;
            }
            allocGpu -= shape.gpuMilliTotal();
        }
    }

    /** Node reads so far (see {@link ClusterView}). */
    public long touches() {
        return touches;
    }

    @Override
    public long totalCpuMilli() {
        return totalCpu;
    }

    @Override
    public long totalMemMiB() {
        return totalMem;
    }

    @Override
    public long totalGpuMilli() {
        return totalGpu;
    }

    @Override
    public long allocatedCpuMilli() {
        return allocCpu;
    }

    @Override
    public long allocatedMemMiB() {
        return allocMem;
    }

    @Override
    public long allocatedGpuMilli() {
        return allocGpu;
    }
}

package io.teg.agent;

import io.teg.model.NodeSpec;
import io.teg.model.TaskShape;
import io.teg.model.Topology;

/**
 * The free resources of every node of a topology, kept by allocating and releasing tasks: a self-contained
 * {@link Feasibility} for tests, benchmarks and tools that run without the simulator's cluster state or the zone
 * ledgers.
 *
 * <p>GPUs are tracked one by one in thousandths: a whole-GPU task takes GPUs that have nothing on them; a task
 * with a share of one GPU goes to the GPU with the least free share that still holds it (best fit).
 * {@link #allocate} returns the GPUs it used as a bit mask, which {@link #release} takes back.
 *
 * <p>Free capacity per zone, for {@link #sampleZone}, is kept in a Fenwick tree over zones of integer weights:
 * a node weighs {@code round(1000 × mean free fraction)} over the resources it has (CPU, memory and, on a GPU
 * node, GPU), so a whole free node weighs 1000. Sampling costs O(log zones).
 *
 * <p>Mutable and not thread-safe: one thread owns it, as one thread owns a zone ledger.
 */
public final class FreeResources implements Feasibility {

    private static final int WEIGHT_SCALE = 1000;

    private final Topology topology;
    private final int[] freeCpu;
    private final long[] freeMem;
    private final int[] gpuStart;
    private final int[] gpuFree;
    private final int[] wholeFree;
    private final int[] weight;
    private final long[] zoneTree;
    private final int zones;

    /** All nodes of {@code topology} empty. */
    public FreeResources(Topology topology) {
        this.topology = topology;
        int n = topology.nodeCount();
        freeCpu = new int[n];
        freeMem = new long[n];
        gpuStart = new int[n + 1];
        wholeFree = new int[n];
        weight = new int[n];
        for (int i = 0; i < n; i++) {
            NodeSpec s = topology.node(i);
            freeCpu[i] = s.cpuMilli();
            freeMem[i] = s.memMiB();
            wholeFree[i] = s.gpus();
            gpuStart[i + 1] = gpuStart[i] + s.gpus();
        }
        gpuFree = new int[gpuStart[n]];
        java.util.Arrays.fill(gpuFree, 1000);
        zones = topology.zoneCount();
        zoneTree = new long[zones + 1];
        for (int i = 0; i < n; i++) {
            weight[i] = computeWeight(i);
            addZone(topology.zoneOf(i), weight[i]);
        }
    }

    public Topology topology() {
        return topology;
    }

    @Override
    public int nodeCount() {
        return freeCpu.length;
    }

    /** Free CPU on the node, thousandths of a core. */
    public int freeCpuMilli(int node) {
        return freeCpu[node];
    }

    /** Free memory on the node, MiB. */
    public long freeMemMiB(int node) {
        return freeMem[node];
    }

    /** GPUs on the node with nothing allocated on them. */
    public int freeWholeGpus(int node) {
        return wholeFree[node];
    }

    /** Free share of GPU {@code gpu} of the node, thousandths. */
    public int gpuFreeMilli(int node, int gpu) {
        return gpuFree[gpuStart[node] + gpu];
    }

    /** The free-capacity weight of a zone (sum of its nodes' weights, 1000 per empty node). */
    public long zoneWeight(int zone) {
        return prefix(zone + 1) - prefix(zone);
    }

    @Override
    public boolean canHost(int node, TaskShape task) {
        return hostable(node, task, 1) >= 1;
    }

    @Override
    public int hostable(int node, TaskShape task, int atMost) {
        if (atMost <= 0) return 0;
        NodeSpec spec = topology.node(node);
        long count = atMost;
        if (task.gpus() > 0) {
            if (spec.gpus() == 0) return 0;
            if (task.gpuModelMask() != 0 && (task.gpuModelMask() & (1L << spec.gpuModelId())) == 0) return 0;
            long slots;
            if (task.sharesGpu()) {
                slots = 0;
                for (int g = gpuStart[node]; g < gpuStart[node + 1]; g++) slots += gpuFree[g] / task.gpuMilli();
            } else {
                slots = wholeFree[node] / task.gpus();
            }
            count = Math.min(count, slots);
        }
        if (task.cpuMilli() > 0) count = Math.min(count, freeCpu[node] / task.cpuMilli());
        if (task.memMiB() > 0) count = Math.min(count, freeMem[node] / task.memMiB());
        return (int) Math.max(0, count);
    }

    /**
     * Allocates one task of {@code task} on {@code node}.
     *
     * @return the GPUs it took, bit g for GPU g of the node (0 for a CPU task)
     * @throws IllegalStateException when the task does not fit there now
     */
    public long allocate(int node, TaskShape task) {
        if (!canHost(node, task))
            throw new IllegalStateException("task " + task + " does not fit on node " + node + " now: free cpu "
                    + freeCpu[node] + " milli-cores, memory " + freeMem[node] + " MiB, whole GPUs " + wholeFree[node]);
        long mask = 0;
        int base = gpuStart[node];
        int gpus = gpuStart[node + 1] - base;
        if (task.gpus() > 0) {
            if (task.sharesGpu()) {
                int bestGpu = -1;
                for (int g = 0; g < gpus; g++) {
                    int free = gpuFree[base + g];
                    if (free >= task.gpuMilli() && (bestGpu < 0 || free < gpuFree[base + bestGpu])) bestGpu = g;
                }
                if (gpuFree[base + bestGpu] == 1000) wholeFree[node]--;
                gpuFree[base + bestGpu] -= task.gpuMilli();
                mask = 1L << bestGpu;
            } else {
                int needed = task.gpus();
                for (int g = 0; g < gpus && needed > 0; g++) {
                    if (gpuFree[base + g] == 1000) {
                        gpuFree[base + g] = 0;
                        mask |= 1L << g;
                        needed--;
                    }
                }
                wholeFree[node] -= task.gpus();
            }
        }
        freeCpu[node] -= task.cpuMilli();
        freeMem[node] -= task.memMiB();
        reweigh(node);
        return mask;
    }

    /**
     * Gives back one task of {@code task} on {@code node} that {@link #allocate} placed with GPU mask
     * {@code gpuMask}.
     *
     * @throws IllegalStateException when that would free more than the node has
     */
    public void release(int node, TaskShape task, long gpuMask) {
        NodeSpec spec = topology.node(node);
        if (freeCpu[node] + (long) task.cpuMilli() > spec.cpuMilli() || freeMem[node] + task.memMiB() > spec.memMiB())
            throw new IllegalStateException("releasing " + task + " on node " + node + " frees more than its capacity");
        int base = gpuStart[node];
        if (task.gpus() > 0) {
            if (Long.bitCount(gpuMask) != (task.sharesGpu() ? 1 : task.gpus()))
                throw new IllegalStateException("GPU mask " + Long.toBinaryString(gpuMask) + " does not match " + task);
            for (long m = gpuMask; m != 0; m &= m - 1) {
                int g = Long.numberOfTrailingZeros(m);
                int give = task.sharesGpu() ? task.gpuMilli() : 1000;
                if (g >= gpuStart[node + 1] - base || gpuFree[base + g] + give > 1000)
                    throw new IllegalStateException("GPU " + g + " of node " + node + " cannot take back " + give + " milli");
                gpuFree[base + g] += give;
                if (gpuFree[base + g] == 1000) wholeFree[node]++;
            }
        }
        freeCpu[node] += task.cpuMilli();
        freeMem[node] += task.memMiB();
        reweigh(node);
    }

    /**
     * Sets the free CPU and memory of {@code node} to what an outside authority counts (a resource manager that
     * allocates on its own), clamped to [0, capacity]. GPUs are left as they are.
     *
     * @param cpuMilli free CPU, thousandths of a core
     * @param memMiB free memory, MiB
     */
    public void setFree(int node, int cpuMilli, long memMiB) {
        NodeSpec spec = topology.node(node);
        int cpu = Math.clamp(cpuMilli, 0, spec.cpuMilli());
        long mem = Math.clamp(memMiB, 0L, spec.memMiB());
        if (cpu == freeCpu[node] && mem == freeMem[node]) return;
        freeCpu[node] = cpu;
        freeMem[node] = mem;
        reweigh(node);
    }

    /**
     * As {@link #setFree(int, int, long)}, and the node's whole free GPUs too: its first {@code wholeGpus} GPUs
     * (clamped to [0, the node's GPUs]) become wholly free, the others wholly taken.
     *
     * @param wholeGpus free GPUs, whole ones
     */
    public void setFree(int node, int cpuMilli, long memMiB, int wholeGpus) {
        int gpus = topology.node(node).gpus();
        int freeGpus = Math.clamp(wholeGpus, 0, gpus);
        if (gpus > 0) {
            for (int g = 0; g < gpus; g++) gpuFree[gpuStart[node] + g] = g < freeGpus ? 1000 : 0;
            wholeFree[node] = freeGpus;
            reweigh(node);
        }
        setFree(node, cpuMilli, memMiB);
    }

    @Override
    public int sampleZone(double u) {
        long total = prefix(zones);
        if (total <= 0) return -1;
        long target = Math.min(total - 1, (long) (Math.max(0, u) * total));
        // Fenwick descent: the smallest zone z with prefix(z + 1) > target.
        int pos = 0;
        long remaining = target;
        for (int step = Integer.highestOneBit(zones); step > 0; step >>>= 1) {
            int next = pos + step;
            if (next <= zones && zoneTree[next] <= remaining) {
                pos = next;
                remaining -= zoneTree[next];
            }
        }
        return pos;
    }

    private int computeWeight(int node) {
        NodeSpec s = topology.node(node);
        double sum = (double) freeCpu[node] / s.cpuMilli() + (double) freeMem[node] / s.memMiB();
        int kinds = 2;
        if (s.gpus() > 0) {
            long free = 0;
            for (int g = gpuStart[node]; g < gpuStart[node + 1]; g++) free += gpuFree[g];
            sum += (double) free / (1000L * s.gpus());
            kinds++;
        }
        return (int) Math.round(WEIGHT_SCALE * sum / kinds);
    }

    private void reweigh(int node) {
        int w = computeWeight(node);
        if (w != weight[node]) {
            addZone(topology.zoneOf(node), w - weight[node]);
            weight[node] = w;
        }
    }

    private void addZone(int zone, long delta) {
        for (int i = zone + 1; i <= zones; i += i & -i) zoneTree[i] += delta;
    }

    private long prefix(int count) {
        long sum = 0;
        for (int i = count; i > 0; i -= i & -i) sum += zoneTree[i];
        return sum;
    }
}

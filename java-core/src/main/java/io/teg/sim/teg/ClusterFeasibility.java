package io.teg.sim.teg;

import io.teg.agent.Feasibility;
import io.teg.model.NodeSpec;
import io.teg.model.TaskShape;
import io.teg.model.Topology;
import io.teg.sim.ClusterView;

/**
 * The agent's {@link Feasibility} seam over the simulator's {@link ClusterView}: what is free is read from the
 * cluster's allocation state, so every per-node answer is one node touched for the decision in progress, exactly as
 * for the baselines.
 *
 * <p>{@link #hostable} follows the simulator's own all-or-nothing rule for several tasks of one job on one node
 * (the rule {@code SchedulerContext.start} applies): CPU in thousandths of a core and memory in MiB add up; whole
 * GPUs add up; tasks sharing a GPU need as many whole free GPUs as tasks, or one GPU with room for all of them.
 *
 * <p>Free capacity per zone, for {@link #sampleZone}, is kept here from the scheduler's own starts and ends
 * ({@link #taken}, {@link #given}) rather than read from every node, so that sampling costs O(zones) and touches no
 * node: zone weight = free CPU fraction (+ free GPU fraction on zones with GPUs), times the zone's node count.
 *
 * <p>The same sums give {@link #mayHold}: when the whole cluster's free CPU, memory or GPU share cannot hold a job, the
 * agent fails it without searching, so a full cluster costs no node reads, whatever its size.
 *
 * <p>Mutable, not thread-safe: it belongs to one scheduler of one simulation.
 */
final class ClusterFeasibility implements Feasibility {

    private final ClusterView view;
    private final Topology topology;
    private final long[] zoneCpuMilli;
    private final long[] zoneGpuMilli;
    private final long[] zoneFreeCpuMilli;
    private final long[] zoneFreeGpuMilli;
    private final long[] zoneFreeMemMiB;
    private final int[] zoneNodes;

    ClusterFeasibility(ClusterView view, Topology topology) {
        if (view.nodeCount() != topology.nodeCount())
            throw new IllegalArgumentException("cluster has " + view.nodeCount() + " nodes, topology "
                    + topology.nodeCount());
        this.view = view;
        this.topology = topology;
        int zones = topology.zoneCount();
        zoneCpuMilli = new long[zones];
        zoneGpuMilli = new long[zones];
        zoneNodes = new int[zones];
        for (int i = 0; i < topology.nodeCount(); i++) {
            NodeSpec s = topology.node(i);
            int z = topology.zoneOf(i);
            zoneCpuMilli[z] += s.cpuMilli();
            zoneGpuMilli[z] += 1000L * s.gpus();
            zoneNodes[z]++;
        }
        zoneFreeCpuMilli = zoneCpuMilli.clone();
        zoneFreeGpuMilli = zoneGpuMilli.clone();
        zoneFreeMemMiB = new long[zones];
        for (int i = 0; i < topology.nodeCount(); i++) zoneFreeMemMiB[topology.zoneOf(i)] += topology.node(i).memMiB();
    }

    @Override
    public int nodeCount() {
        return view.nodeCount();
    }

    @Override
    public boolean canHost(int node, TaskShape task) {
        return view.fits(node, task);
    }

    @Override
    public int hostable(int node, TaskShape task, int atMost) {
        if (atMost <= 0 || !view.fits(node, task)) return 0;
        long count = atMost;
        if (task.cpuMilli() > 0) count = Math.min(count, view.freeCpuMilli(node) / task.cpuMilli());
        if (task.memMiB() > 0) count = Math.min(count, view.freeMemMiB(node) / task.memMiB());
        if (task.gpus() > 0) {
            int whole = view.freeWholeGpus(node);
            if (task.sharesGpu()) {
                count = Math.min(count, Math.max(whole, view.maxGpuFreeMilli(node) / task.gpuMilli()));
            } else {
                count = Math.min(count, whole / task.gpus());
            }
        }
        return (int) Math.max(1, count);
    }

    /** From the per-zone free sums kept by {@link #taken} and {@link #given}: O(zones), no node read. */
    @Override
    public boolean mayHold(TaskShape task, int tasks) {
        long cpu = 0, mem = 0, gpu = 0;
        for (int z = 0; z < zoneFreeCpuMilli.length; z++) {
            cpu += zoneFreeCpuMilli[z];
            mem += zoneFreeMemMiB[z];
            gpu += zoneFreeGpuMilli[z];
        }
        return cpu >= (long) tasks * task.cpuMilli() && mem >= (long) tasks * task.memMiB()
                && gpu >= (long) tasks * task.gpuMilliTotal();
    }

    @Override
    public int sampleZone(double u) {
        int zones = zoneNodes.length;
        double total = 0;
        for (int z = 0; z < zones; z++) total += weight(z);
        if (!(total > 0)) return -1;
        double target = Math.max(0, u) * total;
        double sum = 0;
        for (int z = 0; z < zones; z++) {
            double w = weight(z);
            sum += w;
            if (w > 0 && target < sum) return z;
        }
        for (int z = zones - 1; z >= 0; z--) if (weight(z) > 0) return z;
        return -1;
    }

    /** The tasks of a job started on {@code taskNodes} (one entry per task) now hold their resources. */
    void taken(TaskShape task, int[] taskNodes) {
        for (int node : taskNodes) {
            int z = topology.zoneOf(node);
            zoneFreeCpuMilli[z] -= task.cpuMilli();
            zoneFreeGpuMilli[z] -= task.gpuMilliTotal();
            zoneFreeMemMiB[z] -= task.memMiB();
        }
    }

    /** The tasks of a job that ran on {@code taskNodes} gave their resources back. */
    void given(TaskShape task, int[] taskNodes) {
        for (int node : taskNodes) {
            int z = topology.zoneOf(node);
            zoneFreeCpuMilli[z] += task.cpuMilli();
            zoneFreeGpuMilli[z] += task.gpuMilliTotal();
            zoneFreeMemMiB[z] += task.memMiB();
        }
    }

    private double weight(int z) {
        if (zoneNodes[z] == 0) return 0;
        double cpu = zoneCpuMilli[z] > 0 ? Math.max(0, (double) zoneFreeCpuMilli[z] / zoneCpuMilli[z]) : 0;
        if (zoneGpuMilli[z] == 0) return cpu * zoneNodes[z];
        double gpu = Math.max(0, (double) zoneFreeGpuMilli[z] / zoneGpuMilli[z]);
        return (cpu + gpu) / 2 * zoneNodes[z];
    }
}

package io.teg.sim.baseline;

import io.teg.model.NodeSpec;
import io.teg.model.TaskShape;
import io.teg.sim.ClusterView;

/**
 * A scheduler's own record of what is free on every node, kept from its own decisions (what it bound, what it was
 * told has ended or was taken back), the way Slurm's select plugin keeps per-node usage and kube-scheduler keeps its
 * cache of NodeInfo. It orders and prunes searches; it never replaces the check against the cluster itself, which
 * every placement still makes through {@link ClusterView}, so reading the ledger is not a node touch.
 *
 * <p>Units: CPU in thousandths of a core, memory in MiB, GPU as the sum over the node's GPUs of their free
 * thousandths (a whole GPU is 1000). Mutable, single-threaded.
 */
final class NodeLedger {

    final int[] freeCpu;
    final long[] freeMem;
    final long[] freeGpu;
    /** Capacities, copied from the node specs (static: reading them is no touch). */
    final int[] capCpu;
    final long[] capMem;
    final int[] capGpus;
    private final NodeSpec[] spec;

    /** A ledger of {@code view}'s nodes, all free. */
    NodeLedger(ClusterView view) {
        this(view, 0);
    }

    /** As {@link #NodeLedger(ClusterView)} with {@code extraSlots} spare entries after the last node for probe keys. */
    NodeLedger(ClusterView view, int extraSlots) {
        int n = view.nodeCount();
        freeCpu = new int[n + extraSlots];
        freeMem = new long[n + extraSlots];
        freeGpu = new long[n + extraSlots];
        spec = new NodeSpec[n];
        capCpu = new int[n];
        capMem = new long[n];
        capGpus = new int[n];
        for (int i = 0; i < n; i++) {
            NodeSpec s = view.spec(i);
            spec[i] = s;
            capCpu[i] = s.cpuMilli();
            capMem[i] = s.memMiB();
            capGpus[i] = s.gpus();
            freeCpu[i] = s.cpuMilli();
            freeMem[i] = s.memMiB();
            freeGpu[i] = 1000L * s.gpus();
        }
    }

    int nodeCount() {
        return spec.length;
    }

    NodeSpec spec(int node) {
        return spec[node];
    }

    /** Records {@code k} tasks of {@code shape} placed on {@code node}. */
    void take(int node, TaskShape shape, int k) {
        freeCpu[node] -= shape.cpuMilli() * k;
        freeMem[node] -= shape.memMiB() * k;
        freeGpu[node] -= shape.gpuMilliTotal() * k;
    }

    /** Records {@code k} tasks of {@code shape} gone from {@code node}. */
    void give(int node, TaskShape shape, int k) {
        freeCpu[node] += shape.cpuMilli() * k;
        freeMem[node] += shape.memMiB() * k;
        freeGpu[node] += shape.gpuMilliTotal() * k;
    }
}

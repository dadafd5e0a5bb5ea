package io.teg.sim.baseline;

import io.teg.model.TaskShape;
import io.teg.sim.ClusterView;

/**
 * A segment tree over node indices holding, for every range of nodes, the largest free CPU, memory and GPU (summed
 * thousandths) that any node in it has in the {@link NodeLedger}. It answers "the next node at or after index i that
 * might fit this task" in O(log N) when few nodes might, so a search that walks nodes in index order (as
 * kube-scheduler's rotating filter does) skips nodes that cannot fit without reading them. The per-range maxima are
 * upper bounds: a node it returns may still not fit (another resource, a GPU model, fragmented GPUs), which the
 * caller checks through {@link ClusterView}; a node that fits is never skipped.
 *
 * <p>Mutable, single-threaded.
 */
final class FreeSpaceTree {

    private final NodeLedger ledger;
    private final int size;
    private final int[] maxCpu;
    private final long[] maxMem;
    private final long[] maxGpu;

    FreeSpaceTree(ClusterView view) {
        ledger = new NodeLedger(view);
        int n = view.nodeCount();
        int s = 1;
        while (s < n) s <<= 1;
        size = s;
        maxCpu = new int[2 * s];
        maxMem = new long[2 * s];
        maxGpu = new long[2 * s];
        for (int i = 0; i < s; i++) {
            int v = s + i;
            if (i < n) {
                maxCpu[v] = ledger.freeCpu[i];
                maxMem[v] = ledger.freeMem[i];
                maxGpu[v] = ledger.freeGpu[i];
            } else {
                maxCpu[v] = -1;
                maxMem[v] = -1;
                maxGpu[v] = -1;
            }
        }
        for (int v = s - 1; v >= 1; v--) pull(v);
    }

    NodeLedger ledger() {
        return ledger;
    }

    /** Records {@code k} tasks of {@code shape} placed on {@code node}. */
    void take(int node, TaskShape shape, int k) {
        ledger.take(node, shape, k);
        refresh(node);
    }

    /** Records {@code k} tasks of {@code shape} gone from {@code node}. */
    void give(int node, TaskShape shape, int k) {
        ledger.give(node, shape, k);
        refresh(node);
    }

    /**
     * The first node in {@code [from, to)} whose ledger shows at least {@code shape}'s CPU, memory and GPU thousandths
     * free, or -1.
     */
    int next(int from, int to, TaskShape shape) {
        if (from >= to) return -1;
        return find(1, 0, size, from, to, shape.cpuMilli(), shape.memMiB(), shape.gpuMilliTotal());
    }

    private int find(int v, int lo, int hi, int from, int to, int cpu, long mem, long gpu) {
        if (hi <= from || lo >= to || maxCpu[v] < cpu || maxMem[v] < mem || maxGpu[v] < gpu) return -1;
        if (hi - lo == 1) return lo;
        int mid = (lo + hi) >>> 1;
        int r = find(2 * v, lo, mid, from, to, cpu, mem, gpu);
        return r >= 0 ? r : find(2 * v + 1, mid, hi, from, to, cpu, mem, gpu);
    }

    private void refresh(int node) {
        int v = size + node;
        maxCpu[v] = ledger.freeCpu[node];
        maxMem[v] = ledger.freeMem[node];
        maxGpu[v] = ledger.freeGpu[node];
        for (v >>>= 1; v >= 1; v >>>= 1) pull(v);
    }

    private void pull(int v) {
        maxCpu[v] = Math.max(maxCpu[2 * v], maxCpu[2 * v + 1]);
        maxMem[v] = Math.max(maxMem[2 * v], maxMem[2 * v + 1]);
        maxGpu[v] = Math.max(maxGpu[2 * v], maxGpu[2 * v + 1]);
    }
}

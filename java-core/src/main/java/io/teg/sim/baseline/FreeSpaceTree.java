package io.teg.sim.baseline;

import io.teg.model.TaskShape;
import io.teg.sim.ClusterView;

import java.util.function.IntPredicate;

/**
 * A segment tree over node indices holding, for every range of nodes, the largest free CPU, memory and GPU (summed
 * thousandths) that any node in it has in the {@link NodeLedger}. A walk over a range of nodes in index order (as
 * kube-scheduler's rotating filter makes) visits only nodes that might fit a task and skips whole ranges that
 * cannot, without reading them. The per-range maxima are upper bounds: a node it visits may still not fit (another
 * resource, a GPU model, fragmented GPUs), which the caller checks through {@link ClusterView}; a node that fits is
 * never skipped. A walk costs O(visited nodes * log N) at worst, more when the maxima of a range come from
 * different nodes (one has the CPU, another the memory).
 *
 * <p>Mutable, single-threaded.
 */
final class FreeSpaceTree {

    /** Ranges of at most this many nodes are scanned leaf by leaf. */
    private static final int LEAF_RUN = 16;

    private final NodeLedger ledger;
    private final boolean gpuNodesOnly;
    private final int size;
    private final int[] maxCpu;
    private final long[] maxMem;
    private final long[] maxGpu;

    /**
     * @param ledger the free amounts to index; the caller reports each change with {@link #refresh}
     * @param gpuNodesOnly index only nodes with GPUs (the others are never visited), so that the maxima of a range
     *        come from the nodes a GPU task could use
     */
    FreeSpaceTree(NodeLedger ledger, boolean gpuNodesOnly) {
        this.ledger = ledger;
        this.gpuNodesOnly = gpuNodesOnly;
        int n = ledger.nodeCount();
        int s = 1;
        while (s < n) s <<= 1;
        size = s;
        maxCpu = new int[2 * s];
        maxMem = new long[2 * s];
        maxGpu = new long[2 * s];
        for (int i = 0; i < s; i++) {
            int v = s + i;
            if (i < n && indexed(i)) {
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

    /**
     * Visits, in index order, every node in {@code [from, to)} whose ledger shows at least {@code shape}'s CPU, memory
     * and GPU thousandths free, until {@code visitor} returns false. One walk down the tree, skipping every range
     * whose maxima rule it out; the tree must not change during the walk.
     *
     * @return false when the visitor stopped the walk
     */
    boolean forEachMightFit(int from, int to, TaskShape shape, IntPredicate visitor) {
        if (from >= to) return true;
        return walk(1, 0, size, from, to, shape.cpuMilli(), shape.memMiB(), shape.gpuMilliTotal(), visitor);
    }

    private boolean walk(int v, int lo, int hi, int from, int to, int cpu, long mem, long gpu, IntPredicate visitor) {
        if (hi <= from || lo >= to || maxCpu[v] < cpu || maxMem[v] < mem || maxGpu[v] < gpu) return true;
        if (hi - lo <= LEAF_RUN) {
            // a short range: test its leaves in a row rather than recursing down to each
            for (int i = Math.max(lo, from), end = Math.min(hi, to); i < end; i++) {
                int leaf = size + i;
                if (maxCpu[leaf] >= cpu && maxMem[leaf] >= mem && maxGpu[leaf] >= gpu && !visitor.test(i)) return false;
            }
            return true;
        }
        int mid = (lo + hi) >>> 1;
        return walk(2 * v, lo, mid, from, to, cpu, mem, gpu, visitor)
                && walk(2 * v + 1, mid, hi, from, to, cpu, mem, gpu, visitor);
    }

    /**
     * Whether some indexed node might fit {@code shape} by the ledger: false means no node fits it (the largest free
     * CPU, memory or GPU thousandths of any node fall short), true only that one might.
     */
    boolean mightFitAnywhere(TaskShape shape) {
        return maxCpu[1] >= shape.cpuMilli() && maxMem[1] >= shape.memMiB() && maxGpu[1] >= shape.gpuMilliTotal();
    }

    /** Takes the node's ledger entry into the maxima after it changed. */
    void refresh(int node) {
        if (!indexed(node)) return;
        int v = size + node;
        maxCpu[v] = ledger.freeCpu[node];
        maxMem[v] = ledger.freeMem[node];
        maxGpu[v] = ledger.freeGpu[node];
        for (v >>>= 1; v >= 1; v >>>= 1) pull(v);
    }

    private boolean indexed(int node) {
        return !gpuNodesOnly || ledger.spec(node).gpus() > 0;
    }

    private void pull(int v) {
        maxCpu[v] = Math.max(maxCpu[2 * v], maxCpu[2 * v + 1]);
        maxMem[v] = Math.max(maxMem[2 * v], maxMem[2 * v + 1]);
        maxGpu[v] = Math.max(maxGpu[2 * v], maxGpu[2 * v + 1]);
    }
}

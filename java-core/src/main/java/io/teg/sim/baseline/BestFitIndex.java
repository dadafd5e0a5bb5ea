package io.teg.sim.baseline;

import io.teg.model.NodeSpec;
import io.teg.model.TaskShape;
import io.teg.sim.ClusterView;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.TreeSet;

/**
 * Nodes in best-fit order: ascending by the {@link NodeLedger}'s free CPU, then free memory, then free GPU, then
 * node index, one ordered set per GPU model (and one for nodes without GPUs), so that the tightest node that can take
 * a task is found by walking upwards from the first node with enough free CPU instead of scanning the cluster.
 *
 * <p>Costs: {@link #take} and {@link #give} O(log N); a {@link Cursor} yields each candidate in O(G + log N) for G
 * GPU models; a new cursor ends the walk of the previous one (its object is reused). Walking a tree is slow next to
 * walking an array, and a saturated backfill pass walks the same order hundreds of times between two changes, so
 * each set also keeps a sorted array copy, made once the walks since the set last changed have taken as many steps
 * as the set has nodes (so the copy at most doubles the cost of the walks that paid for it) and used until the set
 * changes again. Both give the same order. Mutable, single-threaded; the sets must not change while a cursor is in
 * use.
 */
final class BestFitIndex {

    private final NodeLedger ledger;
    private final int probe;
    private final List<TreeSet<Integer>> sets = new ArrayList<>();
    private final int[] setModel;
    private final int[] setOf;
    /** Per set: changes so far, the change count its array copy was made at (-1: none), walk steps since the last change. */
    private long[] version;
    private long[] copyVersion;
    private long[] stepsSinceChange;
    private int[][] copy;
    /** Per set: the copy without excluded nodes, the set state and exclusion key it was made for, walk steps under them. */
    private int[][] exclCopy;
    private int[] exclLength;
    private boolean[] exclCopyValid;
    private long[] exclVersion;
    private long[] exclKey;
    private long[] exclSteps;
    /** The cursor handed out last; the next call to {@code cursor} reuses it (one walk at a time). */
    private Cursor reusable;

    BestFitIndex(ClusterView view) {
        int n = view.nodeCount();
        ledger = new NodeLedger(view, 1);
        probe = n;
        Comparator<Integer> order = this::compare;
        int[] setOfModel = new int[65];
        java.util.Arrays.fill(setOfModel, -1);
        setOf = new int[n];
        List<Integer> models = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            NodeSpec s = view.spec(i);
            int model = s.gpus() > 0 ? s.gpuModelId() : -1;
            if (setOfModel[model + 1] < 0) {
                setOfModel[model + 1] = sets.size();
                sets.add(new TreeSet<>(order));
                models.add(model);
            }
            setOf[i] = setOfModel[model + 1];
            sets.get(setOf[i]).add(i);
        }
        setModel = models.stream().mapToInt(Integer::intValue).toArray();
        int k = sets.size();
        version = new long[k];
        copyVersion = new long[k];
        java.util.Arrays.fill(copyVersion, -1);
        stepsSinceChange = new long[k];
        copy = new int[k][];
        exclCopy = new int[k][];
        exclLength = new int[k];
        exclCopyValid = new boolean[k];
        exclVersion = new long[k];
        java.util.Arrays.fill(exclVersion, -1);
        exclKey = new long[k];
        exclSteps = new long[k];
    }

    NodeLedger ledger() {
        return ledger;
    }

    /** Records {@code k} tasks of {@code shape} placed on {@code node}, keeping the order. */
    void take(int node, TaskShape shape, int k) {
        TreeSet<Integer> set = changing(node);
        set.remove(node);
        ledger.take(node, shape, k);
        set.add(node);
    }

    /** Records {@code k} tasks of {@code shape} gone from {@code node}, keeping the order. */
    void give(int node, TaskShape shape, int k) {
        TreeSet<Integer> set = changing(node);
        set.remove(node);
        ledger.give(node, shape, k);
        set.add(node);
    }

    /** The set of {@code node}, whose order is about to change: its array copy is no longer valid. */
    private TreeSet<Integer> changing(int node) {
        int s = setOf[node];
        version[s]++;
        stepsSinceChange[s] = 0;
        return sets.get(s);
    }

    /** The best-fit order of two nodes by their ledger entries. */
    int compare(int a, int b) {
        int c = Integer.compare(ledger.freeCpu[a], ledger.freeCpu[b]);
        if (c != 0) return c;
        c = Long.compare(ledger.freeMem[a], ledger.freeMem[b]);
        if (c != 0) return c;
        c = Long.compare(ledger.freeGpu[a], ledger.freeGpu[b]);
        return c != 0 ? c : Integer.compare(a, b);
    }

    /**
     * Nodes a walk may leave out: the caller promises that it would pass over every node {@link #excluded} says, for
     * as long as {@link #key} is unchanged, and nodes it may no longer pass over are never added under one key.
     */
    interface Exclusion {
        /** Identifies one state of the exclusion; a different key invalidates the copies made under the last one. */
        long key();

        boolean excluded(int node);
    }

    /**
     * The nodes that could take a task of {@code shape} by GPU model and whose ledger shows at least the task's CPU
     * free, tightest first.
     */
    Cursor cursor(TaskShape shape) {
        return cursor(shape, null);
    }

    /**
     * As {@link #cursor(TaskShape)}, but it may leave out nodes {@code exclusion} excludes (it need not: the walker
     * still passes over them). Once the walks under one key and one state of a set have taken as many steps as the
     * set has nodes, they go over an array copy without the excluded nodes.
     */
    Cursor cursor(TaskShape shape, Exclusion exclusion) {
        ledger.freeCpu[probe] = shape.cpuMilli();
        ledger.freeMem[probe] = Long.MIN_VALUE;
        ledger.freeGpu[probe] = Long.MIN_VALUE;
        int g = 0;
        for (int s = 0; s < sets.size(); s++) if (compatible(setModel[s], shape)) g++;
        Cursor c = reusable != null && reusable.head.length == g ? reusable : new Cursor(g);
        reusable = c;
        c.reset();
        long key = exclusion == null ? 0 : exclusion.key();
        int i = 0;
        for (int s = 0; s < sets.size(); s++) {
            if (!compatible(setModel[s], shape)) continue;
            TreeSet<Integer> set = sets.get(s);
            if (copyVersion[s] != version[s] && stepsSinceChange[s] >= set.size()) {
                int[] a = copy[s] != null && copy[s].length == set.size() ? copy[s] : new int[set.size()];
                int j = 0;
                for (int node : set) a[j++] = node;
                copy[s] = a;
                copyVersion[s] = version[s];
            }
            c.set[i] = s;
            if (exclusion != null) {
                if (exclVersion[s] != version[s] || exclKey[s] != key) {
                    exclVersion[s] = version[s];
                    exclKey[s] = key;
                    exclSteps[s] = 0;
                    exclCopyValid[s] = false;
                }
                if (!exclCopyValid[s] && copyVersion[s] == version[s] && exclSteps[s] >= set.size()) {
                    int[] full = copy[s];
                    int[] a = exclCopy[s] != null && exclCopy[s].length >= full.length ? exclCopy[s] : new int[full.length];
                    int j = 0;
                    for (int node : full) if (!exclusion.excluded(node)) a[j++] = node;
                    exclCopy[s] = a;
                    exclLength[s] = j;
                    exclCopyValid[s] = true;
                }
                c.counting[i] = true;
            }
            if (exclusion != null && exclCopyValid[s]) {
                c.array[i] = exclCopy[s];
                c.end[i] = exclLength[s];
                c.pos[i] = firstAtLeastProbe(exclCopy[s], exclLength[s]);
                c.counting[i] = false;
            } else if (copyVersion[s] == version[s]) {
                c.array[i] = copy[s];
                c.end[i] = copy[s].length;
                c.pos[i] = firstAtLeastProbe(copy[s], copy[s].length);
            } else {
                c.its[i] = set.tailSet(probe, true).iterator();
            }
            c.advance(i);
            i++;
        }
        return c;
    }

    /** The first position in the sorted {@code a} whose node is not before the probe key. */
    private int firstAtLeastProbe(int[] a, int length) {
        int lo = 0;
        int hi = length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (compare(a[mid], probe) < 0) lo = mid + 1;
            else hi = mid;
        }
        return lo;
    }

    private static boolean compatible(int model, TaskShape shape) {
        if (shape.gpus() == 0) return true;
        if (model < 0) return false;
        return shape.gpuModelMask() == 0 || (shape.gpuModelMask() & (1L << model)) != 0;
    }

    /** A merge of the per-model orders; {@link #next} returns -1 when exhausted. */
    final class Cursor {
        private final int[] set;
        private final int[][] array;
        private final int[] pos;
        private final int[] end;
        private final boolean[] counting;
        private final Iterator<Integer>[] its;
        private final int[] head;

        @SuppressWarnings("unchecked")
        private Cursor(int sources) {
            set = new int[sources];
            array = new int[sources][];
            pos = new int[sources];
            end = new int[sources];
            counting = new boolean[sources];
            its = (Iterator<Integer>[]) new Iterator<?>[sources];
            head = new int[sources];
        }

        private void reset() {
            java.util.Arrays.fill(array, null);
            java.util.Arrays.fill(its, null);
            java.util.Arrays.fill(counting, false);
        }

        /** Moves source {@code i} to its next node (-1 when exhausted). */
        private void advance(int i) {
            if (array[i] != null) {
                head[i] = pos[i] < end[i] ? array[i][pos[i]++] : -1;
            } else if (its[i].hasNext()) {
                head[i] = its[i].next();
                stepsSinceChange[set[i]]++;
            } else {
                head[i] = -1;
            }
            if (counting[i] && head[i] >= 0) exclSteps[set[i]]++;
        }

        int next() {
            int best = -1;
            for (int i = 0; i < head.length; i++) {
                if (head[i] >= 0 && (best < 0 || compare(head[i], head[best]) < 0)) best = i;
            }
            if (best < 0) return -1;
            int node = head[best];
            advance(best);
            return node;
        }
    }
}

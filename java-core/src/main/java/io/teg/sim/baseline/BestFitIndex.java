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
 * GPU models. Mutable, single-threaded; the sets must not change while a cursor is in use.
 */
final class BestFitIndex {

    private final NodeLedger ledger;
    private final int probe;
    private final List<TreeSet<Integer>> sets = new ArrayList<>();
    private final int[] setModel;
    private final int[] setOf;

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
    }

    NodeLedger ledger() {
        return ledger;
    }

    /** Records {@code k} tasks of {@code shape} placed on {@code node}, keeping the order. */
    void take(int node, TaskShape shape, int k) {
        TreeSet<Integer> set = sets.get(setOf[node]);
        set.remove(node);
        ledger.take(node, shape, k);
        set.add(node);
    }

    /** Records {@code k} tasks of {@code shape} gone from {@code node}, keeping the order. */
    void give(int node, TaskShape shape, int k) {
        TreeSet<Integer> set = sets.get(setOf[node]);
        set.remove(node);
        ledger.give(node, shape, k);
        set.add(node);
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
     * The nodes that could take a task of {@code shape} by GPU model and whose ledger shows at least the task's CPU
     * free, tightest first.
     */
    Cursor cursor(TaskShape shape) {
        ledger.freeCpu[probe] = shape.cpuMilli();
        ledger.freeMem[probe] = Long.MIN_VALUE;
        ledger.freeGpu[probe] = Long.MIN_VALUE;
        List<Iterator<Integer>> its = new ArrayList<>(sets.size());
        for (int s = 0; s < sets.size(); s++) {
            if (!compatible(setModel[s], shape)) continue;
            its.add(sets.get(s).tailSet(probe, true).iterator());
        }
        return new Cursor(its);
    }

    private static boolean compatible(int model, TaskShape shape) {
        if (shape.gpus() == 0) return true;
        if (model < 0) return false;
        return shape.gpuModelMask() == 0 || (shape.gpuModelMask() & (1L << model)) != 0;
    }

    /** A merge of the per-model orders; {@link #next} returns -1 when exhausted. */
    final class Cursor {
        private final List<Iterator<Integer>> its;
        private final int[] head;

        private Cursor(List<Iterator<Integer>> its) {
            this.its = its;
            head = new int[its.size()];
            for (int i = 0; i < head.length; i++) head[i] = its.get(i).hasNext() ? its.get(i).next() : -1;
        }

        int next() {
            int best = -1;
            for (int i = 0; i < head.length; i++) {
                if (head[i] >= 0 && (best < 0 || compare(head[i], head[best]) < 0)) best = i;
            }
            if (best < 0) return -1;
            int node = head[best];
            head[best] = its.get(best).hasNext() ? its.get(best).next() : -1;
            return node;
        }
    }
}

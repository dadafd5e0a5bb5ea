package io.teg.sim.baseline;

import io.teg.model.NodeSpec;
import io.teg.model.TaskShape;
import io.teg.sim.ClusterView;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * The nodes of a cluster grouped by identical capacity (CPU, memory, GPU count and GPU model). Capacities are
 * static, so answering "could this ever run here" from the groups reads no node state and touches nothing; a
 * cluster built from a trace has a handful of groups, so each question costs O(groups). Immutable.
 */
final class NodeClasses {

    private record Key(int cpuMilli, long memMiB, int gpus, int gpuModelId) {
    }

    private final NodeSpec[] spec;
    private final int[][] members;

    NodeClasses(ClusterView view) {
        Map<Key, List<Integer>> groups = new LinkedHashMap<>();
        for (int i = 0; i < view.nodeCount(); i++) {
            NodeSpec s = view.spec(i);
            Key k = new Key(s.cpuMilli(), s.memMiB(), s.gpus(), s.gpus() > 0 ? s.gpuModelId() : -1);
            groups.computeIfAbsent(k, x -> new ArrayList<>()).add(i);
        }
        spec = new NodeSpec[groups.size()];
        members = new int[groups.size()][];
        int c = 0;
        for (List<Integer> nodes : groups.values()) {
            spec[c] = view.spec(nodes.getFirst());
            members[c] = nodes.stream().mapToInt(Integer::intValue).toArray();
            c++;
        }
    }

    int classCount() {
        return spec.length;
    }

    /** True when the empty cluster could hold all {@code tasks} tasks of {@code shape} at once. */
    boolean canEverHold(TaskShape shape, int tasks) {
        long total = 0;
        for (int c = 0; c < spec.length && total < tasks; c++) {
            total += (long) TaskFit.slotsWhenEmpty(spec[c], shape) * members[c].length;
        }
        return total >= tasks;
    }

    /** Number of nodes that could hold one task of {@code shape} when empty. */
    int eligibleCount(TaskShape shape) {
        int n = 0;
        for (int c = 0; c < spec.length; c++) if (TaskFit.slotsWhenEmpty(spec[c], shape) > 0) n += members[c].length;
        return n;
    }

    /**
     * {@code k} distinct nodes drawn uniformly at random, without replacement, from the nodes that could hold one task
     * of {@code shape} when empty (Floyd's algorithm: k draws from {@code random}, however many nodes there are),
     * sorted by node index. Fewer than {@code k} when fewer nodes are eligible: then all of them.
     */
    int[] sampleEligible(TaskShape shape, int k, RandomGenerator random) {
        int[] eligibleClasses = new int[spec.length];
        int[] prefix = new int[spec.length + 1];
        int count = 0;
        for (int c = 0; c < spec.length; c++) {
            if (TaskFit.slotsWhenEmpty(spec[c], shape) > 0) {
                eligibleClasses[count] = c;
                prefix[count + 1] = prefix[count] + members[c].length;
                count++;
            }
        }
        int m = prefix[count];
        int take = Math.min(k, m);
        int[] picked = new int[take];
        if (take == m) {
            for (int i = 0; i < m; i++) picked[i] = i;
        } else {
            // Floyd: for j = m - take .. m - 1, draw t in [0, j]; take t unless already taken, else take j.
            java.util.HashSet<Integer> seen = new java.util.HashSet<>(take * 2);
            int n = 0;
            for (int j = m - take; j < m; j++) {
                int t = random.nextInt(j + 1);
                int chosen = seen.add(t) ? t : j;
                if (chosen == j) seen.add(j);
                picked[n++] = chosen;
            }
        }
        int[] nodes = new int[take];
        for (int i = 0; i < take; i++) {
            int off = picked[i];
            int slot = Arrays.binarySearch(prefix, 0, count + 1, off);
            int idx = slot >= 0 ? slot : -slot - 2;
            while (idx + 1 <= count && prefix[idx + 1] <= off) idx++;
            nodes[i] = members[eligibleClasses[idx]][off - prefix[idx]];
        }
        Arrays.sort(nodes);
        return nodes;
    }
}

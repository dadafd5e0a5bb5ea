package io.teg.agent;

import io.teg.model.JobRequest;
import io.teg.model.NodeSpec;
import io.teg.model.TaskShape;
import io.teg.model.Topology;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The distinct node capacities of a topology (its node types), each with its members, built once per topology in
 * O(N). Answers "could these nodes ever hold this job, even empty?" in O(T) for T types over the whole topology,
 * and in O(T·N/64) word operations over a candidate subset (used only when a decision has already failed).
 * Immutable.
 */
final class CapacityCatalog {

    /** One node type: a capacity shared by {@code count} nodes. */
    record NodeType(NodeSpec spec, int count, BitSet members) {
    }

    private final List<NodeType> types;
    private final int nodeCount;

    private CapacityCatalog(List<NodeType> types, int nodeCount) {
        this.types = List.copyOf(types);
        this.nodeCount = nodeCount;
    }

    static CapacityCatalog of(Topology topology) {
        record Key(int cpu, long mem, int gpus, int model) {
        }
        Map<Key, Integer> index = new LinkedHashMap<>();
        List<NodeSpec> specs = new ArrayList<>();
        List<BitSet> members = new ArrayList<>();
        int n = topology.nodeCount();
        for (int i = 0; i < n; i++) {
            NodeSpec s = topology.node(i);
            Key key = new Key(s.cpuMilli(), s.memMiB(), s.gpus(), s.gpus() > 0 ? s.gpuModelId() : -1);
            Integer t = index.get(key);
            if (t == null) {
                t = specs.size();
                index.put(key, t);
                specs.add(s);
                members.add(new BitSet(n));
            }
            members.get(t).set(i);
        }
        List<NodeType> types = new ArrayList<>(specs.size());
        for (int t = 0; t < specs.size(); t++)
            types.add(new NodeType(specs.get(t), members.get(t).cardinality(), members.get(t)));
        return new CapacityCatalog(types, n);
    }

    List<NodeType> types() {
        return types;
    }

    /** Why no node of the topology could ever hold the job; empty when some could. O(T). */
    List<Reason> neverFits(JobRequest job) {
        long[] counts = new long[types.size()];
        for (int t = 0; t < counts.length; t++) counts[t] = types.get(t).count();
        return neverFits(job, counts, "node");
    }

    /** Why no candidate could ever hold the job; empty when some could. O(T·N/64). */
    List<Reason> neverFits(JobRequest job, BitSet candidates) {
        long[] counts = new long[types.size()];
        for (int t = 0; t < counts.length; t++) {
            BitSet both = (BitSet) types.get(t).members().clone();
            both.and(candidates);
            counts[t] = both.cardinality();
        }
        return neverFits(job, counts, "candidate node");
    }

    /** How many tasks of {@code s} an empty node of capacity {@code spec} holds, at most {@code cap}. */
    static long tasksPerNode(NodeSpec spec, TaskShape s, long cap) {
        if (!spec.canEverHold(s)) return 0;
        long k = cap;
        if (s.cpuMilli() > 0) k = Math.min(k, spec.cpuMilli() / s.cpuMilli());
        if (s.memMiB() > 0) k = Math.min(k, spec.memMiB() / s.memMiB());
        if (s.gpus() > 0) {
            long g = s.sharesGpu() ? (long) spec.gpus() * (1000 / s.gpuMilli()) : spec.gpus() / s.gpus();
            k = Math.min(k, g);
        }
        return k;
    }

    private List<Reason> neverFits(JobRequest job, long[] counts, String noun) {
        TaskShape s = job.task();
        List<Reason> reasons = new ArrayList<>();
        long slots = 0;
        boolean any = false;
        long present = 0;
        for (int t = 0; t < counts.length; t++) {
            if (counts[t] == 0) continue;
            present += counts[t];
            NodeSpec spec = types.get(t).spec();
            if (spec.canEverHold(s)) {
                any = true;
                long per = tasksPerNode(spec, s, job.tasks());
                slots = Math.min(job.tasks(), slots + Math.min(job.tasks(), per * counts[t]));
            }
        }
        if (present == 0) {
            reasons.add(new Reason(Resource.NODES, 1, 0, "nodes: no " + noun + " to choose from (0 of " + nodeCount
                    + " nodes are candidates)"));
            return reasons;
        }
        if (any) {
            if (slots < job.tasks())
                reasons.add(new Reason(Resource.TASK_SLOTS, job.tasks(), slots, "task slots: needs " + job.tasks()
                        + " tasks at once, every " + noun + " together holds at most " + slots + " even when empty (short by "
                        + (job.tasks() - slots) + " tasks)"));
            return reasons;
        }
        long maxCpu = 0, maxMem = 0, maxGpus = 0;
        for (int t = 0; t < counts.length; t++) {
            if (counts[t] == 0) continue;
            NodeSpec spec = types.get(t).spec();
            maxCpu = Math.max(maxCpu, spec.cpuMilli());
            maxMem = Math.max(maxMem, spec.memMiB());
            if (modelAllowed(spec, s)) maxGpus = Math.max(maxGpus, spec.gpus());
        }
        if (s.cpuMilli() > maxCpu)
            reasons.add(new Reason(Resource.CPU, s.cpuMilli(), maxCpu, "cpu: needs " + s.cpuMilli()
                    + " milli-cores per task, largest " + noun + " has " + maxCpu + " milli-cores (short by "
                    + (s.cpuMilli() - maxCpu) + " milli-cores)"));
        if (s.memMiB() > maxMem)
            reasons.add(new Reason(Resource.MEMORY, s.memMiB(), maxMem, "memory: needs " + s.memMiB()
                    + " MiB per task, largest " + noun + " has " + maxMem + " MiB (short by " + (s.memMiB() - maxMem) + " MiB)"));
        if (s.gpus() > maxGpus) {
            String which = s.gpuModelMask() == 0 ? " per task, largest " + noun + " has "
                    : " per task of an allowed model (mask 0x" + Long.toHexString(s.gpuModelMask()) + "), largest such "
                    + noun + " has ";
            reasons.add(new Reason(Resource.GPUS, s.gpus(), maxGpus, "gpus: needs " + s.gpus() + which + maxGpus
                    + " (short by " + (s.gpus() - maxGpus) + ")"));
        }
        if (reasons.isEmpty()) reasons.add(closest(s, counts, noun));
        return reasons;
    }

    private static boolean modelAllowed(NodeSpec spec, TaskShape s) {
        return spec.gpus() > 0 && (s.gpuModelMask() == 0 || (s.gpuModelMask() & (1L << spec.gpuModelId())) != 0);
    }

    /** Every resource suffices on some node, but none has them all: describe the nearest miss. */
    private Reason closest(TaskShape s, long[] counts, String noun) {
        NodeSpec best = null;
        int bestMisses = Integer.MAX_VALUE;
        double bestGap = Double.POSITIVE_INFINITY;
        for (int t = 0; t < counts.length; t++) {
            if (counts[t] == 0) continue;
            NodeSpec spec = types.get(t).spec();
            int misses = 0;
            double gap = 0;
            if (s.cpuMilli() > spec.cpuMilli()) { misses++; gap += (double) (s.cpuMilli() - spec.cpuMilli()) / s.cpuMilli(); }
            if (s.memMiB() > spec.memMiB()) { misses++; gap += (double) (s.memMiB() - spec.memMiB()) / s.memMiB(); }
            long g = modelAllowed(spec, s) ? spec.gpus() : 0;
            if (s.gpus() > g) { misses++; gap += (double) (s.gpus() - g) / s.gpus(); }
            if (misses < bestMisses || (misses == bestMisses && gap < bestGap)) {
                best = spec;
                bestMisses = misses;
                bestGap = gap;
            }
        }
        StringBuilder m = new StringBuilder("nodes: no " + noun + " has everything a task needs at once; the closest ("
                + best.cpuMilli() + " milli-cores, " + best.memMiB() + " MiB, " + best.gpus() + " GPUs"
                + (best.gpus() > 0 ? " " + best.gpuModel() : "") + ") is short of");
        String sep = " ";
        if (s.cpuMilli() > best.cpuMilli()) {
            m.append(sep).append("cpu by ").append(s.cpuMilli() - best.cpuMilli()).append(" milli-cores");
            sep = ", ";
        }
        if (s.memMiB() > best.memMiB()) {
            m.append(sep).append("memory by ").append(s.memMiB() - best.memMiB()).append(" MiB");
            sep = ", ";
        }
        long g = modelAllowed(best, s) ? best.gpus() : 0;
        if (s.gpus() > g) m.append(sep).append("gpus by ").append(s.gpus() - g).append(modelAllowed(best, s) || s.gpuModelMask() == 0 ? "" : " of an allowed model");
        return new Reason(Resource.NODES, 1, 0, m.toString());
    }
}

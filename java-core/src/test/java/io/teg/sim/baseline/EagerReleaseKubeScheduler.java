package io.teg.sim.baseline;

import io.teg.model.TaskShape;
import io.teg.sim.ClusterView;
import io.teg.sim.MemoryLimitPolicy;
import io.teg.sim.Scheduler;
import io.teg.sim.SchedulerContext;
import io.teg.sim.SimJob;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;

/**
 * The reference for {@link KubeScheduler}'s queueing: the same scheduler with the eager release it had before the
 * release became lazy. Every release moves the released pods out of their shape group into the active (or backoff)
 * queue at once, and a released pod the freed nodes can no longer serve is moved back when its turn comes.
 * {@code KubeSchedulerLazyReleaseTest} checks that the two make every decision alike.
 */
final class EagerReleaseKubeScheduler implements Scheduler {

    /** kube-scheduler's {@code minFeasibleNodesToFind}. */
    public static final int MIN_FEASIBLE_NODES_TO_FIND = 100;
    /** kube-scheduler's {@code minFeasibleNodesPercentageToFind}. */
    public static final int MIN_FEASIBLE_NODES_PERCENTAGE_TO_FIND = 5;
    /** {@code podInitialBackoffSeconds}. */
    public static final long POD_INITIAL_BACKOFF_S = 1;
    /** {@code podMaxBackoffSeconds}. */
    public static final long POD_MAX_BACKOFF_S = 10;
    /** The Job controller's {@code DefaultJobPodFailureBackOff}: the first delay before an evicted job's pods are re-created. */
    public static final long JOB_INITIAL_BACKOFF_S = 10;
    /** The Job controller's {@code MaxJobPodFailureBackOff}. */
    public static final long JOB_MAX_BACKOFF_S = 360;
    /** Spread of a restart delay: the delay d becomes d + floor(u * d * JOB_RESTART_JITTER), u uniform in [0, 1). */
    public static final double JOB_RESTART_JITTER = 0.5;

    private static final class JobPods {
        final SimJob job;
        final int[] node;
        int generation;
        boolean ended;
        boolean awaitingPods;
        int evictions;
        /** This job's group in {@code unschedulable} while that group is registered there (a cached lookup). */
        ShapeGroup group;
        long restartAtS;

        JobPods(SimJob job) {
            this.job = job;
            node = new int[job.tasks()];
            java.util.Arrays.fill(node, -1);
        }
    }

    private static final class Pod {
        final JobPods owner;
        final int task;
        final int generation;
        /** The job's priority, kept here so that queue comparisons read one object. */
        final int priority;
        long timestampS;
        long seq;
        int attempts;
        long backoffUntilS;
        boolean released;

        Pod(JobPods owner, int task) {
            this.owner = owner;
            this.task = task;
            this.generation = owner.generation;
            this.priority = owner.job.request().priority();
        }

        boolean stale() {
            return owner.ended || generation != owner.generation || owner.node[task] >= 0;
        }
    }

    private static final Comparator<Pod> ACTIVE_ORDER = (a, b) -> {
        int c = Integer.compare(b.priority, a.priority);
        if (c != 0) return c;
        c = Long.compare(a.timestampS, b.timestampS);
        return c != 0 ? c : Long.compare(a.seq, b.seq);
    };

    private static final Comparator<Pod> BACKOFF_ORDER = Comparator.<Pod>comparingLong(p -> p.backoffUntilS)
            .thenComparing(ACTIVE_ORDER);

    /** Unschedulable pods of one shape, in queue order. */
    private static final class ShapeGroup {
        final TaskShape shape;
        final PodHeap<Pod> waiting = new PodHeap<>();
        /** False once removed from {@code unschedulable}; cached references then look the shape up again. */
        boolean live = true;

        ShapeGroup(TaskShape shape) {
            this.shape = shape;
        }
    }

    private final int percentageOfNodesToScore;
    private final PodHeap<Pod> active = new PodHeap<>();
    private final PriorityQueue<Pod> backoff = new PriorityQueue<>(BACKOFF_ORDER);
    private final Map<TaskShape, ShapeGroup> unschedulable = new LinkedHashMap<>();
    private final Map<Integer, JobPods> jobs = new HashMap<>();
    private final Set<TaskShape> infeasibleThisPass = new HashSet<>();
    private final List<JobPods> created = new ArrayList<>();
    private final PriorityQueue<JobPods> restarting = new PriorityQueue<>(
            Comparator.<JobPods>comparingLong(jp -> jp.restartAtS).thenComparingInt(jp -> jp.job.index()));
    private long seq;

    private NodeLedger ledger;
    private FreeSpaceTree tree;
    private FreeSpaceTree gpuTree;
    private NodeClasses classes;
    private int nextStartNodeIndex;
    private long wakeRequestedS = -1;
    private long unplaceable;
    private long podsBound;
    private long nodesEvaluated;

    // state of the filter pass in progress (see findNode)
    private final java.util.function.IntPredicate visitor = this::visit;
    private ClusterView scanView;
    private TaskShape scanShape;
    private int scanToFind;
    private int scanFound;
    private int scanBest;
    private long scanBestScore;
    private int scanLast;

    /** Adaptive percentageOfNodesToScore (the default: unset, 0). */
    EagerReleaseKubeScheduler() {
        this(0);
    }

    /**
     * @param percentageOfNodesToScore 1..100 to score that share of the nodes, 0 for kube-scheduler's adaptive default
     */
    EagerReleaseKubeScheduler(int percentageOfNodesToScore) {
        if (percentageOfNodesToScore < 0 || percentageOfNodesToScore > 100)
            throw new IllegalArgumentException("percentageOfNodesToScore must be in 0..100, got " + percentageOfNodesToScore);
        this.percentageOfNodesToScore = percentageOfNodesToScore;
    }

    /**
     * How many feasible nodes the filter looks for among {@code numAllNodes}, as kube-scheduler's
     * {@code numFeasibleNodesToFind} computes it.
     *
     * @param percentageOfNodesToScore 0 for the adaptive default, else 1..100
     */
    public static int numFeasibleNodesToFind(int numAllNodes, int percentageOfNodesToScore) {
        if (numAllNodes < MIN_FEASIBLE_NODES_TO_FIND) return numAllNodes;
        int percentage = percentageOfNodesToScore;
        if (percentage == 0) {
            percentage = 50 - numAllNodes / 125;
            if (percentage < MIN_FEASIBLE_NODES_PERCENTAGE_TO_FIND) percentage = MIN_FEASIBLE_NODES_PERCENTAGE_TO_FIND;
        }
        int numNodes = (int) ((long) numAllNodes * percentage / 100);
        return Math.max(numNodes, MIN_FEASIBLE_NODES_TO_FIND);
    }

    /**
     * The backoff after {@code attempts} failed scheduling attempts, seconds: {@code min(1 * 2^(attempts-1), 10)}.
     */
    public static long backoffS(int attempts) {
        long d = POD_INITIAL_BACKOFF_S;
        for (int i = 1; i < attempts; i++) {
            if (d > POD_MAX_BACKOFF_S - d) return POD_MAX_BACKOFF_S;
            d += d;
        }
        return Math.min(d, POD_MAX_BACKOFF_S);
    }

    @Override
    public String name() {
        return "k8s";
    }

    @Override
    public MemoryLimitPolicy memoryLimits() {
        return MemoryLimitPolicy.BY_QOS;
    }

    @Override
    public void onSubmit(SimJob job, SchedulerContext ctx) {
        init(ctx);
        if (classes.eligibleCount(job.task()) == 0) {
            unplaceable += job.tasks();
            return;
        }
        JobPods jp = new JobPods(job);
        jobs.put(job.index(), jp);
        jp.awaitingPods = true;
        created.add(jp);
    }

    @Override
    public void onJobEnd(SimJob job, int[] taskNodes, SchedulerContext ctx) {
        JobPods jp = jobs.remove(job.index());
        if (jp == null) return;
        jp.ended = true;
        for (int node : taskNodes) give(node, job.task());
        nodesFreed(taskNodes, ctx.nowS());
    }

    @Override
    public void onEvicted(SimJob job, SchedulerContext ctx) {
        JobPods jp = jobs.get(job.index());
        if (jp == null) return;
        int[] freed = new int[jp.node.length];
        int n = 0;
        for (int t = 0; t < jp.node.length; t++) {
            if (jp.node[t] >= 0) {
                give(jp.node[t], job.task());
                freed[n++] = jp.node[t];
                jp.node[t] = -1;
            }
        }
        jp.generation++;
        nodesFreed(java.util.Arrays.copyOf(freed, n), ctx.nowS());
        if (!jp.awaitingPods) {
            jp.awaitingPods = true;
            jp.evictions++;
            long d = jobBackoffS(jp.evictions);
            jp.restartAtS = ctx.nowS() + d + (long) (ctx.random().nextDouble() * d * JOB_RESTART_JITTER);
            restarting.add(jp);
            ctx.wakeAt(jp.restartAtS);
        }
    }

    /**
     * The Job controller's delay before re-creating the pods of a job whose pods failed {@code failures} times:
     * {@code min(10 * 2^(failures-1), 360)} s.
     */
    public static long jobBackoffS(int failures) {
        long d = JOB_INITIAL_BACKOFF_S;
        for (int i = 1; i < failures && d < JOB_MAX_BACKOFF_S; i++) d += d;
        return Math.min(d, JOB_MAX_BACKOFF_S);
    }

    /** Evicted jobs waiting for their controller to re-create their pods. */
    public int restartingJobs() {
        return restarting.size();
    }

    @Override
    public void schedule(SchedulerContext ctx) {
        init(ctx);
        long now = ctx.nowS();
        while (!restarting.isEmpty() && restarting.peek().restartAtS <= now) created.add(restarting.poll());
        createPods(now);
        while (!backoff.isEmpty() && backoff.peek().backoffUntilS <= now) enqueue(active, backoff.poll());
        infeasibleThisPass.clear();
        while (!active.isEmpty()) {
            Pod pod = active.poll();
            if (pod.stale()) {
                if (pod.released) release(registeredGroup(pod.owner), 1, now); // hand its turn on
                continue;
            }
            if (pod.released && !(pod.owner.job.task().gpus() > 0 ? gpuTree : tree).mightFitAnywhere(pod.owner.job.task())) {
                // a retry the freed nodes can no longer serve (earlier pods took them): it would bind nothing and
                // leave nextStartNodeIndex as it is, so the pod waits again as it was, without an attempt
                pod.released = false;
                enqueue(groupOf(pod.owner).waiting, pod);
                continue;
            }
            schedulePod(ctx, pod);
        }
        if (!backoff.isEmpty() && backoff.peek().backoffUntilS != wakeRequestedS) {
            wakeRequestedS = backoff.peek().backoffUntilS;
            ctx.wakeAt(wakeRequestedS);
        }
    }

    /** The index the next filter scan starts at. */
    public int nextStartNodeIndex() {
        return nextStartNodeIndex;
    }

    /** Pods no node of the cluster could ever hold, kept out of the queue. */
    public long unplaceablePods() {
        return unplaceable;
    }

    /** Pods bound so far. */
    public long podsBound() {
        return podsBound;
    }

    /** Pods waiting: active, backing off or unschedulable (stale entries of evicted or ended jobs excluded). */
    public int pendingPods() {
        int n = 0;
        int[] live = {0};
        active.forEach(p -> live[0] += p.stale() ? 0 : 1);
        n += live[0];
        for (Pod p : backoff) if (!p.stale()) n++;
        for (ShapeGroup g : unschedulable.values()) {
            live[0] = 0;
            g.waiting.forEach(p -> live[0] += p.stale() ? 0 : 1);
            n += live[0];
        }
        return n;
    }

    /**
     * Nodes kube-scheduler's filter would have evaluated so far: for each scheduling attempt the nodes from the start
     * index to the last one examined, feasible or not (all N when the pod fits nowhere), however many of them this
     * implementation had to read.
     */
    public long nodesEvaluated() {
        return nodesEvaluated;
    }

    // ---- one pod ----

    private void schedulePod(SchedulerContext ctx, Pod pod) {
        SimJob job = pod.owner.job;
        TaskShape shape = job.task();
        int node = ctx.decide(job, () -> {
            if (infeasibleThisPass.contains(shape)) {
                nodesEvaluated += ctx.cluster().nodeCount();
                return -1;
            }
            int n = findNode(ctx.cluster(), shape);
            if (n < 0) {
                infeasibleThisPass.add(shape);
                return -1;
            }
            if (!ctx.bind(job, pod.task, n))
                throw new IllegalStateException("pod " + job.index() + "/" + pod.task + " was refused on node " + n
                        + " after passing the filter");
            take(n, shape);
            pod.owner.node[pod.task] = n;
            return n;
        });
        if (node >= 0) {
            podsBound++;
            return;
        }
        long now = ctx.nowS();
        pod.attempts++;
        pod.backoffUntilS = now + backoffS(pod.attempts);
        pod.timestampS = now;
        pod.seq = seq++;
        pod.released = false;
        enqueue(groupOf(pod.owner).waiting, pod);
    }

    /** The registered group of {@code jp}'s shape, created when there is none. */
    private ShapeGroup groupOf(JobPods jp) {
        ShapeGroup g = jp.group;
        if (g == null || !g.live) {
            g = unschedulable.computeIfAbsent(jp.job.task(), ShapeGroup::new);
            jp.group = g;
        }
        return g;
    }

    /** The registered group of {@code jp}'s shape, or null when there is none. */
    private ShapeGroup registeredGroup(JobPods jp) {
        ShapeGroup g = jp.group;
        if (g != null && g.live) return g;
        return unschedulable.get(jp.job.task());
    }

    /** Filter from {@code nextStartNodeIndex} until enough feasible nodes are found, score them, return the best. */
    private int findNode(ClusterView view, TaskShape shape) {
        int n = view.nodeCount();
        int start = nextStartNodeIndex;
        scanView = view;
        scanShape = shape;
        scanToFind = numFeasibleNodesToFind(n, percentageOfNodesToScore);
        scanFound = 0;
        scanBest = -1;
        scanBestScore = Long.MIN_VALUE;
        scanLast = -1;
        FreeSpaceTree index = shape.gpus() > 0 ? gpuTree : tree;
        boolean complete = index.forEachMightFit(start, n, shape, visitor)
                && index.forEachMightFit(0, start, shape, visitor);
        int processed = complete ? n : (scanLast - start + n) % n + 1;
        nextStartNodeIndex = (start + processed) % n;
        nodesEvaluated += processed;
        scanView = null;
        return scanBest;
    }

    /** One node of the filter pass: false once enough feasible nodes are found. */
    private boolean visit(int node) {
        if (!scanView.fits(node, scanShape)) return true;
        scanFound++;
        long score = score(scanView, node, scanShape);
        if (score > scanBestScore || (score == scanBestScore && node < scanBest)) {
            scanBestScore = score;
            scanBest = node;
        }
        if (scanFound == scanToFind) {
            scanLast = node;
            return false;
        }
        return true;
    }

    /**
     * NodeResourcesFit LeastAllocated plus NodeResourcesBalancedAllocation for the pod on {@code node}: free CPU and
     * memory read through the view; the GPU thousandths in use from the ledger (the view has no per-node total).
     */
    private long score(ClusterView view, int node, TaskShape shape) {
        long capCpu = ledger.capCpu[node];
        long capMem = ledger.capMem[node];
        long reqCpu = capCpu - view.freeCpuMilli(node) + shape.cpuMilli();
        long reqMem = capMem - view.freeMemMiB(node) + shape.memMiB();
        if (shape.gpus() == 0) return cpuMemScore(capCpu, reqCpu, capMem, reqMem);
        long capGpu = 1000L * ledger.capGpus[node];
        long reqGpu = capGpu - ledger.freeGpu[node] + shape.gpuMilliTotal();
        return nodeScore(new long[] {capCpu, capMem, capGpu}, new long[] {reqCpu, reqMem, reqGpu});
    }

    /** {@link #nodeScore} for CPU and memory only (capacities &gt; 0), without allocating. */
    static long cpuMemScore(long capCpu, long reqCpu, long capMem, long reqMem) {
        long la = (leastRequested(capCpu, reqCpu) + leastRequested(capMem, reqMem)) / 2;
        double std = Math.abs((fraction(capCpu, reqCpu) - fraction(capMem, reqMem)) / 2);
        return la + (long) ((1 - std) * 100);
    }

    private static long leastRequested(long cap, long req) {
        return cap == 0 || req > cap ? 0 : (cap - req) * 100 / cap;
    }

    private static double fraction(long cap, long req) {
        return Math.min(1.0, (double) req / cap);
    }

    /**
     * LeastAllocated + BalancedAllocation over resources with capacities {@code cap} and requested amounts after
     * adding the pod {@code req} (same units per resource); see the class comment for the formulas.
     */
    static long nodeScore(long[] cap, long[] req) {
        return leastAllocated(cap, req) + balancedAllocation(cap, req);
    }

    /** {@code sum_i floor((c_i - r_i) * 100 / c_i) / |i|}, 0 for a resource requested beyond its capacity. */
    static long leastAllocated(long[] cap, long[] req) {
        long sum = 0;
        int weights = 0;
        for (int i = 0; i < cap.length; i++) {
            if (cap[i] == 0) continue;
            sum += req[i] > cap[i] ? 0 : (cap[i] - req[i]) * 100 / cap[i];
            weights++;
        }
        return weights == 0 ? 0 : sum / weights;
    }

    /** {@code floor((1 - stddev(min(r_i / c_i, 1))) * 100)} with the population standard deviation. */
    static long balancedAllocation(long[] cap, long[] req) {
        double[] f = new double[cap.length];
        int k = 0;
        double total = 0;
        for (int i = 0; i < cap.length; i++) {
            if (cap[i] == 0) continue;
            f[k] = Math.min(1.0, (double) req[i] / cap[i]);
            total += f[k++];
        }
        double std = 0;
        if (k == 2) {
            std = Math.abs((f[0] - f[1]) / 2);
        } else if (k > 2) {
            double mean = total / k;
            double sum = 0;
            for (int i = 0; i < k; i++) sum += (f[i] - mean) * (f[i] - mean);
            std = Math.sqrt(sum / k);
        }
        return (long) ((1 - std) * 100);
    }

    // ---- queue moves ----

    /**
     * Nodes were freed: each group of unschedulable pods releases, in queue order, as many pods as the freed nodes
     * could now hold by the ledger (an upper bound: GPUs as summed thousandths).
     */
    private void nodesFreed(int[] nodes, long now) {
        if (unschedulable.isEmpty() || nodes.length == 0) return;
        int[] distinct = nodes.clone();
        java.util.Arrays.sort(distinct);
        var it = unschedulable.values().iterator();
        while (it.hasNext()) {
            ShapeGroup g = it.next();
            long room = 0;
            for (int i = 0; i < distinct.length && room < g.waiting.size(); i++) {
                if (i > 0 && distinct[i] == distinct[i - 1]) continue;
                int node = distinct[i];
                long gpu = ledger.freeGpu[node];
                room += TaskFit.slots(ledger.spec(node), g.shape, ledger.freeCpu[node], ledger.freeMem[node],
                        (int) Math.min(Integer.MAX_VALUE, gpu / 1000), (int) Math.min(1000, gpu));
            }
            release(g, room, now);
            if (g.waiting.isEmpty()) {
                g.live = false;
                it.remove();
            }
        }
    }

    /** Moves up to {@code count} live pods of {@code g}, first in queue order, to the active or backoff queue. */
    private void release(ShapeGroup g, long count, long now) {
        if (g == null) return;
        while (count > 0 && !g.waiting.isEmpty()) {
            Pod p = g.waiting.poll();
            if (p.stale()) continue;
            p.released = true;
            if (p.backoffUntilS > now) backoff.add(p);
            else enqueue(active, p);
            count--;
        }
    }

    /** The pods of the jobs submitted (or evicted) since the last pass, created round-robin by task rank. */
    private void createPods(long now) {
        if (created.isEmpty()) return;
        int maxTasks = 0;
        for (JobPods jp : created) maxTasks = Math.max(maxTasks, jp.job.tasks());
        for (int rank = 0; rank < maxTasks; rank++) {
            for (JobPods jp : created) {
                if (rank >= jp.job.tasks() || jp.ended) continue;
                Pod p = new Pod(jp, rank);
                p.timestampS = now;
                p.seq = seq++;
                enqueue(active, p);
            }
        }
        for (JobPods jp : created) jp.awaitingPods = false;
        created.clear();
    }

    /** Adds {@code p} to a queue in PrioritySort order, keyed by its fields as they are now. */
    private static void enqueue(PodHeap<Pod> queue, Pod p) {
        queue.add(p, p.priority, p.timestampS, p.seq);
    }

    private void take(int node, TaskShape shape) {
        ledger.take(node, shape, 1);
        tree.refresh(node);
        gpuTree.refresh(node);
    }

    private void give(int node, TaskShape shape) {
        ledger.give(node, shape, 1);
        tree.refresh(node);
        gpuTree.refresh(node);
    }

    private void init(SchedulerContext ctx) {
        if (tree != null) return;
        ledger = new NodeLedger(ctx.cluster());
        tree = new FreeSpaceTree(ledger, false);
        gpuTree = new FreeSpaceTree(ledger, true);
        classes = new NodeClasses(ctx.cluster());
    }
}

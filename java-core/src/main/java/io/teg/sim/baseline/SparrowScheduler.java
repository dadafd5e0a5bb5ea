package io.teg.sim.baseline;

import io.teg.model.TaskShape;
import io.teg.sim.ClusterView;
import io.teg.sim.MemoryLimitPolicy;
import io.teg.sim.Scheduler;
import io.teg.sim.SchedulerContext;
import io.teg.sim.SimJob;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Sparrow: decentralised scheduling by batch sampling with late binding.
 *
 * <h2>Batch sampling</h2>
 * For a job of m tasks the scheduler sends {@code min(d * m, N_c)} probes, d = 2, to distinct nodes drawn uniformly
 * at random ({@link SchedulerContext#random()}) among the {@code N_c} nodes that could hold one of its tasks when
 * empty (Sparrow's per-job constraints: probes go only to workers that satisfy them). Each probe places a reservation
 * at the tail of that node's FIFO queue. Should fewer nodes be eligible than the job has tasks, each of them gets
 * several reservations so that there are m in all. {@link #probes()} counts reservations placed.
 *
 * <h2>Late binding</h2>
 * A node serves its queue from the head: when it has free resources for the task at the head (checked on
 * {@link #schedule} for the nodes that received reservations or had resources freed since the last call), it asks
 * the job for a task. If the job still has a task not launched, that task is bound there
 * ({@link SchedulerContext#bind}); otherwise the reservation is cancelled ({@link #reservationsCancelled()}) and the
 * node moves on to the next one. A head that does not fit blocks its queue (FIFO, as Sparrow's node monitor runs
 * reservations in order). So when all m tasks of a job launch, {@code probes - m} of its reservations end cancelled.
 *
 * <h2>Gangs</h2>
 * Sparrow has no gang semantics: tasks launch independently as reservations reach the heads of their queues, so a
 * gang's launched tasks hold their resources while they wait for their siblings. When the simulator evicts such a
 * gang ({@link #onEvicted}), the job is probed again from scratch; its old reservations are cancelled when they reach
 * the head of their queues.
 *
 * <h2>Decisions and counting</h2>
 * Each probe batch is one decision (it reads no node state: a probe is a message, counted by {@link #probes()}). Each
 * launch is one decision, together with the cancellations the node went through just before it; a node whose head
 * does not fit makes a decision that launches nothing. Every reservation looked at costs one read of its node
 * through {@link ClusterView#fits}.
 *
 * <p>Source: K. Ousterhout, P. Wendell, M. Zaharia, I. Stoica, "Sparrow: Distributed, Low Latency Scheduling",
 * SOSP 2013 (section 3: batch sampling, late binding, placement constraints; d = 2).
 *
 * <p>Not thread-safe; one instance serves one simulation.
 */
public final class SparrowScheduler implements Scheduler {

    /** Probes per task, d, the paper's choice. */
    public static final int DEFAULT_PROBE_RATIO = 2;

    private static final class JobState {
        final SimJob job;
        int generation;
        int launched;
        final int[] taskNode;
        boolean ended;

        JobState(SimJob job) {
            this.job = job;
            taskNode = new int[job.tasks()];
            Arrays.fill(taskNode, -1);
        }
    }

    private record Reservation(JobState job, int generation) {
        boolean live() {
            return !job.ended && generation == job.generation && job.launched < job.job.tasks();
        }
    }

    private final int probeRatio;
    private final Map<Integer, JobState> jobs = new HashMap<>();
    private final ArrayDeque<JobState> toProbe = new ArrayDeque<>();
    private NodeClasses classes;
    private ArrayDeque<Reservation>[] queues;
    private boolean[] dirty;
    private int[] dirtyList;
    private int dirtyCount;
    private long probes;
    private long cancelled;
    private long launched;
    private long unplaceable;

    /** d = 2 probes per task. */
    public SparrowScheduler() {
        this(DEFAULT_PROBE_RATIO);
    }

    /** @param probeRatio probes per task, d (&ge; 1) */
    public SparrowScheduler(int probeRatio) {
        if (probeRatio < 1) throw new IllegalArgumentException("probeRatio must be >= 1, got " + probeRatio);
        this.probeRatio = probeRatio;
    }

    @Override
    public String name() {
        return "sparrow";
    }

    @Override
    public MemoryLimitPolicy memoryLimits() {
        return MemoryLimitPolicy.LIMIT_EQUALS_REQUEST;
    }

    @Override
    public void onSubmit(SimJob job, SchedulerContext ctx) {
        init(ctx);
        if (classes.eligibleCount(job.task()) == 0) {
            unplaceable++;
            return;
        }
        JobState js = new JobState(job);
        jobs.put(job.index(), js);
        toProbe.add(js);
    }

    @Override
    public void onJobEnd(SimJob job, int[] taskNodes, SchedulerContext ctx) {
        JobState js = jobs.remove(job.index());
        if (js != null) js.ended = true;
        for (int node : taskNodes) markDirty(node);
    }

    @Override
    public void onEvicted(SimJob job, SchedulerContext ctx) {
        JobState js = jobs.get(job.index());
        if (js == null) return;
        for (int t = 0; t < js.taskNode.length; t++) {
            if (js.taskNode[t] >= 0) markDirty(js.taskNode[t]);
            js.taskNode[t] = -1;
        }
        js.generation++;
        js.launched = 0;
        toProbe.add(js);
    }

    @Override
    public void schedule(SchedulerContext ctx) {
        init(ctx);
        while (!toProbe.isEmpty()) {
            JobState js = toProbe.poll();
            if (js.ended) continue;
            ctx.decide(js.job, () -> probe(ctx, js));
        }
        for (int i = 0; i < dirtyCount; i++) {
            int node = dirtyList[i];
            dirty[node] = false;
            serve(ctx, node);
        }
        dirtyCount = 0;
    }

    /** Reservations placed so far: one probe message each. */
    public long probes() {
        return probes;
    }

    /** Reservations whose node asked for a task after the job had none left (or had been evicted or ended). */
    public long reservationsCancelled() {
        return cancelled;
    }

    /** Tasks launched (bound) so far. */
    public long tasksLaunched() {
        return launched;
    }

    /** Jobs no node of the cluster could ever hold, never probed. */
    public long unplaceableJobs() {
        return unplaceable;
    }

    /** Reservations waiting in {@code node}'s queue. */
    public int queuedReservations(int node) {
        return queues == null || queues[node] == null ? 0 : queues[node].size();
    }

    // ---- probing ----

    private int probe(SchedulerContext ctx, JobState js) {
        int m = js.job.tasks();
        TaskShape shape = js.job.task();
        int want = (int) Math.min((long) probeRatio * m, Integer.MAX_VALUE);
        int[] nodes = classes.sampleEligible(shape, want, ctx.random());
        int k = nodes.length;
        for (int i = 0; i < k; i++) {
            int copies = k >= m ? 1 : m / k + (i < m % k ? 1 : 0);
            ArrayDeque<Reservation> q = queues[nodes[i]];
            if (q == null) q = queues[nodes[i]] = new ArrayDeque<>(4);
            for (int c = 0; c < copies; c++) q.addLast(new Reservation(js, js.generation));
            probes += copies;
            markDirty(nodes[i]);
        }
        return k;
    }

    // ---- late binding ----

    private void serve(SchedulerContext ctx, int node) {
        ArrayDeque<Reservation> q = queues[node];
        while (q != null && !q.isEmpty()) {
            if (!ctx.decide(q.peekFirst().job().job, () -> askFromHead(ctx, node, q))) return;
        }
    }

    /**
     * The node asks for a task for the reservation at the head of its queue whenever it has room for that task:
     * reservations whose job has no task left are cancelled, until one launches a task (true) or the head's task does
     * not fit (false). One read of the node per reservation looked at.
     */
    private boolean askFromHead(SchedulerContext ctx, int node, ArrayDeque<Reservation> q) {
        ClusterView view = ctx.cluster();
        while (!q.isEmpty()) {
            Reservation r = q.peekFirst();
            JobState js = r.job();
            if (!view.fits(node, js.job.task())) return false;
            q.pollFirst();
            if (!r.live()) {
                cancelled++;
                continue;
            }
            int task = js.launched;
            if (!ctx.bind(js.job, task, node))
                throw new IllegalStateException("task " + js.job.index() + "/" + task + " was refused on node " + node
                        + " after fitting there");
            js.taskNode[task] = node;
            js.launched++;
            launched++;
            return true;
        }
        return false;
    }

    private void markDirty(int node) {
        if (dirty[node]) return;
        dirty[node] = true;
        if (dirtyCount == dirtyList.length) dirtyList = Arrays.copyOf(dirtyList, dirtyCount * 2);
        dirtyList[dirtyCount++] = node;
    }

    @SuppressWarnings("unchecked")
    private void init(SchedulerContext ctx) {
        if (classes != null) return;
        int n = ctx.cluster().nodeCount();
        classes = new NodeClasses(ctx.cluster());
        queues = (ArrayDeque<Reservation>[]) new ArrayDeque<?>[n];
        dirty = new boolean[n];
        dirtyList = new int[64];
    }
}

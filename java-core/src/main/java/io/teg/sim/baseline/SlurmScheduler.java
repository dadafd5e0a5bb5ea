package io.teg.sim.baseline;

import io.teg.model.TaskShape;
import io.teg.sim.ClusterView;
import io.teg.sim.MemoryLimitPolicy;
import io.teg.sim.Scheduler;
import io.teg.sim.SchedulerContext;
import io.teg.sim.SimJob;

import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Slurm with {@code SelectType=select/cons_tres} and {@code SchedulerType=sched/backfill}: a priority-ordered FIFO
 * queue, a main scheduler that starts jobs from the head until one does not fit, and EASY backfill around a
 * reservation for that job.
 *
 * <h2>Queue</h2>
 * Pending jobs ordered by priority (descending), then submit time, then job index. A job that could not run on the
 * whole empty cluster is refused at submission, as Slurm refuses a request for a node configuration that does not
 * exist ({@link #rejectedJobs()}).
 *
 * <h2>Main scheduler</h2>
 * On every {@link #schedule} call: walk the queue in order, testing at most {@code defaultQueueDepth} jobs (Slurm's
 * {@code default_queue_depth}, 100), start each job that fits now, and stop at the first that does not: it is the
 * head, and the jobs behind it wait for backfill (Slurm stops considering a partition once a job in it could not
 * start for want of resources).
 *
 * <h2>Backfill (EASY)</h2>
 * Once every {@code bfIntervalS} seconds of simulated time ({@code bf_interval}, 30 s; asked for with
 * {@link SchedulerContext#wakeAt}), test at most {@code bfMaxJobTest} jobs in queue order ({@code bf_max_job_test},
 * 500). Jobs that fit start until the first that does not, the head H. For H:
 * <ul>
 *   <li>the <em>shadow time</em> {@code T_s} is the earliest expected end {@code e_r = start_r + timeLimit_r}
 *       of a running job (taken as {@code now} when already past) at which H fits in what is free now plus what
 *       every running job with {@code e_r <= T_s} gives back; the scheduler keeps those ends itself, from its own
 *       starts and {@link #onJobEnd};</li>
 *   <li>H's reservation is its best-fit placement on that projected state; on each reserved node {@code n} it
 *       leaves the slack {@code b_n = free_n(T_s) - k_n * task(H)} per resource (CPU thousandths, MiB, GPU
 *       thousandths), where {@code k_n} is the number of H's tasks reserved on {@code n}.</li>
 * </ul>
 * A later job J may then start now only if it fits now and either {@code now + timeLimit_J <= T_s} (it is gone by
 * the shadow time) or, on every reserved node, its {@code k} tasks use at most {@code b_n} (it uses only resources
 * H's reservation does not need; unreserved nodes are unrestricted). Only H gets a reservation (EASY, Lifka 1995).
 *
 * <h2>Node selection (cons_tres best fit)</h2>
 * Tasks of one job are placed one at a time on the node with the least free resources that still fits a task:
 * the smallest (free CPU, free memory, free GPU, node index), as cons_tres packs jobs onto the most used nodes to
 * keep whole nodes free. Several tasks of one job share a node when it has room for them, counting multiplicity.
 * Gangs start all or nothing through {@link SchedulerContext#start}; no job ever holds a partial allocation.
 *
 * <h2>Cost and counting</h2>
 * A {@link BestFitIndex} over the scheduler's own {@link NodeLedger} walks candidates from the first node with
 * enough free CPU upwards, so a placement touches the nodes it examines, not the cluster. Every examined node is read
 * through {@link ClusterView} (a fit test, or the free amounts when several tasks may share it); the shadow-time
 * projection reads each node it considers once for CPU and once for memory. GPU amounts in the projection are summed
 * thousandths per node: exact for whole GPUs, optimistic for shares of fragmented GPUs (the placement itself is
 * always checked exactly). A blocked head is not re-tested until some job has ended, as nothing could have freed
 * room for it.
 *
 * <p>Sources: Slurm documentation, "Scheduling Configuration Guide" (sched_config.html: default_queue_depth,
 * bf_interval, bf_max_job_test) and "Consumable Resources in Slurm" (cons_tres.html); D. Lifka, "The ANL/IBM SP
 * scheduling system", JSSPP 1995 (EASY backfill).
 *
 * <p>Not thread-safe; one instance serves one simulation.
 */
public final class SlurmScheduler implements Scheduler {

    /** Slurm's {@code default_queue_depth}: jobs the main scheduler tests per pass. */
    public static final int DEFAULT_QUEUE_DEPTH = 100;
    /** Slurm's {@code bf_max_job_test}: jobs one backfill pass tests. */
    public static final int DEFAULT_BF_MAX_JOB_TEST = 500;
    /** Slurm's {@code bf_interval}: seconds between backfill passes. */
    public static final long DEFAULT_BF_INTERVAL_S = 30;

    /** Priority descending, then submit time, then job index. */
    static final Comparator<SimJob> QUEUE_ORDER = (a, b) -> {
        int c = Integer.compare(b.request().priority(), a.request().priority());
        if (c != 0) return c;
        c = Long.compare(a.submitS(), b.submitS());
        return c != 0 ? c : Integer.compare(a.index(), b.index());
    };

    /**
     * The head job's reservation made by the latest backfill pass.
     *
     * @param jobIndex the head job's index
     * @param shadowS the shadow time, seconds of simulated time; {@link Long#MAX_VALUE} when no running job's end
     *        frees enough room (then nothing is held back for it)
     * @param nodes the nodes its tasks are reserved on at the shadow time, one entry per task, ascending
     */
    public record Reservation(int jobIndex, long shadowS, int[] nodes) {
    }

    private record Running(SimJob job, int[] nodes, long expectedEndS) {
    }

    private static final Comparator<Running> END_ORDER = Comparator.comparingLong(Running::expectedEndS)
            .thenComparingInt(r -> r.job().index());

    private final int queueDepth;
    private final int bfMaxJobTest;
    private final long bfIntervalS;

    private final TreeSet<SimJob> queue = new TreeSet<>(QUEUE_ORDER);
    private final TreeSet<Running> running = new TreeSet<>(END_ORDER);
    private final Map<Integer, Running> runningByIndex = new HashMap<>();

    private BestFitIndex index;
    /** The reserved nodes whose slack has no CPU left in this pass (slack only shrinks during a pass). */
    private final BestFitIndex.Exclusion spentSlack = new BestFitIndex.Exclusion() {
        @Override
        public long key() {
            return pass;
        }

        @Override
        public boolean excluded(int node) {
            return resStamp[node] == pass && budCpu[node] <= 0;
        }
    };
    private NodeClasses classes;

    // backfill scratch, indexed by node; an entry is valid when its stamp equals the current pass
    private int pass;
    private int[] futStamp;
    private long[] futCpu;
    private long[] futMem;
    private long[] futGpu;
    private int[] futSlots;
    private int[] resStamp;
    private long[] budCpu;
    private long[] budMem;
    private long[] budGpu;
    private int[] candidates;
    private int candidateCount;

    private long releases;
    /** Submissions, ends, evictions and starts so far: what can change the outcome of a backfill pass. */
    private long changes;
    private long changesAtLastPass = -1;
    private SimJob lastBlocked;
    private long lastBlockedReleases;
    private long nextBackfillS;
    private long wakeRequestedS = -1;

    private long backfilled;
    private long rejected;
    private Reservation lastReservation;

    /** Slurm's defaults: queue depth 100, 500 jobs per backfill pass, a pass every 30 s. */
    public SlurmScheduler() {
        this(DEFAULT_QUEUE_DEPTH, DEFAULT_BF_MAX_JOB_TEST, DEFAULT_BF_INTERVAL_S);
    }

    /**
     * @param defaultQueueDepth jobs the main scheduler tests per pass (&ge; 1)
     * @param bfMaxJobTest jobs one backfill pass tests, the head included (&ge; 1)
     * @param bfIntervalS seconds of simulated time between backfill passes (&ge; 1)
     */
    public SlurmScheduler(int defaultQueueDepth, int bfMaxJobTest, long bfIntervalS) {
        if (defaultQueueDepth < 1) throw new IllegalArgumentException("defaultQueueDepth must be >= 1, got " + defaultQueueDepth);
        if (bfMaxJobTest < 1) throw new IllegalArgumentException("bfMaxJobTest must be >= 1, got " + bfMaxJobTest);
        if (bfIntervalS < 1) throw new IllegalArgumentException("bfIntervalS must be >= 1, got " + bfIntervalS);
        this.queueDepth = defaultQueueDepth;
        this.bfMaxJobTest = bfMaxJobTest;
        this.bfIntervalS = bfIntervalS;
    }

    @Override
    public String name() {
        return "slurm";
    }

    @Override
    public MemoryLimitPolicy memoryLimits() {
        return MemoryLimitPolicy.LIMIT_EQUALS_REQUEST;
    }

    @Override
    public void onSubmit(SimJob job, SchedulerContext ctx) {
        init(ctx);
        if (!classes.canEverHold(job.task(), job.tasks())) {
            rejected++;
            return;
        }
        queue.add(job);
        changes++;
    }

    @Override
    public void onJobEnd(SimJob job, int[] taskNodes, SchedulerContext ctx) {
        Running r = runningByIndex.remove(job.index());
        if (r == null) return;
        running.remove(r);
        for (int node : taskNodes) index.give(node, job.task(), 1);
        releases++;
        changes++;
    }

    /** Slurm starts jobs whole, so the simulator never takes one back; should it, the job simply queues again. */
    @Override
    public void onEvicted(SimJob job, SchedulerContext ctx) {
        queue.add(job);
        changes++;
    }

    @Override
    public void schedule(SchedulerContext ctx) {
        init(ctx);
        mainPass(ctx);
        long now = ctx.nowS();
        if (now >= nextBackfillS) {
            if (!queue.isEmpty()) {
                // A pass over an unchanged queue and cluster starts nothing that the previous pass did not: resources
                // only come back with a job end, and the "ends before the shadow time" test only gets harder as time
                // passes. The exception is a running job past its time limit, whose end is taken as now, so the
                // shadow time moves with the clock. Skipping such passes changes no decision, only the cost.
                boolean overrun = !running.isEmpty() && running.first().expectedEndS() <= now;
                if (changes != changesAtLastPass || overrun) {
                    backfill(ctx);
                    changesAtLastPass = changes;
                }
                nextBackfillS = now + bfIntervalS;
            } else {
                // the backfill thread woke on its own period and found nothing to do
                nextBackfillS += bfIntervalS * ((now - nextBackfillS) / bfIntervalS + 1);
            }
        }
        if (!queue.isEmpty() && wakeRequestedS != nextBackfillS) {
            ctx.wakeAt(nextBackfillS);
            wakeRequestedS = nextBackfillS;
        }
    }

    /** Jobs started by backfill passes past a blocked head. */
    public long backfilledJobs() {
        return backfilled;
    }

    /** Jobs refused at submission because the empty cluster could not hold them. */
    public long rejectedJobs() {
        return rejected;
    }

    /** Jobs waiting in the queue. */
    public int queuedJobs() {
        return queue.size();
    }

    /** The reservation made by the most recent backfill pass that found a blocked head. */
    public Optional<Reservation> lastReservation() {
        return Optional.ofNullable(lastReservation);
    }

    // ---- passes ----

    private void mainPass(SchedulerContext ctx) {
        int tested = 0;
        Iterator<SimJob> it = queue.iterator();
        while (it.hasNext() && tested < queueDepth) {
            SimJob job = it.next();
            if (job == lastBlocked && releases == lastBlockedReleases) break; // nothing freed since it last failed
            tested++;
            int[] nodes = ctx.decide(job, () -> tryStart(ctx, job, false));
            if (nodes == null) {
                lastBlocked = job;
                lastBlockedReleases = releases;
                break;
            }
            it.remove();
        }
    }

    private void backfill(SchedulerContext ctx) {
        pass++;
        long now = ctx.nowS();
        boolean reserved = false;
        long shadow = Long.MAX_VALUE;
        int tested = 0;
        Iterator<SimJob> it = queue.iterator();
        while (it.hasNext() && tested < bfMaxJobTest) {
            SimJob job = it.next();
            tested++;
            if (!reserved) {
                if (ctx.decide(job, () -> tryStart(ctx, job, false)) != null) {
                    it.remove();
                    continue;
                }
                shadow = ctx.decide(job, () -> reserve(ctx, job));
                reserved = true;
                continue;
            }
            boolean endsBeforeShadow = shadow == Long.MAX_VALUE || now + job.request().timeLimitS() <= shadow;
            int[] nodes = ctx.decide(job, () -> tryStart(ctx, job, !endsBeforeShadow));
            if (nodes != null) {
                it.remove();
                backfilled++;
                if (!endsBeforeShadow) consumeSlack(job.task(), nodes);
            }
        }
    }

    // ---- placement ----

    /** Places and starts {@code job} now; returns its task nodes, or null when it does not fit. */
    private int[] tryStart(SchedulerContext ctx, SimJob job, boolean outlivesShadow) {
        int[] nodes = place(ctx.cluster(), job, outlivesShadow);
        if (nodes == null) return null;
        if (!ctx.start(job, nodes))
            throw new IllegalStateException("job " + job.index() + " was refused on " + Arrays.toString(nodes)
                    + " after fitting there");
        TaskShape s = job.task();
        for (int i = 0; i < nodes.length; ) {
            int k = i;
            while (k < nodes.length && nodes[k] == nodes[i]) k++;
            index.take(nodes[i], s, k - i);
            i = k;
        }
        Running r = new Running(job, nodes, ctx.nowS() + job.request().timeLimitS());
        running.add(r);
        changes++;
        runningByIndex.put(job.index(), r);
        return nodes;
    }

    /**
     * Best-fit placement of every task of {@code job} on the cluster as it is now, tasks on one node adjacent; null
     * when it does not fit. With {@code outlivesShadow}, nodes reserved for the head take at most their slack.
     */
    private int[] place(ClusterView view, SimJob job, boolean outlivesShadow) {
        TaskShape s = job.task();
        int m = job.tasks();
        if (!aggregateFits(view, s, m)) return null;
        int[] nodes = new int[m];
        int placed = 0;
        // a reserved node with no CPU left in its slack is passed over below, so the walk may leave it out
        BestFitIndex.Cursor cursor = outlivesShadow && s.cpuMilli() > 0 ? index.cursor(s, spentSlack) : index.cursor(s);
        for (int node = cursor.next(); node >= 0 && placed < m; node = cursor.next()) {
            int want = m - placed;
            if (outlivesShadow && resStamp[node] == pass) {
                want = Math.min(want, slackSlots(node, s));
                if (want == 0) continue;
            }
            int k = TaskFit.slotsNow(view, node, s, want);
            for (int i = 0; i < k; i++) nodes[placed++] = node;
        }
        return placed == m ? nodes : null;
    }

    /** Cluster-wide totals (no node read): a job needing more than all free resources together cannot fit. */
    private static boolean aggregateFits(ClusterView view, TaskShape s, int m) {
        return (long) s.cpuMilli() * m <= view.totalCpuMilli() - view.allocatedCpuMilli()
                && s.memMiB() * m <= view.totalMemMiB() - view.allocatedMemMiB()
                && s.gpuMilliTotal() * m <= view.totalGpuMilli() - view.allocatedGpuMilli();
    }

    // ---- the head's reservation ----

    /**
     * Computes the head's shadow time and reserves its tasks on the projected state there; returns the shadow time,
     * {@link Long#MAX_VALUE} when no running job's end makes room (nothing is then held back).
     */
    private long reserve(SchedulerContext ctx, SimJob head) {
        ClusterView view = ctx.cluster();
        long now = ctx.nowS();
        TaskShape s = head.task();
        int m = head.tasks();
        candidateCount = 0;
        long slots = 0;
        BestFitIndex.Cursor cursor = index.cursor(s);
        for (int node = cursor.next(); node >= 0 && slots < m; node = cursor.next()) slots += project(view, node, s);
        long shadow = slots >= m ? now : -1;
        if (shadow < 0) {
            for (Running r : running) {
                TaskShape rs = r.job().task();
                for (int node : r.nodes()) {
                    if (futStamp[node] != pass) slots += project(view, node, s);
                    slots -= futSlots[node];
                    futCpu[node] += rs.cpuMilli();
                    futMem[node] += rs.memMiB();
                    futGpu[node] += rs.gpuMilliTotal();
                    futSlots[node] = projectedSlots(node, s, futCpu[node], futMem[node], futGpu[node]);
                    slots += futSlots[node];
                }
                if (slots >= m) {
                    shadow = Math.max(now, r.expectedEndS());
                    break;
                }
            }
        }
        if (shadow < 0) {
            lastReservation = new Reservation(head.index(), Long.MAX_VALUE, new int[0]);
            return Long.MAX_VALUE;
        }
        Integer[] order = new Integer[candidateCount];
        int n = 0;
        for (int i = 0; i < candidateCount; i++) if (futSlots[candidates[i]] > 0) order[n++] = candidates[i];
        Arrays.sort(order, 0, n, (a, b) -> {
            int c = Long.compare(futCpu[a], futCpu[b]);
            if (c != 0) return c;
            c = Long.compare(futMem[a], futMem[b]);
            if (c != 0) return c;
            c = Long.compare(futGpu[a], futGpu[b]);
            return c != 0 ? c : Integer.compare(a, b);
        });
        int[] reservedNodes = new int[m];
        int left = m;
        for (int i = 0; i < n && left > 0; i++) {
            int node = order[i];
            int k = Math.min(left, futSlots[node]);
            resStamp[node] = pass;
            budCpu[node] = futCpu[node] - (long) k * s.cpuMilli();
            budMem[node] = futMem[node] - k * s.memMiB();
            budGpu[node] = futGpu[node] - k * s.gpuMilliTotal();
            for (int t = 0; t < k; t++) reservedNodes[m - left + t] = node;
            left -= k;
        }
        Arrays.sort(reservedNodes);
        lastReservation = new Reservation(head.index(), shadow, reservedNodes);
        return shadow;
    }

    /** Starts the projection of {@code node} from its free CPU and memory now (two reads) and the ledger's GPU. */
    private int project(ClusterView view, int node, TaskShape s) {
        futStamp[node] = pass;
        futCpu[node] = view.freeCpuMilli(node);
        futMem[node] = view.freeMemMiB(node);
        futGpu[node] = index.ledger().freeGpu[node];
        futSlots[node] = projectedSlots(node, s, futCpu[node], futMem[node], futGpu[node]);
        if (candidateCount == candidates.length) candidates = Arrays.copyOf(candidates, candidateCount * 2);
        candidates[candidateCount++] = node;
        return futSlots[node];
    }

    /** Tasks of {@code s} in projected free amounts, GPUs as summed thousandths. */
    private int projectedSlots(int node, TaskShape s, long cpu, long mem, long gpu) {
        long k = Integer.MAX_VALUE;
        if (s.cpuMilli() > 0) k = Math.min(k, Math.max(0, cpu) / s.cpuMilli());
        if (s.memMiB() > 0) k = Math.min(k, Math.max(0, mem) / s.memMiB());
        if (s.gpus() > 0) {
            if (!TaskFit.modelAllowed(index.ledger().spec(node), s)) return 0;
            k = Math.min(k, Math.max(0, gpu) / s.gpuMilliTotal());
        }
        return (int) k;
    }

    /** Tasks of {@code s} that fit in the slack the head's reservation leaves on reserved {@code node}. */
    private int slackSlots(int node, TaskShape s) {
        return projectedSlots(node, s, budCpu[node], budMem[node], budGpu[node]);
    }

    /** A job that outlives the shadow time uses up slack on the reserved nodes it runs on. */
    private void consumeSlack(TaskShape s, int[] nodes) {
        for (int node : nodes) {
            if (resStamp[node] != pass) continue;
            budCpu[node] -= s.cpuMilli();
            budMem[node] -= s.memMiB();
            budGpu[node] -= s.gpuMilliTotal();
        }
    }

    private void init(SchedulerContext ctx) {
        if (index != null) return;
        ClusterView view = ctx.cluster();
        int n = view.nodeCount();
        index = new BestFitIndex(view);
        classes = new NodeClasses(view);
        futStamp = new int[n];
        futCpu = new long[n];
        futMem = new long[n];
        futGpu = new long[n];
        futSlots = new int[n];
        resStamp = new int[n];
        budCpu = new long[n];
        budMem = new long[n];
        budGpu = new long[n];
        candidates = new int[64];
    }
}

package io.teg.sim.baseline;

import io.teg.model.JobRequest;
import io.teg.model.Layout;
import io.teg.model.NodeSpec;
import io.teg.model.TaskShape;
import io.teg.model.Topology;
import io.teg.sim.ClusterState;
import io.teg.sim.ClusterView;
import io.teg.sim.Qos;
import io.teg.sim.Scheduler;
import io.teg.sim.SchedulerContext;
import io.teg.sim.SimJob;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;

/**
 * A small discrete-event bench that drives one {@link Scheduler} against a real {@link ClusterState}: decisions
 * allocate and bind for real, jobs run for exactly their {@code runtimeS} once all their tasks are bound, the clock
 * is advanced by hand ({@link #runUntil}), and randomness is a seeded {@link SplittableRandom}. It follows the
 * simulator's contract: arrivals and ends at one instant are handled first, then {@link Scheduler#schedule} runs
 * once; wake-ups asked for with {@link #wakeAt} trigger a call. Partial gangs are taken back by {@link #evict}, or
 * automatically when {@link #deadlockTimeoutS} is set and a gang has had no task bound for longer than that.
 */
final class Bench implements SchedulerContext {

    private static final int ARRIVAL = 0;
    private static final int END = 1;
    private static final int WAKE = 2;
    private static final int DEADLOCK_CHECK = 3;

    private record Event(long timeS, long seq, int kind, SimJob job) implements Comparable<Event> {
        @Override
        public int compareTo(Event o) {
            int c = Long.compare(timeS, o.timeS);
            return c != 0 ? c : Long.compare(seq, o.seq);
        }
    }

    private static final class Run {
        final SimJob job;
        final int[] node;
        final long[] gpuMask;
        int bound;
        long startS = -1;
        long lastBindS;
        boolean arrived;
        boolean ended;

        Run(SimJob job) {
            this.job = job;
            node = new int[job.tasks()];
            gpuMask = new long[job.tasks()];
            Arrays.fill(node, -1);
        }
    }

    private final Topology topology;
    private final ClusterState cluster;
    private final Scheduler scheduler;
    private final SplittableRandom random;
    private final PriorityQueue<Event> events = new PriorityQueue<>();
    private final Map<Integer, Run> runs = new HashMap<>();
    private final TreeSet<Long> wakes = new TreeSet<>();
    private final List<Runnable> afterSchedule = new ArrayList<>();
    private long seq;
    private long evictions;
    private long now;
    private long decisions;
    private long touches;
    private long deadlockTimeoutS = Long.MAX_VALUE;

    Bench(List<NodeSpec> nodes, Scheduler scheduler, long seed) {
        this.topology = new Topology(nodes, Layout.DEFAULT);
        this.cluster = new ClusterState(topology);
        this.scheduler = scheduler;
        this.random = new SplittableRandom(seed);
    }

    // ---- building inputs ----

    /** {@code n} CPU-only nodes named n0.. with the given capacity. */
    static List<NodeSpec> cpuNodes(int n, int cpuMilli, long memMiB) {
        List<NodeSpec> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) out.add(NodeSpec.cpuOnly("n" + i, cpuMilli, memMiB));
        return out;
    }

    /** {@code n} GPU nodes of model id 0 named g0.. with the given capacity. */
    static List<NodeSpec> gpuNodes(int n, int cpuMilli, long memMiB, int gpus) {
        List<NodeSpec> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) out.add(new NodeSpec("g" + i, cpuMilli, memMiB, gpus, "V100", 0));
        return out;
    }

    /** A job of {@code tasks} tasks of {@code shape}, priority 0. */
    static SimJob job(int index, long submitS, int tasks, TaskShape shape, long timeLimitS, long runtimeS) {
        return job(index, submitS, tasks, shape, timeLimitS, runtimeS, 0);
    }

    static SimJob job(int index, long submitS, int tasks, TaskShape shape, long timeLimitS, long runtimeS, int priority) {
        JobRequest r = new JobRequest(index, "acct", tasks, shape, timeLimitS, priority);
        return new SimJob(index, r, submitS, runtimeS, Qos.GUARANTEED, index + 1);
    }

    // ---- driving ----

    /** Queues the arrival of each job at its submit time (which must not be in the past). */
    Bench submit(SimJob... jobs) {
        for (SimJob j : jobs) {
            if (j.submitS() < now) throw new IllegalArgumentException("job " + j.index() + " submitted in the past");
            if (runs.containsKey(j.index())) throw new IllegalArgumentException("job index " + j.index() + " reused");
            runs.put(j.index(), new Run(j));
            push(j.submitS(), ARRIVAL, j);
        }
        return this;
    }

    /** Takes back partial gangs that had no task bound for longer than {@code timeoutS}, checked at every instant. */
    Bench deadlockTimeoutS(long timeoutS) {
        this.deadlockTimeoutS = timeoutS;
        return this;
    }

    /** Runs {@code action} after every {@link Scheduler#schedule} call. */
    Bench afterEachSchedule(Runnable action) {
        afterSchedule.add(action);
        return this;
    }

    /** Handles every event up to and including {@code timeS}, then leaves the clock at {@code timeS}. */
    Bench runUntil(long timeS) {
        while (!events.isEmpty() && events.peek().timeS() <= timeS) {
            now = events.peek().timeS();
            boolean any = false;
            while (!events.isEmpty() && events.peek().timeS() == now) {
                Event e = events.poll();
                any |= handle(e);
            }
            any |= checkDeadlocks();
            if (any) callSchedule();
        }
        now = Math.max(now, timeS);
        return this;
    }

    /** Runs until no event is left or {@code limitS} is reached; returns the time of the last event handled. */
    long runToEnd(long limitS) {
        long last = now;
        while (!events.isEmpty() && events.peek().timeS() <= limitS) {
            last = events.peek().timeS();
            runUntil(last);
        }
        return last;
    }

    /** Takes back a partial gang's tasks, as the simulator's deadlock timeout does, then lets the scheduler decide. */
    Bench evict(SimJob job) {
        doEvict(runs.get(job.index()));
        callSchedule();
        return this;
    }

    private boolean handle(Event e) {
        switch (e.kind()) {
            case ARRIVAL -> {
                runs.get(e.job().index()).arrived = true;
                scheduler.onSubmit(e.job(), this);
                return true;
            }
            case END -> {
                Run r = runs.get(e.job().index());
                r.ended = true;
                for (int t = 0; t < r.node.length; t++) cluster.release(r.node[t], r.job.task(), r.gpuMask[t]);
                scheduler.onJobEnd(r.job, r.node.clone(), this);
                return true;
            }
            case WAKE -> {
                wakes.remove(e.timeS());
                return true;
            }
            default -> {
                return false; // a deadlock check: checkDeadlocks runs at every instant anyway
            }
        }
    }

    private boolean checkDeadlocks() {
        if (deadlockTimeoutS == Long.MAX_VALUE) return false;
        boolean any = false;
        for (Run r : sortedRuns()) {
            if (r.startS < 0 && r.bound > 0 && now - r.lastBindS > deadlockTimeoutS) {
                doEvict(r);
                any = true;
            }
        }
        return any;
    }

    private List<Run> sortedRuns() {
        List<Run> list = new ArrayList<>(runs.values());
        list.sort((a, b) -> Integer.compare(a.job.index(), b.job.index()));
        return list;
    }

    private void doEvict(Run r) {
        if (r.startS >= 0 || r.bound == 0) throw new IllegalStateException("job " + r.job.index() + " holds no partial allocation");
        for (int t = 0; t < r.node.length; t++) {
            if (r.node[t] >= 0) {
                cluster.release(r.node[t], r.job.task(), r.gpuMask[t]);
                r.node[t] = -1;
                r.gpuMask[t] = 0;
            }
        }
        r.bound = 0;
        evictions++;
        scheduler.onEvicted(r.job, this);
    }

    private void callSchedule() {
        scheduler.schedule(this);
        for (Runnable a : afterSchedule) a.run();
    }

    private void push(long t, int kind, SimJob job) {
        events.add(new Event(t, seq++, kind, job));
    }

    // ---- SchedulerContext ----

    /** The bench places tasks on a cluster with no machine room: the baselines it tests never read power. */
    @Override
    public io.teg.sim.physics.Plant plant() {
        throw new IllegalStateException("the baselines' test bench has no machine room");
    }

    @Override
    public long nowS() {
        return now;
    }

    @Override
    public ClusterView cluster() {
        return cluster;
    }

    @Override
    public Topology topology() {
        return topology;
    }

    @Override
    public RandomGenerator random() {
        return random;
    }

    @Override
    public <R> R decide(SimJob job, Supplier<R> decision) {
        long t0 = cluster.touches();
        R r = decision.get();
        decisions++;
        touches += cluster.touches() - t0;
        return r;
    }

    @Override
    public boolean bind(SimJob job, int task, int node) {
        Run r = runs.get(job.index());
        if (r == null || !r.arrived || r.startS >= 0 || r.ended || task < 0 || task >= job.tasks()) return false;
        if (r.node[task] >= 0 || !cluster.fits(node, job.task())) return false;
        r.gpuMask[task] = cluster.allocate(node, job.task());
        r.node[task] = node;
        r.bound++;
        r.lastBindS = now;
        if (r.bound == job.tasks()) {
            r.startS = now;
            push(now + job.runtimeS(), END, job);
        } else if (deadlockTimeoutS != Long.MAX_VALUE) {
            push(now + deadlockTimeoutS + 1, DEADLOCK_CHECK, job);
        }
        return true;
    }

    @Override
    public boolean start(SimJob job, int[] nodes) {
        Run r = runs.get(job.index());
        if (r == null || r.bound != 0 || r.startS >= 0 || nodes.length != job.tasks()) return false;
        if (!cluster.fitsAll(job.task(), nodes)) return false;
        for (int t = 0; t < nodes.length; t++) {
            if (!bind(job, t, nodes[t])) throw new IllegalStateException("all-or-nothing start failed half-way");
        }
        return true;
    }

    @Override
    public int boundTasks(SimJob job) {
        Run r = runs.get(job.index());
        return r == null ? 0 : r.bound;
    }

    @Override
    public void wakeAt(long timeS) {
        if (timeS > now && wakes.add(timeS)) push(timeS, WAKE, null);
    }

    // ---- observations ----

    ClusterState state() {
        return cluster;
    }

    /** When the job's last task was bound, or -1 while it has not started. */
    long startS(SimJob job) {
        return runs.get(job.index()).startS;
    }

    boolean started(SimJob job) {
        return startS(job) >= 0;
    }

    /** The node of each task (-1 for a task not bound). */
    int[] nodesOf(SimJob job) {
        return runs.get(job.index()).node.clone();
    }

    long decisions() {
        return decisions;
    }

    long touches() {
        return touches;
    }

    /** Wake-up times asked for and not yet reached. */
    TreeSet<Long> pendingWakes() {
        return new TreeSet<>(wakes);
    }

    /** Partial allocations taken back by the deadlock timeout so far. */
    long evictions() {
        return evictions;
    }
}

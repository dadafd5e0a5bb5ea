package io.teg.sim;

import io.teg.model.Topology;
import io.teg.node.airlock.Airlock;
import io.teg.node.airlock.AirlockAction;
import io.teg.node.airlock.AirlockParameters;
import io.teg.node.airlock.AirlockState;
import io.teg.node.airlock.AirlockStep;
import io.teg.node.airlock.NodeObservation;
import io.teg.node.airlock.TenantObservation;
import io.teg.sim.metrics.MetricsRecorder;
import io.teg.sim.metrics.RunMetrics;
import io.teg.sim.physics.JobProfile;
import io.teg.sim.physics.MemoryTrajectory;
import io.teg.sim.physics.Plant;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.PriorityQueue;
import java.util.function.LongConsumer;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;

/**
 * The discrete-event simulator: replays a {@link io.teg.sim.physics.Workload} on a cluster in a {@link Plant},
 * with one {@link Scheduler} deciding. Simulated time is in whole seconds; events at the same second are handled
 * in the order they were created, so the same inputs give the same run.
 *
 * <p>A job's life: it arrives and is handed to the scheduler; the scheduler binds its tasks to nodes (all at once,
 * or one by one, leaving a partial allocation meanwhile); when the last task is bound the job runs. It progresses
 * at the speed of its slowest node (thermal throttling slows it down), its memory follows its trajectory, and it
 * ends when its work is done or when it is OOM-killed: by its cgroup when its use passes its limit, or by the
 * kernel when the tasks on a node together pass the node's memory (the task using most dies).
 *
 * <p>Under {@link MemoryLimitPolicy#GLASSY} no cgroup kills: each task holds at most its memory.high, runs at
 * {@link MemoryLimitPolicy#reclaimSpeed} when held below what it asks for, and every node runs the node agent's
 * {@link Airlock} ({@link AirlockParameters#ALWAYS_GLASSY}) on each change of its tenants' memory, and every
 * {@link #AIRLOCK_POLL_S} seconds while the airlock is engaged. A frozen job makes no progress; an evacuated job is
 * requeued (the simulator has no checkpoints, so its work is lost) and counted. The kernel's OOM killer still acts
 * when the node's tasks together pass its memory. The simulated nodes have no compressed swap.
 *
 * <p>Not thread-safe: one instance runs one replay, once.
 */
public final class Simulation {

    private static final byte NOT_ARRIVED = 0;
    private static final byte PENDING = 1;
    private static final byte RUNNING = 2;
    private static final byte COMPLETED = 3;
    private static final byte KILLED = 4;

    /** How often a node agent observes a node whose airlock is engaged, seconds. */
    public static final long AIRLOCK_POLL_S = 5;
    /** Memory steps per trajectory at most (the step and the run generation share a MEMORY event's aux). */
    private static final int MAX_MEMORY_STEPS = 16;
    /** Airlock iterations at one instant at most (memory.high raised, tasks grow into it, raised again). */
    private static final int AIRLOCK_ITERATIONS = 8;
    /** Bits of an airlock tenant id that hold the run generation. */
    private static final int RUN_BITS = 20;

    private enum Kind { ARRIVAL, COMPLETION, MEMORY, WAKE, AIRLOCK }

    private record Event(long timeS, long seq, Kind kind, int job, int aux) implements Comparable<Event> {
        @Override
        public int compareTo(Event o) {
            int c = Long.compare(timeS, o.timeS);
            return c != 0 ? c : Long.compare(seq, o.seq);
        }
    }

    private final List<SimJob> jobs;
    private final List<JobProfile> profiles;
    private final Topology topology;
    private final ClusterState cluster;
    private final Plant plant;
    private final Scheduler scheduler;
    private final SimulationConfig config;
    private final MetricsRecorder metrics;
    private final RandomGenerator schedulerRandom;
    private final PriorityQueue<Event> queue = new PriorityQueue<>();
    private final Context context = new Context();
    private long seq;
    private long now;
    private long events;
    private boolean dirty;

    // per job
    private final byte[] state;
    private final int[] bound;
    private final int[][] taskNode;
    private final long[][] taskGpu;
    private final long[] startS;
    private final long[] lastBindS;
    private final double[] remaining;
    private final double[] rate;
    private final long[] rateSinceS;
    private final int[] version;
    private final long[] memUse;
    private final long[] memLimit;
    private final int[] tickMark;
    private final int[] runGen;

    // GLASSY only: per task resident memory, memory.high and frozen flag; per job demand and frozen tasks
    private final boolean glassy;
    private final Airlock airlock;
    private final AirlockState[] nodeAirlock;
    private final long[] airlockPollAt;
    private final long[][] taskMem;
    private final long[][] taskHigh;
    private final boolean[][] taskFrozen;
    private final long[] memDemand;
    private final int[] frozenTasks;
    private final int[] observeMark;
    private int observeStamp;

    // per node: the jobs with a running task there (one entry per task)
    private final int[][] nodeJobs;
    private final int[] nodeJobCount;
    private final long[] nodeMemUsed;

    private int partialGangs;
    private final java.util.TreeSet<Integer> partial = new java.util.TreeSet<>();
    private int running;
    private int unfinished;
    private int arrivalsLeft;
    private long lastStartOrEndS;
    private int tick;
    private LongConsumer progress = done -> { };

    public Simulation(List<SimJob> jobs, List<JobProfile> profiles, Topology topology, Plant plant,
                      Scheduler scheduler, SimulationConfig config, long seed) {
        this.jobs = jobs;
        this.profiles = profiles;
        this.topology = topology;
        this.cluster = new ClusterState(topology);
        this.plant = plant;
        this.scheduler = scheduler;
        this.config = config;
        this.schedulerRandom = new java.util.SplittableRandom(seed ^ 0x5DEECE66DL);
        this.metrics = new MetricsRecorder(scheduler.name(), seed, jobs.size(), cluster, topology.rackCount(),
                config.horizonHintS());
        int n = jobs.size();
        state = new byte[n];
        bound = new int[n];
        taskNode = new int[n][];
        taskGpu = new long[n][];
        startS = new long[n];
        lastBindS = new long[n];
        remaining = new double[n];
        rate = new double[n];
        rateSinceS = new long[n];
        version = new int[n];
        memUse = new long[n];
        memLimit = new long[n];
        tickMark = new int[n];
        runGen = new int[n];
        glassy = scheduler.memoryLimits() == MemoryLimitPolicy.GLASSY;
        airlock = glassy ? new Airlock(AirlockParameters.ALWAYS_GLASSY) : null;
        nodeAirlock = glassy ? new AirlockState[topology.nodeCount()] : null;
        airlockPollAt = glassy ? new long[topology.nodeCount()] : null;
        if (glassy) {
            Arrays.fill(nodeAirlock, AirlockState.calm(Instant.EPOCH));
            Arrays.fill(airlockPollAt, -1);
        }
        taskMem = glassy ? new long[n][] : null;
        taskHigh = glassy ? new long[n][] : null;
        taskFrozen = glassy ? new boolean[n][] : null;
        memDemand = glassy ? new long[n] : null;
        frozenTasks = glassy ? new int[n] : null;
        observeMark = glassy ? new int[n] : null;
        nodeJobs = new int[topology.nodeCount()][];
        nodeJobCount = new int[topology.nodeCount()];
        nodeMemUsed = new long[topology.nodeCount()];
        for (int i = 0; i < topology.nodeCount(); i++) nodeJobs[i] = new int[4];
    }

    /** Receives the number of jobs that have left the system, now and then, for a progress display. */
    public Simulation onProgress(LongConsumer listener) {
        this.progress = listener;
        return this;
    }

    /** Replays the whole workload and returns its metrics. */
    public RunMetrics run() {
        long wall0 = System.nanoTime();
        for (SimJob j : jobs) push(j.submitS(), Kind.ARRIVAL, j.index(), 0);
        arrivalsLeft = jobs.size();
        unfinished = jobs.size();
        long step = config.physicsStepS();
        long nextTick = jobs.isEmpty() ? Long.MAX_VALUE : jobs.getFirst().submitS();
        now = nextTick == Long.MAX_VALUE ? 0 : nextTick;
        long lastPlantS = now;
        long finishedReported = 0;
        while (unfinished > 0) {
            long tEvent = queue.isEmpty() ? Long.MAX_VALUE : queue.peek().timeS();
            if (running == 0 && arrivalsLeft == 0
                    && ((queue.isEmpty() && partialGangs == 0) || now - lastStartOrEndS > config.stallLimitS())) {
                break; // nothing can change any more: what is left can never run
            }
            if (nextTick <= tEvent) {
                // cross an idle stretch in one physics step when the room is empty
                if (running == 0 && partialGangs == 0 && tEvent != Long.MAX_VALUE && tEvent - nextTick > step) {
                    nextTick = tEvent - (tEvent - nextTick) % step;
                }
                metrics.advanceTo(nextTick, cluster);
                now = nextTick;
                scheduler.onPhysicsStep(context);
                int[] changed = plant.advance(now, Math.max(1, now - lastPlantS));
                lastPlantS = now;
                if (changed.length > 0) rerate(changed);
                checkDeadlocks();
                metrics.sample(now, cluster, plant);
                nextTick = now + step;
                if (dirty) runScheduler();
                continue;
            }
            now = tEvent;
            metrics.advanceTo(now, cluster);
            while (!queue.isEmpty() && queue.peek().timeS() == now) {
                handle(queue.poll());
                events++;
            }
            if (dirty) runScheduler();
            long finished = jobs.size() - unfinished;
            if (finished - finishedReported >= 256 || unfinished == 0) {
                finishedReported = finished;
                progress.accept(finished);
            }
        }
        progress.accept(jobs.size() - unfinished);
        return metrics.finish(plant.totals(), events, System.nanoTime() - wall0);
    }

    private void runScheduler() {
        dirty = false;
        scheduler.schedule(context);
    }

    private void push(long t, Kind kind, int job, int aux) {
        queue.add(new Event(t, seq++, kind, job, aux));
    }

    private void handle(Event e) {
        switch (e.kind()) {
            case ARRIVAL -> {
                SimJob j = jobs.get(e.job());
                state[e.job()] = PENDING;
                arrivalsLeft--;
                metrics.submitted(j);
                scheduler.onSubmit(j, context);
                dirty = true;
            }
            case COMPLETION -> {
                if (state[e.job()] == RUNNING && version[e.job()] == e.aux()) finish(e.job(), COMPLETED);
            }
            case MEMORY -> {
                int j = e.job();
                if (state[j] == RUNNING && e.aux() / MAX_MEMORY_STEPS == runGen[j]) {
                    if (glassy) setDemand(j, e.aux() % MAX_MEMORY_STEPS);
                    else setMemory(j, e.aux() % MAX_MEMORY_STEPS);
                }
            }
            case WAKE -> dirty = true;
            case AIRLOCK -> {
                if (airlockPollAt[e.aux()] == e.timeS()) airlockPollAt[e.aux()] = -1;
                observeNode(e.aux());
            }
        }
    }

    // ---- binding and starting ----

    private boolean bindTask(SimJob job, int task, int node) {
        int j = job.index();
        if (state[j] != PENDING || task < 0 || task >= job.tasks()) return false;
        if (taskNode[j] == null) {
            taskNode[j] = new int[job.tasks()];
            Arrays.fill(taskNode[j], -1);
            taskGpu[j] = new long[job.tasks()];
        }
        if (taskNode[j][task] >= 0 || !cluster.fits(node, job.task())) return false;
        metrics.advanceTo(now, cluster);
        taskGpu[j][task] = cluster.allocate(node, job.task());
        taskNode[j][task] = node;
        if (bound[j] == 0 && job.tasks() > 1) {
            partialGangs++;
            partial.add(j);
        }
        bound[j]++;
        lastBindS[j] = now;
        if (bound[j] == job.tasks()) {
            if (job.tasks() > 1) {
                partialGangs--;
                partial.remove(j);
                metrics.strandedChanged(-(bound[j] - 1) * metrics.primaryOf(job));
            }
            startJob(j);
        } else {
            metrics.strandedChanged(metrics.primaryOf(job));
        }
        return true;
    }

    private void startJob(int j) {
        SimJob job = jobs.get(j);
        JobProfile profile = profiles.get(j);
        state[j] = RUNNING;
        running++;
        startS[j] = now;
        lastStartOrEndS = now;
        metrics.started(job, now);
        for (int t = 0; t < job.tasks(); t++) {
            int node = taskNode[j][t];
            addNodeJob(node, j);
            plant.taskStarted(node, job.task(), profile);
        }
        // the limit is per task; with a heterogeneous placement use the smallest node for the "no limit" case
        long minNodeMem = Long.MAX_VALUE;
        for (int t = 0; t < job.tasks(); t++) minNodeMem = Math.min(minNodeMem, topology.node(taskNode[j][t]).memMiB());
        memLimit[j] = scheduler.memoryLimits().limitMiB(job, minNodeMem);
        runGen[j]++;
        if (glassy) {
            // the cgroup starts with memory.high = the request; the node's airlock moves it from there
            taskMem[j] = new long[job.tasks()];
            taskHigh[j] = new long[job.tasks()];
            Arrays.fill(taskHigh[j], job.task().memMiB());
            taskFrozen[j] = new boolean[job.tasks()];
            frozenTasks[j] = 0;
            memDemand[j] = 0;
        }
        remaining[j] = job.runtimeS();
        rate[j] = speedOf(j);
        rateSinceS[j] = now;
        scheduleCompletion(j);
        // Every memory step, the first included, is an event: a job whose first step already passes its limit is
        // killed after the scheduler's call returns, never inside it (no scheduler sees onJobEnd re-entrantly).
        MemoryTrajectory m = profile.memory();
        if (m.steps() > MAX_MEMORY_STEPS)
            throw new IllegalArgumentException("job " + job.request().jobId() + " (trace line " + job.sourceLine()
                    + "): " + m.steps() + " memory steps, at most " + MAX_MEMORY_STEPS + " are supported");
        for (int s = 0; s < m.steps(); s++) push(now + m.offsetS(s), Kind.MEMORY, j, runGen[j] * MAX_MEMORY_STEPS + s);
    }

    /** The job's speed: its slowest node's (thermal) times its memory speed (0 while frozen anywhere). */
    private double speedOf(int j) {
        double s = slowestSpeed(j);
        if (!glassy) return s;
        if (frozenTasks[j] > 0) return 0.0;
        double m = 1.0;
        for (int t = 0; t < taskMem[j].length; t++) m = Math.min(m, MemoryLimitPolicy.reclaimSpeed(taskMem[j][t], memDemand[j]));
        return s * m;
    }

    /** Re-rates a running job whose speed may have changed now. */
    private void rerateJob(int j) {
        if (state[j] != RUNNING) return;
        double newRate = speedOf(j);
        if (newRate == rate[j]) return;
        remaining[j] = Math.max(0, remaining[j] - (now - rateSinceS[j]) * rate[j]);
        rate[j] = newRate;
        rateSinceS[j] = now;
        scheduleCompletion(j);
    }

    private double slowestSpeed(int j) {
        double s = 1.0;
        for (int node : taskNode[j]) s = Math.min(s, plant.speed(node));
        return s;
    }

    private void scheduleCompletion(int j) {
        version[j]++;
        if (rate[j] <= 0) return; // frozen: no progress, no completion until it is thawed
        long dur = Math.max(1, (long) Math.ceil(remaining[j] / rate[j] - 1e-9));
        push(now + dur, Kind.COMPLETION, j, version[j]);
    }

    private void rerate(int[] changedNodes) {
        tick++;
        for (int node : changedNodes) {
            for (int k = 0; k < nodeJobCount[node]; k++) {
                int j = nodeJobs[node][k];
                if (tickMark[j] == tick || state[j] != RUNNING) continue;
                tickMark[j] = tick;
                double newRate = speedOf(j);
                if (newRate == rate[j]) continue;
                remaining[j] = Math.max(0, remaining[j] - (now - rateSinceS[j]) * rate[j]);
                rate[j] = newRate;
                rateSinceS[j] = now;
                scheduleCompletion(j);
            }
        }
    }

    // ---- memory and OOM ----

    private void setMemory(int j, int step) {
        SimJob job = jobs.get(j);
        long use = profiles.get(j).memory().usageMiB(step);
        long delta = use - memUse[j];
        memUse[j] = use;
        for (int node : taskNode[j]) nodeMemUsed[node] += delta;
        if (use > memLimit[j]) {
            finish(j, KILLED); // the job's own cgroup kills it
            return;
        }
        if (delta > 0) {
            for (int t = 0; t < job.tasks() && state[j] == RUNNING; t++) relieveNode(taskNode[j][t]);
        }
    }

    /** The kernel OOM killer: while a node's tasks use more than the node has, kill the job using most there. */
    private void relieveNode(int node) {
        long cap = topology.node(node).memMiB();
        while (nodeMemUsed[node] > cap && nodeJobCount[node] > 0) {
            int victim = -1;
            for (int k = 0; k < nodeJobCount[node]; k++) {
                int j = nodeJobs[node][k];
                if (victim < 0 || memUse[j] > memUse[victim] || (memUse[j] == memUse[victim] && j > victim)) victim = j;
            }
            finish(victim, KILLED);
        }
    }

    private void finish(int j, byte outcome) {
        SimJob job = jobs.get(j);
        JobProfile profile = profiles.get(j);
        metrics.advanceTo(now, cluster);
        state[j] = outcome;
        running--;
        unfinished--;
        lastStartOrEndS = now;
        for (int t = 0; t < job.tasks(); t++) {
            int node = taskNode[j][t];
            cluster.release(node, job.task(), taskGpu[j][t]);
            plant.taskEnded(node, job.task(), profile);
            removeNodeJob(node, j);
            nodeMemUsed[node] -= glassy ? taskMem[j][t] : memUse[j];
        }
        memUse[j] = 0;
        if (glassy) {
            Arrays.fill(taskMem[j], 0);
            frozenTasks[j] = 0;
            for (int node : taskNode[j]) requestObservation(node, now);
        }
        if (outcome == COMPLETED) metrics.completed(job, startS[j], now);
        else metrics.oomKilled(job, now);
        int[] nodes = taskNode[j].clone();
        scheduler.onJobEnd(job, nodes, context);
        dirty = true;
    }

    // ---- GLASSY: memory.high, the airlock, evacuation ----

    /** A memory step of a job under GLASSY: it asks for {@code use} MiB per task and holds what memory.high allows. */
    private void setDemand(int j, int step) {
        SimJob job = jobs.get(j);
        memDemand[j] = profiles.get(j).memory().usageMiB(step);
        for (int t = 0; t < job.tasks(); t++) {
            if (!taskFrozen[j][t]) setResident(j, t, Math.min(memDemand[j], taskHigh[j][t]));
        }
        for (int t = 0; t < job.tasks() && state[j] == RUNNING; t++) relieveNodeGlassy(taskNode[j][t]);
        if (state[j] != RUNNING) return;
        rerateJob(j);
        for (int node : taskNode[j]) requestObservation(node, now);
    }

    private void setResident(int j, int t, long mib) {
        nodeMemUsed[taskNode[j][t]] += mib - taskMem[j][t];
        taskMem[j][t] = mib;
    }

    /** The kernel OOM killer under GLASSY: the job holding most memory on the node dies. */
    private void relieveNodeGlassy(int node) {
        long cap = topology.node(node).memMiB();
        while (nodeMemUsed[node] > cap && nodeJobCount[node] > 0) {
            int victim = -1;
            long most = -1;
            for (int k = 0; k < nodeJobCount[node]; k++) {
                int j = nodeJobs[node][k];
                long held = heldOn(j, node);
                if (held > most || (held == most && j > victim)) {
                    victim = j;
                    most = held;
                }
            }
            finish(victim, KILLED);
        }
    }

    private long heldOn(int j, int node) {
        long sum = 0;
        for (int t = 0; t < taskNode[j].length; t++) if (taskNode[j][t] == node) sum += taskMem[j][t];
        return sum;
    }

    /** Asks for an airlock observation of {@code node} at {@code timeS} (at most one pending per node and time). */
    private void requestObservation(int node, long timeS) {
        if (!glassy || node < 0) return;
        long pending = airlockPollAt[node];
        if (pending >= now && pending <= timeS) return;
        airlockPollAt[node] = timeS;
        push(timeS, Kind.AIRLOCK, -1, node);
    }

    /** The node agent's turn on {@code node}: observe, step the airlock, apply its actions in order. */
    private void observeNode(int node) {
        for (int i = 0; i < AIRLOCK_ITERATIONS; i++) {
            NodeObservation o = observation(node);
            if (o.tenants().isEmpty()) {
                nodeAirlock[node] = AirlockState.calm(o.at());
                return;
            }
            AirlockStep step = airlock.step(nodeAirlock[node], o);
            nodeAirlock[node] = step.state();
            if (step.actions().isEmpty() || !apply(node, step.actions())) break;
        }
        if (nodeAirlock[node].phase().engaged()) requestObservation(node, now + AIRLOCK_POLL_S);
    }

    /**
     * The airlock's id for a job's current run: index, then run generation, so that a requeued job that lands on
     * the same node again is a new tenant, and ties between equal prices go against the later-submitted job.
     */
    private long tenantId(int j) {
        return ((long) j << RUN_BITS) | (runGen[j] & ((1L << RUN_BITS) - 1));
    }

    private NodeObservation observation(int node) {
        observeStamp++;
        List<TenantObservation> tenants = new ArrayList<>(nodeJobCount[node]);
        for (int k = 0; k < nodeJobCount[node]; k++) {
            int j = nodeJobs[node][k];
            if (observeMark[j] == observeStamp) continue;
            observeMark[j] = observeStamp;
            SimJob job = jobs.get(j);
            long request = 0, usage = 0, high = 0, demand = 0;
            boolean frozen = false;
            for (int t = 0; t < job.tasks(); t++) {
                if (taskNode[j][t] != node) continue;
                request += job.task().memMiB();
                usage += taskMem[j][t];
                demand += memDemand[j];
                high = high == TenantObservation.NO_HIGH || taskHigh[j][t] == TenantObservation.NO_HIGH
                        ? TenantObservation.NO_HIGH : high + taskHigh[j][t];
                frozen |= taskFrozen[j][t];
            }
            tenants.add(new TenantObservation(tenantId(j), request, usage, high, !frozen && demand > usage, frozen,
                    scheduler.memoryStrength(job)));
        }
        return new NodeObservation(Instant.EPOCH.plusSeconds(now), topology.node(node).memMiB(), false, tenants);
    }

    /** Applies the airlock's actions on {@code node}, in order; true when some task got more memory. */
    private boolean apply(int node, List<AirlockAction> actions) {
        boolean grew = false;
        List<Integer> evacuate = new ArrayList<>();
        List<Integer> touched = new ArrayList<>();
        for (AirlockAction a : actions) {
            int j = (int) (a.jobId() >>> RUN_BITS);
            if (state[j] != RUNNING || tenantId(j) != a.jobId()) continue;
            SimJob job = jobs.get(j);
            int here = 0;
            for (int t = 0; t < job.tasks(); t++) if (taskNode[j][t] == node) here++;
            for (int t = 0; t < job.tasks(); t++) {
                if (taskNode[j][t] != node) continue;
                long before = taskMem[j][t];
                switch (a) {
                    case AirlockAction.SetMemoryHigh h -> taskHigh[j][t] = h.highMiB() / here;
                    case AirlockAction.ClearMemoryHigh c -> taskHigh[j][t] = TenantObservation.NO_HIGH;
                    case AirlockAction.Freeze f -> {
                        if (!taskFrozen[j][t]) frozenTasks[j]++;
                        taskFrozen[j][t] = true;
                    }
                    case AirlockAction.Thaw th -> {
                        if (taskFrozen[j][t]) frozenTasks[j]--;
                        taskFrozen[j][t] = false;
                    }
                    case AirlockAction.Evacuate e -> { }
                }
                if (!taskFrozen[j][t]) setResident(j, t, Math.min(memDemand[j], taskHigh[j][t]));
                grew |= taskMem[j][t] > before;
            }
            if (a instanceof AirlockAction.Evacuate && !evacuate.contains(j)) evacuate.add(j);
            if (!touched.contains(j)) touched.add(j);
        }
        relieveNodeGlassy(node);
        for (int j : touched) rerateJob(j);
        for (int j : evacuate) if (state[j] == RUNNING) requeue(j);
        return grew;
    }

    /** Evacuation by requeue: the job leaves its nodes, loses its work and waits again. */
    private void requeue(int j) {
        SimJob job = jobs.get(j);
        metrics.advanceTo(now, cluster);
        double left = Math.max(0, remaining[j] - (now - rateSinceS[j]) * rate[j]);
        metrics.evacuated(job, job.runtimeS() - left);
        state[j] = PENDING;
        running--;
        lastStartOrEndS = now;
        version[j]++;
        int[] nodes = taskNode[j].clone();
        for (int t = 0; t < job.tasks(); t++) {
            int node = taskNode[j][t];
            cluster.release(node, job.task(), taskGpu[j][t]);
            plant.taskEnded(node, job.task(), profiles.get(j));
            removeNodeJob(node, j);
            nodeMemUsed[node] -= taskMem[j][t];
            taskNode[j][t] = -1;
            taskGpu[j][t] = 0;
        }
        Arrays.fill(taskMem[j], 0);
        frozenTasks[j] = 0;
        memDemand[j] = 0;
        bound[j] = 0;
        scheduler.onRequeued(job, nodes, context);
        for (int node : nodes) requestObservation(node, now);
        dirty = true;
    }

    private void addNodeJob(int node, int j) {
        if (nodeJobCount[node] == nodeJobs[node].length) nodeJobs[node] = Arrays.copyOf(nodeJobs[node], nodeJobCount[node] * 2);
        nodeJobs[node][nodeJobCount[node]++] = j;
    }

    private void removeNodeJob(int node, int j) {
        int[] a = nodeJobs[node];
        for (int k = 0; k < nodeJobCount[node]; k++) {
            if (a[k] == j) {
                a[k] = a[--nodeJobCount[node]];
                return;
            }
        }
    }

    // ---- deadlocks ----

    private void checkDeadlocks() {
        if (partialGangs == 0) return;
        for (Integer j : partial.toArray(new Integer[0])) {
            if (now - lastBindS[j] > config.deadlockTimeoutS()) evict(j);
        }
    }

    private void evict(int j) {
        SimJob job = jobs.get(j);
        metrics.advanceTo(now, cluster);
        metrics.deadlock(job);
        for (int t = 0; t < job.tasks(); t++) {
            if (taskNode[j][t] >= 0) {
                cluster.release(taskNode[j][t], job.task(), taskGpu[j][t]);
                taskNode[j][t] = -1;
                taskGpu[j][t] = 0;
            }
        }
        metrics.strandedChanged(-bound[j] * metrics.primaryOf(job));
        bound[j] = 0;
        partialGangs--;
        partial.remove(j);
        scheduler.onEvicted(job, context);
        dirty = true;
    }

    private final class Context implements SchedulerContext {
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
        public Plant plant() {
            return plant;
        }

        @Override
        public RandomGenerator random() {
            return schedulerRandom;
        }

        @Override
        public <R> R decide(SimJob job, Supplier<R> decision) {
            long touches0 = cluster.touches();
            long t0 = System.nanoTime();
            R r = decision.get();
            long dt = System.nanoTime() - t0;
            metrics.decision(dt, cluster.touches() - touches0);
            return r;
        }

        @Override
        public boolean bind(SimJob job, int task, int node) {
            return bindTask(job, task, node);
        }

        @Override
        public boolean start(SimJob job, int[] nodes) {
            int j = job.index();
            if (state[j] != PENDING || bound[j] != 0 || nodes.length != job.tasks()) return false;
            if (!cluster.fitsAll(job.task(), nodes)) return false; // all-or-nothing, several tasks per node counted
            for (int t = 0; t < nodes.length; t++) {
                if (!bindTask(job, t, nodes[t])) throw new IllegalStateException("all-or-nothing start failed half-way");
            }
            return true;
        }

        @Override
        public int boundTasks(SimJob job) {
            return bound[job.index()];
        }

        @Override
        public void wakeAt(long timeS) {
            if (timeS > now) push(timeS, Kind.WAKE, -1, 0);
        }
    }
}

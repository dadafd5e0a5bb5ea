package io.teg.node.daemon;

import io.teg.node.airlock.Airlock;
import io.teg.node.airlock.EvacuationMode;
import io.teg.node.cgroup.CgroupController;
import io.teg.node.cgroup.CgroupException;
import io.teg.node.cgroup.CgroupPath;
import io.teg.node.cgroup.HybridCgroups;
import io.teg.node.cgroup.JobCgroups;
import io.teg.node.evacuation.CheckpointCommand;
import io.teg.node.evacuation.CommandRunner;
import io.teg.node.evacuation.Evacuator;
import io.teg.node.evacuation.KillAndRequeue;
import io.teg.node.evacuation.SlurmRequeue;
import io.teg.node.gpu.DryRunGpuControl;
import io.teg.node.gpu.GpuControl;
import io.teg.node.gpu.GpuException;
import io.teg.node.gpu.GpuReading;
import io.teg.node.gpu.PowerConstraints;
import io.teg.node.gpu.PowerLimitKeeper;
import io.teg.node.gpu.nvml.Nvml;
import io.teg.node.memory.MemoryGuard;
import io.teg.node.memory.Tenant;
import io.teg.node.memory.ZramSwap;
import io.teg.node.power.GpuDemand;
import io.teg.node.power.PowerCapPolicy;
import io.teg.node.power.PowerCaps;
import io.teg.node.sensor.NodeSample;
import io.teg.node.sensor.NodeSensors;
import io.teg.node.sensor.TelemetrySink;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * {@code teg agent}: one per node. Two threads:
 * <ul>
 *   <li>the sampler ({@code teg-sampler}) reads {@link NodeSensors} at {@code sample-rate-hz} and hands micro-batches
 *       of {@code batch-samples} to the {@link TelemetrySink} itself, with no queue or executor in between: it parks
 *       until the next sample's deadline (fixed rate, period 1/rate), so one wake-up per sample is all it costs;</li>
 *   <li>the control loop ({@code teg-control}), every {@code control-interval-ms} (and not at all while it has
 *       nothing to control: no memory guard and no power budget), finds job cgroups (Slurm's or its own), lets the
 *       {@link MemoryGuard} (glassy state and airlock) act, and splits the GPU power budget with the
 *       {@link PowerCapPolicy} through the {@link PowerLimitKeeper}.</li>
 * </ul>
 * Degraded parts (cgroups not writable, NVML missing, a sensor absent) are said once at start and the rest keeps
 * running. On {@link #close()} the original GPU power limits are restored; a crash leaves the state file, which the
 * next start restores.
 */
public final class NodeAgent implements AutoCloseable {

    private static final Logger LOG = LogManager.getLogger(NodeAgent.class);

    private final AgentConfig config;
    private final NodeSensors sensors;
    private final TelemetrySink sink;
    private final Optional<MemoryGuard> guard;
    private final Optional<ZramSwap> zram;
    private final Optional<JobCgroups> jobs;
    private final Optional<GpuControl> gpus;
    private final Optional<PowerLimitKeeper> keeper;
    private final PowerCapPolicy powerPolicy;
    private final List<String> degraded;
    private final List<Thread> loops = new java.util.concurrent.CopyOnWriteArrayList<>();
    private volatile boolean stopping;
    private final List<NodeSample> batch = new ArrayList<>();
    private final AtomicLong samples = new AtomicLong();
    private final AtomicLong controlTicks = new AtomicLong();
    private volatile long budgetWatts;
    private boolean closed;

    private NodeAgent(AgentConfig config, TelemetrySink sink, Optional<CgroupController> cgroups,
                      Optional<GpuControl> gpus, InstantSource clock, List<String> degraded) {
        this.config = config;
        this.sink = sink;
        this.gpus = gpus;
        this.budgetWatts = config.powerNodeBudgetWatts();
        this.powerPolicy = new PowerCapPolicy(config.powerMaxStepWatts() * 1000);
        List<String> said = new ArrayList<>(degraded);
        this.sensors = new NodeSensors(config.thermalRoot(), config.powercapRoot(), config.meminfo(), config.psiMemory(),
                gpus, clock);
        for (String m : sensors.missing()) if (!m.startsWith("GPUs")) said.add("sensor absent: " + m);

        Optional<PowerLimitKeeper> k = Optional.empty();
        if (gpus.isPresent()) {
            try {
                k = Optional.of(PowerLimitKeeper.open(gpus.get(), config.powerStateFile()));
                if (!k.get().recovered().isEmpty()) said.add("power limits of GPUs " + k.get().recovered() + " restored from " + config.powerStateFile());
            } catch (RuntimeException e) {
                said.add("power capping off: " + e.getMessage());
            }
        }
        this.keeper = k;

        if (cgroups.isPresent()) {
            CgroupController cg = cgroups.get();
            long capacity = config.memoryCapacityMiB().orElseGet(() -> memTotalMiB(config.meminfo()));
            this.jobs = Optional.of(new JobCgroups(cg, new CgroupPath(config.ownCgroupRoot())));
            if (config.zramAllowed()) {
                ZramSwap z = ZramSwap.setUp(config.zram(), Path.of("/sys/block"), Path.of("/proc/swaps"), CommandRunner.system(60));
                if (z.active()) LOG.info("zram: {}", z.detail());
                else said.add("no compressed swap, frozen jobs stay in memory: " + z.detail());
                this.zram = Optional.of(z);
            } else {
                this.zram = Optional.empty();
            }
            this.guard = Optional.of(new MemoryGuard(cg, new Airlock(config.airlock()), evacuators(config, cg), capacity,
                    zram.map(ZramSwap::active).orElse(false), clock));
        } else {
            this.jobs = Optional.empty();
            this.guard = Optional.empty();
            this.zram = Optional.empty();
        }
        this.degraded = List.copyOf(new LinkedHashSet<>(said));
        for (String d : this.degraded) LOG.warn("degraded: {}", d);
    }

    /**
     * Builds the agent from its config: detects cgroups (v1/v2 per controller) and NVML, says once what is degraded.
     * Does not start the loops; see {@link #start()}.
     */
    public static NodeAgent create(AgentConfig config, TelemetrySink sink, InstantSource clock) {
        List<String> degraded = new ArrayList<>();
        Optional<CgroupController> cgroups = Optional.empty();
        try {
            HybridCgroups h = HybridCgroups.detect();
            Optional<String> notWritable = h.probeWritable(new CgroupPath(config.ownCgroupRoot()).child("probe_" + ProcessHandle.current().pid()));
            if (notWritable.isPresent()) degraded.add("cgroups not writable, memory guard off: " + notWritable.get());
            else cgroups = Optional.of(h);
            LOG.info("cgroups: {}", h.describe());
        } catch (CgroupException e) {
            degraded.add("cgroups unusable, memory guard off: " + e.getMessage());
        }
        Optional<GpuControl> gpus = Optional.empty();
        if (config.nvmlEnabled()) {
            try {
                GpuControl g = Nvml.open(config.nvmlLibrary());
                gpus = Optional.of(config.powerDryRun() ? new DryRunGpuControl(g) : g);
                LOG.info("GPUs: {}", gpus.get().describe());
            } catch (GpuException e) {
                degraded.add("NVML missing, no GPU sensors or power caps: " + e.getMessage());
            }
        } else {
            degraded.add("NVML disabled by nvml.enabled=false");
        }
        return new NodeAgent(config, sink, cgroups, gpus, clock, degraded);
    }

    /** For tests: an agent over given parts (absent parts are degraded). */
    public static NodeAgent of(AgentConfig config, TelemetrySink sink, Optional<CgroupController> cgroups,
                               Optional<GpuControl> gpus, InstantSource clock, List<String> degraded) {
        return new NodeAgent(config, sink, cgroups, gpus, clock, degraded);
    }

    private static Map<EvacuationMode, Evacuator> evacuators(AgentConfig c, CgroupController cg) {
        Map<EvacuationMode, Evacuator> m = new EnumMap<>(EvacuationMode.class);
        CommandRunner runner = CommandRunner.system(60);
        if (!c.checkpointCommand().isEmpty()) m.put(EvacuationMode.CHECKPOINT, new CheckpointCommand(cg, runner, c.checkpointCommand()));
        m.put(EvacuationMode.REQUEUE, c.requeue().equals("slurm") ? new SlurmRequeue(cg, runner, c.scontrol()) : new KillAndRequeue(cg));
        m.put(EvacuationMode.KILL, new KillAndRequeue(cg));
        return m;
    }

    private static long memTotalMiB(Path meminfo) {
        try {
            for (String l : Files.readAllLines(meminfo)) {
                if (l.startsWith("MemTotal:")) return Long.parseLong(l.replaceAll("\\D+", "")) / 1024;
            }
        } catch (java.io.IOException | NumberFormatException e) {
            // fall through
        }
        throw new AgentConfig.Invalid("memory.capacity-mib: not set and MemTotal not readable from " + meminfo);
    }

    /** What is degraded on this node, as said at start. */
    public List<String> degraded() {
        return degraded;
    }

    /** Samples taken at start, back to back and not published, so that the JIT compiles the sampling path. */
    static final int WARM_UP_SAMPLES = 3000;

    /**
     * Starts the sampler and the control loop. First takes {@link #WARM_UP_SAMPLES} samples back to back (tens of
     * milliseconds once compiled): at 10 Hz the sampling path would otherwise run interpreted for minutes, at about
     * fifty times the cost of the compiled one.
     */
    public NodeAgent start() {
        for (int i = 0; i < WARM_UP_SAMPLES; i++) sensors.sample();
        long samplePeriod = Math.max(1000, Math.round(1e9 / config.sampleRateHz()));
        loops.add(loop("teg-sampler", samplePeriod, true, this::sampleOnce));
        loops.add(loop("teg-control", TimeUnit.MILLISECONDS.toNanos(config.controlIntervalMillis()), false, () -> {
            // nothing to control (no memory guard, no power budget): sleep until a budget arrives or close
            while (!stopping && guard.isEmpty() && (keeper.isEmpty() || budgetWatts <= 0)) LockSupport.park(this);
            if (!stopping) controlOnce();
        }));
        for (Thread t : loops) t.start();
        return this;
    }

    /**
     * A daemon thread that runs {@code body} every {@code periodNanos} until {@link #close()}: at a fixed rate
     * (deadlines k·period from the start; after an overrun longer than a period it starts afresh from now, never
     * catching up in a burst) or with a fixed delay after each run.
     */
    private Thread loop(String name, long periodNanos, boolean fixedRate, Runnable body) {
        Thread t = new Thread(() -> {
            long next = System.nanoTime();
            while (!stopping) {
                body.run();
                long now = System.nanoTime();
                next = fixedRate && now - next < periodNanos ? next + periodNanos : now + periodNanos;
                for (long wait = next - now; wait > 0 && !stopping; wait = next - System.nanoTime()) {
                    LockSupport.parkNanos(this, wait);
                }
            }
        }, name);
        t.setDaemon(true);
        return t;
    }

    /** Takes one sample; publishes a batch when it is full. */
    public void sampleOnce() {
        try {
            NodeSample s = sensors.sample();
            samples.incrementAndGet();
            batch.add(s);
            if (batch.size() >= config.batchSamples()) {
                sink.publish(List.copyOf(batch));
                batch.clear();
            }
        } catch (RuntimeException e) {
            LOG.warn("sampling failed: {}", e.toString());
        }
    }

    /** One control round: job discovery, memory guard, power caps. */
    public void controlOnce() {
        try {
            controlTicks.incrementAndGet();
            if (guard.isPresent()) {
                for (JobCgroups.Found f : jobs.get().discover()) {
                    guard.get().admit(new Tenant(f.jobId(), f.path(), 0, 1.0));
                }
                guard.get().tick();
            }
            capPower();
        } catch (RuntimeException e) {
            LOG.warn("control round failed: {}", e.toString());
        }
    }

    private void capPower() {
        if (keeper.isEmpty() || budgetWatts <= 0) return;
        GpuControl g = gpus.get();
        List<GpuDemand> demand = new ArrayList<>(g.count());
        List<Integer> index = new ArrayList<>();
        for (int i = 0; i < g.count(); i++) {
            try {
                PowerConstraints c = g.constraints(i);
                GpuReading r = g.read(i);
                demand.add(new GpuDemand(c.minMilliwatts(), c.maxMilliwatts(), g.enforcedLimitMilliwatts(i),
                        Math.max(0, r.powerMilliwatts())));
                index.add(i);
            } catch (GpuException e) {
                // a GPU without power management takes no part
            }
        }
        if (demand.isEmpty()) return;
        PowerCaps caps = powerPolicy.decide(budgetWatts * 1000, demand);
        if (caps.budgetBelowFloor()) LOG.warn("GPU budget {} W is below the GPUs' minimum limits ({} mW)", budgetWatts, caps.floorMilliwatts());
        for (int k = 0; k < index.size(); k++) {
            try {
                keeper.get().set(index.get(k), caps.capsMilliwatts().get(k));
            } catch (GpuException e) {
                LOG.warn("GPU {}: power cap not set: {}", index.get(k), e.getMessage());
            }
        }
    }

    /** The governor's budget for this node's GPUs, W (0: leave the caps alone and restore the originals). */
    public void setBudgetWatts(long watts) {
        if (watts < 0) throw new IllegalArgumentException("budget must be >= 0 W, got " + watts);
        this.budgetWatts = watts;
        for (Thread t : loops) LockSupport.unpark(t);
        if (watts == 0) keeper.ifPresent(PowerLimitKeeper::restoreAll);
    }

    public long samplesTaken() {
        return samples.get();
    }

    public long controlRounds() {
        return controlTicks.get();
    }

    public Optional<MemoryGuard> memoryGuard() {
        return guard;
    }

    public Set<Long> jobsWatched() {
        return guard.map(MemoryGuard::tenantIds).orElse(Set.of());
    }

    /** The zram swap, when {@code zram.allowed}: set up by the agent, found active, or why not. */
    public Optional<ZramSwap> zram() {
        return zram;
    }

    /**
     * Stops the loops, takes down a zram swap the agent set up, restores the GPUs' original power limits and closes
     * NVML. Idempotent.
     */
    @Override
    public synchronized void close() {
        if (closed) return;
        closed = true;
        stopping = true;
        for (Thread t : loops) LockSupport.unpark(t);
        try {
            for (Thread t : loops) t.join(TimeUnit.SECONDS.toMillis(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        sensors.close();
        zram.ifPresent(ZramSwap::tearDown);
        keeper.ifPresent(PowerLimitKeeper::restoreAll);
        gpus.ifPresent(GpuControl::close);
    }
}

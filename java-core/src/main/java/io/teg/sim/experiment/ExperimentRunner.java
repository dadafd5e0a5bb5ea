package io.teg.sim.experiment;

import io.teg.model.Layout;
import io.teg.model.Topology;
import io.teg.sim.Scheduler;
import io.teg.sim.Simulation;
import io.teg.sim.SimulationConfig;
import io.teg.sim.metrics.RunMetrics;
import io.teg.sim.physics.Calibration;
import io.teg.sim.physics.DataCenterPlant;
import io.teg.sim.physics.PhysicsParameters;
import io.teg.sim.physics.Workload;
import io.teg.sim.physics.WorkloadPhysics;
import io.teg.sim.trace.Trace;
import io.teg.sim.trace.TraceOptions;
import io.teg.sim.trace.TraceReaders;
import io.teg.sim.trace.TraceTransforms;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.LongConsumer;

/**
 * Runs an {@link Experiment}: reads and transforms the trace once, draws each seed's workload physics once (so
 * that every scheduler replays exactly the same jobs in exactly the same machine room), then runs every
 * (scheduler, seed) pair as an independent {@link Simulation}, several at once when {@code threads > 1}.
 * Results do not depend on the number of threads.
 */
public final class ExperimentRunner {

    private static final org.apache.logging.log4j.Logger LOG = org.apache.logging.log4j.LogManager.getLogger(ExperimentRunner.class);

    private final SchedulerCatalog catalog;

    public ExperimentRunner(SchedulerCatalog catalog) {
        this.catalog = catalog;
    }

    /** Reads and transforms the trace as the experiment says. */
    public static Trace loadTrace(Experiment e) throws IOException {
        Trace trace = TraceReaders.read(e.trace(), new TraceOptions(e.strict(), e.seed(), e.nodesFile(), e.censored()));
        if (e.nodes() != null) trace = TraceTransforms.scaledTo(trace, e.nodes());
        if (e.maxJobs() != null) trace = TraceTransforms.limitJobs(trace, e.maxJobs());
        if (e.load() != null) trace = TraceTransforms.withLoad(trace, e.load());
        return trace;
    }

    /**
     * @param progress told the total number of jobs that have finished across all runs, now and then
     */
    public ExperimentResult run(Experiment e, Trace trace, LongConsumer progress) throws IOException, InterruptedException {
        long t0 = System.nanoTime();
        for (String name : e.schedulers()) catalog.create(name); // fail fast on an unknown name
        Calibration calibration = Calibration.load(e.dataDir());
        PhysicsParameters physics = PhysicsParameters.defaults();
        Topology topology = trace.cluster().topology(Layout.DEFAULT);
        long lastSubmit = trace.jobs().isEmpty() ? 0 : trace.jobs().getLast().submitS();
        long maxRun = trace.jobs().stream().mapToLong(j -> j.runtimeS()).max().orElse(0);
        long horizon = Math.max(3600, lastSubmit + Math.min(maxRun, Math.max(lastSubmit, 86_400)));
        SimulationConfig simConfig = new SimulationConfig(e.physicsStepS(), e.deadlockTimeoutS(),
                10 * e.deadlockTimeoutS(), horizon);

        java.util.concurrent.atomic.AtomicLongArray done = new java.util.concurrent.atomic.AtomicLongArray(
                e.schedulers().size() * e.runs());
        Map<String, List<Future<RunMetrics>>> futures = new LinkedHashMap<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(e.threads())) {
            int slot = 0;
            for (int r = 0; r < e.runs(); r++) {
                long seed = e.seed() + r;
                Workload workload = WorkloadPhysics.prepare(trace.jobs(), trace.cluster(), calibration, physics, seed,
                        e.memoryBursts());
                for (String name : e.schedulers()) {
                    int mySlot = slot++;
                    Scheduler scheduler = catalog.create(name);
                    futures.computeIfAbsent(name, k -> new ArrayList<>()).add(pool.submit(() -> {
                        DataCenterPlant plant = new DataCenterPlant(topology, physics, calibration);
                        RunMetrics m = new Simulation(workload.jobs(), workload.profiles(), topology, plant, scheduler,
                                simConfig, seed)
                                .onProgress(n -> {
                                    done.set(mySlot, n);
                                    long sum = 0;
                                    for (int i = 0; i < done.length(); i++) sum += done.get(i);
                                    progress.accept(sum);
                                })
                                .run();
                        LOG.debug("{} seed {}: {} of {} jobs completed, {} events in {} ms", name, seed, m.completed(),
                                m.jobs(), m.events(), m.wallNs() / 1_000_000);
                        return m;
                    }));
                }
            }
            Map<String, List<RunMetrics>> runs = new LinkedHashMap<>();
            for (var entry : futures.entrySet()) {
                List<RunMetrics> list = new ArrayList<>();
                for (Future<RunMetrics> f : entry.getValue()) list.add(get(f));
                runs.put(entry.getKey(), list);
            }
            return new ExperimentResult(e, trace.diagnostics().summary(), topology.nodeCount(), trace.jobs().size(),
                    TraceTransforms.offeredLoad(trace), runs, System.nanoTime() - t0);
        }
    }

    private static RunMetrics get(Future<RunMetrics> f) throws InterruptedException {
        try {
            return f.get();
        } catch (ExecutionException ex) {
            Throwable c = ex.getCause();
            if (c instanceof RuntimeException re) throw re;
            if (c instanceof Error err) throw err;
            throw new IllegalStateException(c);
        }
    }
}

package io.teg.sim.teg;

import io.teg.model.Layout;
import io.teg.model.Topology;
import io.teg.sim.SimJob;
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
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * One replay of a trace against a {@link TegScheduler} with the real simulator and the real physics, built as
 * {@code ExperimentRunner} builds it: trace reader, calibration from the bundled data, workload physics, plant.
 */
record TegRun(RunMetrics metrics, TegScheduler scheduler, Trace trace) {

    static Path dataDir() {
        Path dir = Path.of("").toAbsolutePath();
        for (Path d = dir; d != null; d = d.getParent()) {
            if (Files.isDirectory(d.resolve("data").resolve("traces"))) return d.resolve("data");
        }
        throw new IllegalStateException("no data/traces folder above " + dir);
    }

    static Path kth() {
        return dataDir().resolve("traces/KTH-SP2-1996-2.1-cln.swf");
    }

    /** Replays {@code swf} (its first {@code maxJobs} jobs when not null), memory bursts on. */
    static TegRun of(Path swf, Integer maxJobs, long seed) {
        return of(swf, maxJobs, seed, true, UnaryOperator.identity());
    }

    /**
     * Replays {@code swf} (its first {@code maxJobs} jobs when not null) after {@code edit} changed the job list;
     * without memory bursts no task passes its request, so no job is OOM-killed.
     */
    static TegRun of(Path swf, Integer maxJobs, long seed, boolean memoryBursts, UnaryOperator<List<SimJob>> edit) {
        try {
            Trace trace = TraceReaders.read(swf, new TraceOptions(false, seed, null));
            if (maxJobs != null) trace = TraceTransforms.limitJobs(trace, maxJobs);
            List<SimJob> jobs = edit.apply(trace.jobs());
            Calibration calibration = Calibration.load(dataDir());
            PhysicsParameters physics = PhysicsParameters.defaults();
            Topology topology = trace.cluster().topology(Layout.DEFAULT);
            Workload workload = WorkloadPhysics.prepare(jobs, trace.cluster(), calibration, physics, seed, memoryBursts);
            long lastSubmit = jobs.getLast().submitS();
            SimulationConfig config = new SimulationConfig(SimulationConfig.DEFAULT_PHYSICS_STEP_S,
                    SimulationConfig.DEFAULT_DEADLOCK_TIMEOUT_S, 10 * SimulationConfig.DEFAULT_DEADLOCK_TIMEOUT_S,
                    Math.max(3600, 2 * lastSubmit));
            TegScheduler scheduler = new TegScheduler();
            RunMetrics metrics = new Simulation(workload.jobs(), workload.profiles(), topology,
                    new DataCenterPlant(topology, physics, calibration), scheduler, config, seed).run();
            return new TegRun(metrics, scheduler, trace);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package io.teg.sim.experiment;

import io.teg.sim.trace.CensoredRuntimes;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One `teg sim` invocation: which trace, which schedulers, which seeds and what to change about the workload.
 *
 * @param trace the trace file (SWF or an Alibaba openb pod list)
 * @param nodesFile the node list for an Alibaba pod list, or null for the default beside the trace
 * @param schedulers scheduler names in report order
 * @param seed first seed; run r uses seed + r
 * @param runs number of runs (seeds) per scheduler, &ge; 1
 * @param load target offered load, or null to keep the trace's own
 * @param nodes scale the cluster (and the jobs with it) to about this many nodes, or null
 * @param maxJobs keep only the first this many jobs, or null
 * @param strict a malformed trace line is fatal instead of counted
 * @param memoryBursts jobs may burst past their memory request (see docs/model.md)
 * @param physicsStepS seconds between physics steps
 * @param deadlockTimeoutS partial-hold timeout that counts as a deadlock, seconds
 * @param threads runs executed at once
 * @param dataDir the folder holding the telemetry used for calibration ({@code data/} of the project)
 * @param censored what to do with runtimes cut off by the end of an Alibaba pod list's collection
 */
public record Experiment(Path trace, Path nodesFile, List<String> schedulers, long seed, int runs, Double load,
                         Integer nodes, Integer maxJobs, boolean strict, boolean memoryBursts, long physicsStepS,
                         long deadlockTimeoutS, int threads, Path dataDir, CensoredRuntimes censored) {

    /** An experiment with the default treatment of censored runtimes ({@link CensoredRuntimes#DEFAULT}). */
    public Experiment(Path trace, Path nodesFile, List<String> schedulers, long seed, int runs, Double load,
                      Integer nodes, Integer maxJobs, boolean strict, boolean memoryBursts, long physicsStepS,
                      long deadlockTimeoutS, int threads, Path dataDir) {
        this(trace, nodesFile, schedulers, seed, runs, load, nodes, maxJobs, strict, memoryBursts, physicsStepS,
                deadlockTimeoutS, threads, dataDir, CensoredRuntimes.DEFAULT);
    }

    public Experiment {
        schedulers = List.copyOf(schedulers);
        if (schedulers.isEmpty()) throw new IllegalArgumentException("--scheduler: at least one scheduler is needed");
        if (runs < 1) throw new IllegalArgumentException("--runs must be >= 1, got " + runs);
        if (load != null && !(load > 0 && load <= 100)) throw new IllegalArgumentException("--load must be in (0, 100], got " + load);
        if (nodes != null && nodes < 1) throw new IllegalArgumentException("--nodes must be >= 1, got " + nodes);
        if (maxJobs != null && maxJobs < 1) throw new IllegalArgumentException("--max-jobs must be >= 1, got " + maxJobs);
        if (threads < 1) throw new IllegalArgumentException("--threads must be >= 1, got " + threads);
        if (censored == null) throw new IllegalArgumentException("--censored: a value is needed");
    }

    /** The parameters that define the results, as written into results.json (sorted, deterministic). */
    public Map<String, Object> describe() {
        Map<String, Object> m = new TreeMap<>();
        m.put("trace", trace.getFileName().toString());
        m.put("nodes_file", nodesFile == null ? null : nodesFile.getFileName().toString());
        m.put("schedulers", schedulers);
        m.put("seed", seed);
        m.put("runs", runs);
        m.put("load", load);
        m.put("nodes", nodes);
        m.put("max_jobs", maxJobs);
        m.put("strict", strict);
        m.put("memory_bursts", memoryBursts);
        m.put("physics_step_s", physicsStepS);
        m.put("deadlock_timeout_s", deadlockTimeoutS);
        m.put("censored", censored.option());
        return m;
    }
}

package io.teg.cli;

import io.teg.sim.experiment.Experiment;
import io.teg.sim.experiment.ExperimentResult;
import io.teg.sim.experiment.ExperimentRunner;
import io.teg.sim.experiment.SchedulerCatalog;
import io.teg.sim.report.Reports;
import io.teg.sim.trace.CensoredRuntimes;
import io.teg.sim.trace.Trace;
import io.teg.sim.trace.TraceFormatException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code teg sim}: replays a real trace against schedulers on a physically modelled cluster and writes a table,
 * results.json, results.csv and PNG plots.
 */
@Command(name = "sim", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Replays a real trace (SWF, or an Alibaba openb pod list) against schedulers on a physically "
                + "modelled cluster; prints a table and writes results.json, results.csv, timing.json and plots to --out.",
                "The same arguments give a byte-identical results.json (decision latency, a wall-clock figure, goes to "
                        + "timing.json unless --timing)."})
public final class SimCommand implements Callable<Integer> {

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--trace", required = true, paramLabel = "FILE", description = "SWF trace or Alibaba openb pod list (CSV)")
    Path trace;

    @Option(names = "--nodes-file", paramLabel = "FILE",
            description = "node list for an Alibaba pod list (default: openb_node_list_all_node.csv beside the trace)")
    Path nodesFile;

    @Option(names = "--scheduler", defaultValue = "all", paramLabel = "NAME",
            description = "slurm, k8s, sparrow, teg, a comma-separated list, or all (default: ${DEFAULT-VALUE})")
    String scheduler;

    @Option(names = "--seed", defaultValue = "1", description = "first seed (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--runs", defaultValue = "1", description = "runs per scheduler, seeds N..N+R-1 (default: ${DEFAULT-VALUE})")
    int runs;

    @Option(names = "--load", paramLabel = "X", description = "target offered load, by compressing inter-arrival times")
    Double load;

    @Option(names = "--nodes", paramLabel = "N", description = "scale up: replicate the trace's cluster and jobs to about N nodes")
    Integer nodes;

    @Option(names = "--max-jobs", paramLabel = "J", description = "replay only the first J jobs (after scaling)")
    Integer maxJobs;

    @Option(names = "--out", defaultValue = "sim-out", paramLabel = "DIR", description = "output folder (default: ${DEFAULT-VALUE})")
    Path out;

    @Option(names = "--strict", description = "a malformed trace line is fatal (default: reported and counted)")
    boolean strict;

    @Option(names = "--memory-bursts", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "jobs may burst past their memory request (default: on)")
    boolean memoryBursts;

    @Option(names = "--censored", defaultValue = "resample", paramLabel = "MODE",
            description = "Alibaba pods still running when the list was collected: keep (age as runtime), drop, cap "
                    + "(at the longest known runtime of their GPU class) or resample (a known runtime at least as long "
                    + "as their age; default: ${DEFAULT-VALUE}; see docs/model.md)")
    String censored;

    @Option(names = "--timing", description = "put measured decision latency into results.json (then it is not byte-identical)")
    boolean timing;

    @Option(names = "--physics-step-s", defaultValue = "60", description = "seconds between physics steps (default: ${DEFAULT-VALUE})")
    long physicsStepS;

    @Option(names = "--deadlock-timeout-s", defaultValue = "1800",
            description = "a gang's partial hold longer than this counts as a deadlock, seconds (default: ${DEFAULT-VALUE})")
    long deadlockTimeoutS;

    @Option(names = "--threads", paramLabel = "T", description = "runs executed at once (default: the number of cores)")
    Integer threads;

    @Option(names = "--no-plots", description = "skip the PNG plots")
    boolean noPlots;

    @Option(names = "--quiet", description = "no progress bar and no trace summary")
    boolean quiet;

    @Override
    public Integer call() throws Exception {
        if (!Files.isRegularFile(trace)) throw new BadInputException("--trace: no such file: " + trace);
        if (nodesFile != null && !Files.isRegularFile(nodesFile)) throw new BadInputException("--nodes-file: no such file: " + nodesFile);
        if (physicsStepS < 1) throw new BadInputException("--physics-step-s must be >= 1, got " + physicsStepS);
        if (deadlockTimeoutS < physicsStepS)
            throw new BadInputException("--deadlock-timeout-s must be >= --physics-step-s, got " + deadlockTimeoutS);
        CensoredRuntimes censoredMode;
        try {
            censoredMode = CensoredRuntimes.parse(censored);
        } catch (IllegalArgumentException ex) {
            throw new BadInputException(ex.getMessage());
        }
        SchedulerCatalog catalog = SchedulerCatalog.standard();
        int t = threads != null ? threads : Math.max(1, Runtime.getRuntime().availableProcessors());
        Experiment e = new Experiment(trace, nodesFile, catalog.resolve(scheduler), seed, runs, load, nodes, maxJobs,
                strict, memoryBursts, physicsStepS, deadlockTimeoutS, t, Home.dataDir(), censoredMode);
        Trace loaded;
        try {
            loaded = ExperimentRunner.loadTrace(e);
        } catch (TraceFormatException ex) {
            throw new BadInputException(ex.getMessage(), ex);
        } catch (NoSuchFileException ex) {
            throw new BadInputException("no such file: " + ex.getFile(), ex);
        }
        if (!quiet) spec.commandLine().getErr().println("teg sim: " + loaded.diagnostics().summary());
        long totalJobs = (long) loaded.jobs().size() * e.runs() * e.schedulers().size();
        try (var progress = Reports.progress(totalJobs, quiet)) {
            ExperimentResult result = new ExperimentRunner(catalog).run(e, loaded, progress.run());
            progress.close();
            Files.createDirectories(out);
            Reports.writeAll(result, out, timing, !noPlots);
            spec.commandLine().getOut().print(Reports.table(result));
            spec.commandLine().getOut().flush();
            if (!quiet) spec.commandLine().getErr().println("teg sim: wrote " + out.resolve("results.json") + " and friends");
        } catch (IOException ex) {
            throw new IOException("writing " + out + ": " + ex.getMessage(), ex);
        }
        return 0;
    }
}

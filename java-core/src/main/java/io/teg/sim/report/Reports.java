package io.teg.sim.report;

import io.teg.sim.experiment.ExperimentResult;
import io.teg.sim.metrics.RunMetrics;
import io.teg.sim.metrics.SchedulerSummary;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything `teg sim` writes for one experiment: results.json, timing.json, results.csv, the plots and the
 * terminal table.
 */
public final class Reports {

    private Reports() {
    }

    /** One summary per scheduler, in the experiment's order. */
    public static List<SchedulerSummary> summaries(ExperimentResult result) {
        List<SchedulerSummary> out = new ArrayList<>();
        for (List<RunMetrics> runs : result.runs().values()) out.add(SchedulerSummary.of(runs));
        return out;
    }

    /** The parameters written into results.json: the experiment's, plus what the trace turned into. */
    static Map<String, Object> config(ExperimentResult result) {
        Map<String, Object> c = new LinkedHashMap<>(result.experiment().describe());
        c.put("cluster_nodes", result.nodes());
        c.put("replayed_jobs", result.jobs());
        c.put("offered_load", StableDecimal.of(result.offeredLoad(), 6));
        return c;
    }

    /**
     * Writes the files into {@code dir}.
     *
     * @param timing also put the measured decision latency into results.json
     * @param plots write the PNG plots
     * @return the files written
     */
    public static List<Path> writeAll(ExperimentResult result, Path dir, boolean timing, boolean plots) throws IOException {
        List<SchedulerSummary> s = summaries(result);
        List<Path> files = new ArrayList<>(new ResultsJson(result.experiment().trace().getFileName().toString(),
                config(result), s, timing).writeTo(dir));
        files.add(new ResultsCsv(s, timing).writeTo(dir));
        if (plots) files.addAll(new Plots(s).writeTo(dir));
        return files;
    }

    /** The terminal table, with a header line naming the trace and the cluster. */
    public static String table(ExperimentResult result) {
        return result.experiment().trace().getFileName() + ": " + result.jobs() + " jobs on " + result.nodes()
                + " nodes, offered load " + String.format(java.util.Locale.ROOT, "%.2f", result.offeredLoad())
                + ", " + result.experiment().runs() + " run(s) per scheduler, wall "
                + String.format(java.util.Locale.ROOT, "%.1f s", result.wallNs() / 1e9) + System.lineSeparator()
                + new TerminalTable(summaries(result)).render();
    }

    /** A progress display for {@code totalJobs} jobs across all runs; silent when {@code quiet}. */
    public static ProgressDisplay progress(long totalJobs, boolean quiet) {
        return ProgressDisplay.open(totalJobs, quiet ? ProgressDisplay.Mode.NEVER : ProgressDisplay.Mode.AUTO);
    }
}

package io.teg.sim.report;

import io.teg.sim.experiment.ExperimentResult;
import io.teg.sim.metrics.Estimate;
import io.teg.sim.metrics.SchedulerSummary;

import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * Renders a set of experiments as the Markdown of docs/results.md: one section per (trace, load), a table with
 * one row per metric and one column per scheduler, each cell {@code mean ± 95 % CI half-width} over the runs.
 * Only deterministic quantities go into the tables (wall-clock latency is reported separately by the benchmarks).
 */
public final class ResultsMarkdown {

    private record Row(String label, Function<SchedulerSummary, Estimate> metric, String format) {
    }

    private static final List<Row> ROWS = List.of(
            new Row("jobs completed", SchedulerSummary::completed, "%.0f"),
            new Row("throughput (jobs/h)", SchedulerSummary::throughputJobsPerHour, "%.2f"),
            new Row("makespan (h)", s -> scale(s.makespanS(), 1 / 3600.0), "%.1f"),
            new Row("mean wait (s)", SchedulerSummary::meanWaitS, "%.0f"),
            new Row("p95 wait (s)", SchedulerSummary::p95WaitS, "%.0f"),
            new Row("mean bounded slowdown", SchedulerSummary::meanBoundedSlowdown, "%.2f"),
            new Row("utilisation (%)", s -> scale(s.utilization(), 100), "%.1f"),
            new Row("stranded capacity (%)", s -> scale(s.strandedCapacity(), 100), "%.2f"),
            new Row("OOM kills", SchedulerSummary::oomKills, "%.1f"),
            new Row("evacuations", SchedulerSummary::evacuations, "%.1f"),
            new Row("power-cap violations", SchedulerSummary::powerViolations, "%.1f"),
            new Row("time over a cap (PDU-h)", s -> scale(s.powerViolationSeconds(), 1 / 3600.0), "%.2f"),
            new Row("throttled (node-h)", s -> scale(s.throttleSeconds(), 1 / 3600.0), "%.2f"),
            new Row("cooling energy (kWh)", SchedulerSummary::coolingEnergyKwh, "%.1f"),
            new Row("IT energy (kWh)", SchedulerSummary::itEnergyKwh, "%.1f"),
            new Row("deadlocked gangs", SchedulerSummary::deadlockedGangs, "%.1f"));

    private ResultsMarkdown() {
    }

    private static Estimate scale(Estimate e, double k) {
        return new Estimate(e.mean() * k, e.ci95() * k);
    }

    /** The section for one experiment: a heading, the setting and the table. */
    public static String section(ExperimentResult result) {
        var e = result.experiment();
        return section(e.trace().getFileName().toString(), e.load(), result.jobs(), result.nodes(),
                result.offeredLoad(), "memory bursts " + (e.memoryBursts() ? "on" : "off"), Reports.summaries(result));
    }

    /**
     * The section for one (trace, load): a heading, the setting and the table, one column per summary.
     *
     * @param load the target load, or null for the trace's own
     * @param setting what else defines the runs, in words, quoted after the seeds
     */
    public static String section(String trace, Double load, int jobs, int nodes, double offeredLoad, String setting,
                                 List<SchedulerSummary> s) {
        StringBuilder b = new StringBuilder();
        b.append("### ").append(trace).append(", load ")
                .append(load == null ? "as recorded" : fmt("%.1f", load))
                .append("\n\n");
        b.append(jobs).append(" jobs on ").append(nodes).append(" nodes, offered load ")
                .append(fmt("%.2f", offeredLoad)).append(", ").append(seeds(s)).append("; ").append(setting)
                .append(".\n\n");
        b.append("| metric |");
        for (SchedulerSummary x : s) b.append(' ').append(x.scheduler()).append(" |");
        b.append("\n|---|");
        b.append("---:|".repeat(s.size()));
        b.append('\n');
        for (Row row : ROWS) {
            b.append("| ").append(row.label()).append(" |");
            for (SchedulerSummary x : s) {
                Estimate e = row.metric().apply(x);
                b.append(' ').append(fmt(row.format(), e.mean()));
                if (x.runs() > 1) b.append(" ± ").append(fmt(row.format(), e.ci95()));
                b.append(" |");
            }
            b.append('\n');
        }
        b.append("| runs with a deadlock |");
        for (SchedulerSummary x : s) b.append(' ').append(x.deadlockRuns()).append(" of ").append(x.runs()).append(" |");
        b.append("\n| nodes touched per decision |");
        for (SchedulerSummary x : s) b.append(' ').append(fmt("%.1f", x.nodesTouchedPerDecision())).append(" |");
        b.append("\n\n");
        return b.toString();
    }

    /** "10 seeds (1..10)" when every column has the same consecutive seeds, else the seeds per scheduler. */
    private static String seeds(List<SchedulerSummary> s) {
        List<String> each = new java.util.ArrayList<>();
        for (SchedulerSummary x : s) {
            long first = x.perRun().getFirst().seed();
            long last = x.perRun().getLast().seed();
            boolean consecutive = last - first + 1 == x.runs();
            each.add(consecutive ? x.runs() + (x.runs() == 1 ? " seed (" : " seeds (") + first + ".." + last + ")"
                    : x.runs() + " seeds");
        }
        if (each.stream().distinct().count() == 1) return each.getFirst();
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.size(); i++) {
            if (i > 0) b.append(", ");
            b.append(s.get(i).scheduler()).append(' ').append(each.get(i));
        }
        return b.toString();
    }

    private static String fmt(String f, double v) {
        return String.format(Locale.ROOT, f, v);
    }
}

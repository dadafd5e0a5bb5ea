package io.teg.sim.report;

import io.teg.sim.metrics.Estimate;
import io.teg.sim.metrics.SchedulerSummary;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * A fixed-width table for the terminal: one row per metric, unit in the row label, one column per scheduler.
 *
 * <pre>
 * metric                                       slurm              k8s   sparrow
 * -----------------------------------------------------------------------------
 * runs (seeds)                                     3                3         1
 * mean wait (s)                      815.8 +/- 68.58   1201 +/- 248.5      15.5
 * utilization (%)                       91 +/- 2.484      81.25 +/- 0     81.25
 * ...
 * deadlock runs (runs)                        0 of 3           2 of 3    0 of 1
 * decision latency p99 (us)                    8.003            90.05       1.5
 * </pre>
 *
 * <p>Per-run metrics show the mean over the runs, followed by {@code +/- } the 95% confidence half-width when there
 * is more than one run ({@code +/- 0}: every run gave the same value); shares are shown in percent. Values are
 * right-aligned under their scheduler. Decision latency, wall time and events/s are the measured
 * wall-clock values, so the table is not byte-stable between runs (results.json is). Values have
 * {@value #SIGNIFICANT_DIGITS} significant digits (whole units kept). ASCII only. Immutable.
 */
public final class TerminalTable {

    /** Significant digits of the values shown. */
    public static final int SIGNIFICANT_DIGITS = 4;

    private static final String GAP = "   ";

    private final List<SchedulerSummary> schedulers;

    /**
     * @param schedulers one summary per scheduler, in column order, names distinct
     * @throws IllegalArgumentException when {@code schedulers} is empty or repeats a name
     */
    public TerminalTable(List<SchedulerSummary> schedulers) {
        this.schedulers = Summaries.checked(schedulers);
    }

    /** The table, each line ending with a line feed. */
    public String render() {
        List<String[]> rows = new ArrayList<>();
        rows.add(row("runs (seeds)", s -> Integer.toString(s.runs())));
        for (SummaryField f : SummaryField.values()) rows.add(row(f.label, s -> estimate(f.of(s), f.tableScale, s.runs())));
        rows.add(row("deadlock runs (runs)", s -> s.deadlockRuns() + " of " + s.runs()));
        rows.add(row("decisions (all runs)", s -> Long.toString(s.decisions())));
        rows.add(row("nodes touched (reads/decision)", s -> number(s.nodesTouchedPerDecision())));
        rows.add(row("decision latency p50 (us)", s -> number(s.decisionLatency().p50Us())));
        rows.add(row("decision latency p99 (us)", s -> number(s.decisionLatency().p99Us())));
        rows.add(row("decision latency max (us)", s -> number(s.decisionLatency().maxUs())));
        rows.add(row("wall time (s, all runs)", s -> number(s.wallS())));
        rows.add(row("simulation speed (events/s)", s -> number(s.eventsPerSecond())));

        String[] header = new String[schedulers.size() + 1];
        header[0] = "metric";
        for (int i = 0; i < schedulers.size(); i++) header[i + 1] = schedulers.get(i).scheduler();
        int[] width = new int[header.length];
        for (int c = 0; c < header.length; c++) width[c] = header[c].length();
        for (String[] r : rows) for (int c = 0; c < r.length; c++) width[c] = Math.max(width[c], r[c].length());

        StringBuilder out = new StringBuilder();
        line(out, header, width);
        int total = 0;
        for (int w : width) total += w;
        total += GAP.length() * (width.length - 1);
        out.append("-".repeat(total)).append('\n');
        for (String[] r : rows) line(out, r, width);
        return out.toString();
    }

    /** Prints {@link #render()} to {@code out}. */
    public void print(PrintStream out) {
        out.print(render());
        out.flush();
    }

    @Override
    public String toString() {
        return render();
    }

    private String[] row(String label, Function<SchedulerSummary, String> cell) {
        String[] r = new String[schedulers.size() + 1];
        r[0] = label;
        for (int i = 0; i < schedulers.size(); i++) r[i + 1] = cell.apply(schedulers.get(i));
        return r;
    }

    private static String estimate(Estimate e, double scale, int runs) {
        String mean = number(e.mean() * scale);
        return runs > 1 ? mean + " +/- " + number(e.ci95() * scale) : mean;
    }

    private static String number(double v) {
        String s = StableDecimal.format(v, SIGNIFICANT_DIGITS);
        return s.isEmpty() ? "n/a" : s;
    }

    private static void line(StringBuilder out, String[] cells, int[] width) {
        StringBuilder l = new StringBuilder();
        for (int c = 0; c < cells.length; c++) {
            if (c > 0) l.append(GAP);
            if (c == 0) l.append(cells[c]).append(" ".repeat(width[c] - cells[c].length()));
            else l.append(" ".repeat(width[c] - cells[c].length())).append(cells[c]);
        }
        out.append(l.toString().stripTrailing()).append('\n');
    }
}

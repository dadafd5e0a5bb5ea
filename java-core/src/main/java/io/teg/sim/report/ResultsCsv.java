package io.teg.sim.report;

import io.teg.sim.metrics.DecisionLatency;
import io.teg.sim.metrics.SchedulerSummary;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code results.csv}: the fields of {@link ResultsJson}'s scheduler entries flattened into one row per scheduler,
 * after a header row. Nested keys are joined with {@code _} ({@code decision_latency_us_p50},
 * {@code nodes_touched_per_decision_mean}, {@code ci95_mean_wait_s}); the first column is {@code scheduler}.
 *
 * <p>Same values, same number format and same determinism rule as results.json: {@code .} as decimal point,
 * {@value ResultsJson#SIGNIFICANT_DIGITS} significant digits, {@code \n} line ends; decision latency cells are
 * empty (and {@code decision_latency_us_measured} is {@code false}) unless {@code timing} is true. A scheduler name
 * holding a comma, quote or line break is quoted as RFC 4180 says. Immutable.
 */
public final class ResultsCsv {

    /** File name of the table. */
    public static final String FILE = "results.csv";

    private final List<SchedulerSummary> schedulers;
    private final boolean timing;

    /**
     * @param schedulers one summary per scheduler, in row order, names distinct
     * @param timing true to fill the decision latency columns with the measured (wall-clock) values
     * @throws IllegalArgumentException when {@code schedulers} is empty or repeats a name
     */
    public ResultsCsv(List<SchedulerSummary> schedulers, boolean timing) {
        this.schedulers = Summaries.checked(schedulers);
        this.timing = timing;
    }

    /** The column names, in order. */
    public static List<String> header() {
        List<String> h = new ArrayList<>();
        h.add("scheduler");
        for (SummaryField f : SummaryField.values()) if (!f.extra) h.add(f.key);
        h.addAll(List.of("deadlock_runs", "runs", "decision_latency_us_p50", "decision_latency_us_p99",
                "decision_latency_us_max", "decision_latency_us_measured", "nodes_touched_per_decision_mean"));
        for (SummaryField f : SummaryField.values()) if (f.extra) h.add(f.key);
        h.add("decisions");
        for (SummaryField f : SummaryField.values()) h.add("ci95_" + f.key);
        return List.copyOf(h);
    }

    /** The text of results.csv: header, then one row per scheduler, each line ending with a line feed. */
    public String render() {
        StringBuilder out = new StringBuilder();
        out.append(String.join(",", header())).append('\n');
        for (SchedulerSummary s : schedulers) out.append(String.join(",", row(s))).append('\n');
        return out.toString();
    }

    /**
     * Writes results.csv into {@code dir}, creating it if needed, replacing an older file.
     *
     * @return the path written
     */
    public Path writeTo(Path dir) throws IOException {
        Files.createDirectories(dir);
        return Files.writeString(dir.resolve(FILE), render(), StandardCharsets.UTF_8);
    }

    private List<String> row(SchedulerSummary s) {
        List<String> r = new ArrayList<>();
        r.add(quoted(s.scheduler()));
        for (SummaryField f : SummaryField.values()) if (!f.extra) r.add(number(f.of(s).mean()));
        r.add(Integer.toString(s.deadlockRuns()));
        r.add(Integer.toString(s.runs()));
        DecisionLatency l = s.decisionLatency();
        r.add(timing ? number(l.p50Us()) : "");
        r.add(timing ? number(l.p99Us()) : "");
        r.add(timing ? number(l.maxUs()) : "");
        r.add(Boolean.toString(timing));
        r.add(number(s.nodesTouchedPerDecision()));
        for (SummaryField f : SummaryField.values()) if (f.extra) r.add(number(f.of(s).mean()));
        r.add(Long.toString(s.decisions()));
        for (SummaryField f : SummaryField.values()) r.add(number(f.of(s).ci95()));
        return r;
    }

    private static String number(double v) {
        return StableDecimal.format(v, ResultsJson.SIGNIFICANT_DIGITS);
    }

    private static String quoted(String field) {
        if (field.indexOf(',') < 0 && field.indexOf('"') < 0 && field.indexOf('\n') < 0 && field.indexOf('\r') < 0) {
            return field;
        }
        return '"' + field.replace("\"", "\"\"") + '"';
    }
}

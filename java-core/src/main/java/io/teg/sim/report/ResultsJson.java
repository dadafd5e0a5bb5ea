package io.teg.sim.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.teg.sim.metrics.DecisionLatency;
import io.teg.sim.metrics.SchedulerSummary;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * {@code results.json} and {@code timing.json}: the machine-readable results of {@code teg sim}. Definitions:
 * docs/metrics.md.
 *
 * <pre>
 * results.json                                   timing.json (wall clock, never byte-stable)
 * { "tool": "teg sim",                           { "tool": "teg sim",
 *   "trace": ...,                                  "trace": ...,
 *   "config": { sorted keys ... },                 "schedulers": {
 *   "schedulers": {                                  "slurm": { "runs", "decisions",
 *     "slurm": { jobs ... ci95 },  (given order)        "decision_latency_us": {p50, p99, max},
 *     "k8s": { ... } } }                                "wall_s", "events", "events_per_s" }, ... } }
 * </pre>
 *
 * <p>Determinism: the same summaries, trace and config give a byte-identical results.json. Keys come in a fixed
 * order (config keys sorted, nested maps too; schedulers in the order given), objects are two-space indented
 * with {@code \n} line ends and arrays stay on one line, and every number goes through one format: rounded half-even to
 * {@value #SIGNIFICANT_DIGITS} significant digits, or to whole units where it has more integer digits, in plain
 * notation with no trailing zeros ({@code 3600}, {@code 0.8125}, {@code 1234567}). Decision latency is wall-clock
 * time and would break this, so by default results.json has {@code "decision_latency_us": {"p50": null, "p99":
 * null, "max": null, "measured": false}} and the figures are only in timing.json; with {@code timing = true} they
 * are written into results.json too, with {@code "measured": true}. timing.json is always written.
 *
 * <p>Each scheduler entry has these keys, in this order; other tools read them, so they never change:
 * {@code jobs, completed, makespan_s, throughput_jobs_per_hour, mean_wait_s, p95_wait_s, mean_bounded_slowdown,
 * utilization, oom_kills, power_violations, power_violation_seconds, throttle_seconds, cooling_energy_kwh,
 * deadlock_runs, runs, decision_latency_us {p50, p99, max, measured}, nodes_touched_per_decision {mean},
 * stranded_capacity, it_energy_kwh, deadlocked_gangs, decisions, ci95 {...}}. Per-run metrics are means over
 * the runs, {@code ci95} holds their 95% confidence half-widths under the same keys; {@code deadlock_runs},
 * {@code runs} and {@code decisions} (all runs together) are integers.
 *
 * <p>Immutable; the config is copied when the instance is made.
 */
public final class ResultsJson {

    /** File name of the deterministic results. */
    public static final String RESULTS_FILE = "results.json";
    /** File name of the wall-clock figures. */
    public static final String TIMING_FILE = "timing.json";
    /** Value of the top-level {@code "tool"} key. */
    public static final String TOOL = "teg sim";
    /** Significant digits every number is rounded to. */
    public static final int SIGNIFICANT_DIGITS = 6;

    private final String trace;
    private final JsonNode config;
    private final List<SchedulerSummary> schedulers;
    private final boolean timing;
    private final JsonMapper mapper;
    private final JsonNodeFactory nodes = JsonNodeFactory.instance;

    /**
     * @param trace what was replayed (a name or path), written as given
     * @param config the run's settings, written with keys sorted; values may be strings, numbers, booleans, null,
     *        lists or maps (nested map keys are sorted too)
     * @param schedulers one summary per scheduler, in report order, names distinct
     * @param timing true to write the measured decision latency into results.json (which then differs from run to
     *        run), false to leave it null there
     * @throws IllegalArgumentException when {@code schedulers} is empty or repeats a name, or a config value has no
     *         JSON form
     */
    public ResultsJson(String trace, Map<String, ?> config, List<SchedulerSummary> schedulers, boolean timing) {
        this.trace = Objects.requireNonNull(trace, "trace");
        this.schedulers = Summaries.checked(schedulers);
        this.timing = timing;
        this.mapper = JsonMapper.builder()
                .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
                .enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
                .build();
        this.config = mapper.valueToTree(new TreeMap<>(config));
    }

    /** The text of results.json, ending with a line feed. */
    public String results() {
        ObjectNode root = nodes.objectNode();
        root.put("tool", TOOL);
        root.put("trace", trace);
        root.set("config", config.deepCopy());
        ObjectNode all = root.putObject("schedulers");
        for (SchedulerSummary s : schedulers) all.set(s.scheduler(), entry(s));
        return text(root);
    }

    /** The text of timing.json, ending with a line feed: wall-clock figures per scheduler, over all its runs. */
    public String timingReport() {
        ObjectNode root = nodes.objectNode();
        root.put("tool", TOOL);
        root.put("trace", trace);
        ObjectNode all = root.putObject("schedulers");
        for (SchedulerSummary s : schedulers) {
            ObjectNode n = all.putObject(s.scheduler());
            n.put("runs", s.runs());
            n.put("decisions", s.decisions());
            ObjectNode lat = n.putObject("decision_latency_us");
            latency(lat, s.decisionLatency());
            n.put("wall_s", number(s.wallS()));
            n.put("events", s.events());
            n.put("events_per_s", number(s.eventsPerSecond()));
        }
        return text(root);
    }

    /**
     * Writes results.json and timing.json into {@code dir}, creating it if needed, replacing older files.
     *
     * @return the paths written, results.json first
     */
    public List<Path> writeTo(Path dir) throws IOException {
        Files.createDirectories(dir);
        Path results = Files.writeString(dir.resolve(RESULTS_FILE), results(), StandardCharsets.UTF_8);
        Path timings = Files.writeString(dir.resolve(TIMING_FILE), timingReport(), StandardCharsets.UTF_8);
        return List.of(results, timings);
    }

    private ObjectNode entry(SchedulerSummary s) {
        ObjectNode n = nodes.objectNode();
        for (SummaryField f : SummaryField.values()) {
            if (!f.extra) n.put(f.key, number(f.of(s).mean()));
        }
        n.put("deadlock_runs", s.deadlockRuns());
        n.put("runs", s.runs());
        ObjectNode lat = n.putObject("decision_latency_us");
        if (timing) {
            latency(lat, s.decisionLatency());
        } else {
            lat.putNull("p50");
            lat.putNull("p99");
            lat.putNull("max");
        }
        lat.put("measured", timing);
        n.putObject("nodes_touched_per_decision").put("mean", number(s.nodesTouchedPerDecision()));
        for (SummaryField f : SummaryField.values()) {
            if (f.extra) n.put(f.key, number(f.of(s).mean()));
        }
        n.put("decisions", s.decisions());
        ObjectNode ci = n.putObject("ci95");
        for (SummaryField f : SummaryField.values()) ci.put(f.key, number(f.of(s).ci95()));
        return n;
    }

    private static void latency(ObjectNode into, DecisionLatency l) {
        into.put("p50", number(l.p50Us()));
        into.put("p99", number(l.p99Us()));
        into.put("max", number(l.maxUs()));
    }

    private static BigDecimal number(double v) {
        return StableDecimal.of(v, SIGNIFICANT_DIGITS);
    }

    private String text(JsonNode root) {
        DefaultIndenter lf = new DefaultIndenter("  ", "\n");
        DefaultPrettyPrinter pretty = new DefaultPrettyPrinter(Separators.createDefaultInstance()
                .withObjectFieldValueSpacing(Separators.Spacing.AFTER))
                .withObjectIndenter(lf);
        ObjectWriter writer = mapper.writer(pretty);
        try {
            return writer.writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("cannot write a JSON tree that was built in memory", e);
        }
    }
}

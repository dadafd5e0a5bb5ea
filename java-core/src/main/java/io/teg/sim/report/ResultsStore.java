package io.teg.sim.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.teg.sim.metrics.RunMetrics;
import io.teg.sim.metrics.SchedulerSummary;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The stored runs behind docs/results.md (docs/results-data.json): for every (trace, load) section the setting it
 * was run with and, per scheduler, one entry per seed with the run's deterministic metrics. {@code teg results}
 * adds or replaces runs and renders the tables from this file, so re-running one scheduler keeps the others' runs.
 *
 * <pre>
 * { "format": 1,
 *   "sections": [ { "trace": "KTH-SP2-1996-2.1-cln.swf", "load": 1.2, "setting": "...", "jobs": 28467,
 *                   "nodes": 100, "offered_load": 1.2,
 *                   "runs": { "slurm": [ { "seed": 1, "completed": ..., ... }, ... ], ... } }, ... ] }
 * </pre>
 *
 * <p>A run holds the scalar fields of {@link RunMetrics} (not the latency histogram, the waits or the series, which
 * the tables do not use). Sections are kept sorted by trace then load, schedulers by name, runs by seed, so the same
 * runs give the same bytes. Doubles are written in Java's shortest round-trip form and read back exactly. Mutable,
 * single-threaded.
 */
public final class ResultsStore {

    /** Format version written to and expected in the file. */
    public static final int FORMAT = 1;

    /**
     * What a section's runs were made from, besides the seed.
     *
     * @param setting the trace transforms and simulation options in one line; runs made with another setting are
     *        dropped when a run with this one is stored
     * @param jobs jobs replayed per run
     * @param nodes nodes in the cluster
     * @param offeredLoad offered load of the replayed workload
     */
    public record Section(String setting, int jobs, int nodes, double offeredLoad) {
    }

    private record Key(String trace, double load) implements Comparable<Key> {
        @Override
        public int compareTo(Key o) {
            int c = trace.compareTo(o.trace);
            return c != 0 ? c : Double.compare(load, o.load);
        }
    }

    private static final class Entry {
        Section section;
        final Map<String, TreeMap<Long, RunMetrics>> runs = new TreeMap<>();
    }

    private final TreeMap<Key, Entry> sections = new TreeMap<>();

    /** An empty store. */
    public ResultsStore() {
    }

    /** Reads {@code file}; an absent file gives an empty store. */
    public static ResultsStore read(Path file) throws IOException {
        ResultsStore store = new ResultsStore();
        if (!Files.exists(file)) return store;
        JsonNode root;
        try {
            root = JsonMapper.builder().build().readTree(file.toFile());
        } catch (JsonProcessingException e) {
            throw new IOException(file + ": not valid JSON: " + e.getOriginalMessage(), e);
        }
        if (root == null || root.path("format").asInt(-1) != FORMAT)
            throw new IOException(file + ": \"format\" must be " + FORMAT);
        for (JsonNode s : root.path("sections")) {
            String trace = text(file, s, "trace");
            double load = s.path("load").asDouble();
            Section section = new Section(text(file, s, "setting"), s.path("jobs").asInt(), s.path("nodes").asInt(),
                    s.path("offered_load").asDouble());
            Entry e = store.entry(new Key(trace, load));
            e.section = section;
            for (Iterator<Map.Entry<String, JsonNode>> it = s.path("runs").fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> sched = it.next();
                TreeMap<Long, RunMetrics> bySeed = e.runs.computeIfAbsent(sched.getKey(), k -> new TreeMap<>());
                for (JsonNode r : sched.getValue()) {
                    RunMetrics m = run(sched.getKey(), r);
                    bySeed.put(m.seed(), m);
                }
            }
        }
        return store;
    }

    private static String text(Path file, JsonNode n, String key) throws IOException {
        JsonNode v = n.get(key);
        if (v == null || !v.isTextual()) throw new IOException(file + ": a section lacks the text field \"" + key + "\"");
        return v.asText();
    }

    private Entry entry(Key k) {
        return sections.computeIfAbsent(k, x -> new Entry());
    }

    /**
     * Stores {@code run} (replacing a stored run of the same scheduler and seed) in the section of {@code trace} at
     * {@code load}; when the section was stored with another setting, its old runs are dropped first.
     */
    public void put(String trace, double load, Section section, RunMetrics run) {
        Entry e = entry(new Key(trace, load));
        if (e.section != null && !e.section.setting().equals(section.setting())) e.runs.clear();
        e.section = section;
        e.runs.computeIfAbsent(run.scheduler(), k -> new TreeMap<>()).put(run.seed(), run);
    }

    /** Drops the stored runs of {@code scheduler} in the section of {@code trace} at {@code load}. */
    public void clear(String trace, double load, String scheduler) {
        Entry e = sections.get(new Key(trace, load));
        if (e != null) e.runs.remove(scheduler);
    }

    /** True when a run of {@code scheduler} with {@code seed} is stored for this section and setting. */
    public boolean has(String trace, double load, String setting, String scheduler, long seed) {
        Entry e = sections.get(new Key(trace, load));
        if (e == null || e.section == null || !e.section.setting().equals(setting)) return false;
        TreeMap<Long, RunMetrics> r = e.runs.get(scheduler);
        return r != null && r.containsKey(seed);
    }

    /** The stored runs of one scheduler in one section, by ascending seed (empty when none). */
    public List<RunMetrics> runs(String trace, double load, String scheduler) {
        Entry e = sections.get(new Key(trace, load));
        if (e == null) return List.of();
        TreeMap<Long, RunMetrics> r = e.runs.get(scheduler);
        return r == null ? List.of() : List.copyOf(r.values());
    }

    /**
     * The Markdown of every stored section among {@code traces} x {@code loads}, in that order, schedulers in
     * {@code schedulers} order; schedulers without runs in a section are named below its table.
     */
    public String markdown(List<String> traces, List<Double> loads, List<String> schedulers) {
        StringBuilder b = new StringBuilder();
        for (String trace : traces) {
            for (double load : loads) {
                Entry e = sections.get(new Key(trace, load));
                List<SchedulerSummary> s = new ArrayList<>();
                List<String> missing = new ArrayList<>();
                for (String name : schedulers) {
                    TreeMap<Long, RunMetrics> r = e == null ? null : e.runs.get(name);
                    if (r == null || r.isEmpty()) missing.add(name);
                    else s.add(SchedulerSummary.of(List.copyOf(r.values())));
                }
                if (s.isEmpty()) {
                    b.append("### ").append(trace).append(", load ").append(fmt("%.1f", load)).append("\n\n")
                            .append("Not computed yet.\n\n");
                    continue;
                }
                Section sec = e.section;
                b.append(ResultsMarkdown.section(trace, load, sec.jobs(), sec.nodes(), sec.offeredLoad(), sec.setting(), s));
                if (!missing.isEmpty()) {
                    b.append("Not computed yet: ").append(String.join(", ", missing)).append(".\n\n");
                }
            }
        }
        return b.toString();
    }

    /** The file's text, ending with a line feed. */
    public String text() {
        JsonNodeFactory f = JsonNodeFactory.instance;
        ObjectNode root = f.objectNode();
        root.put("format", FORMAT);
        ArrayNode all = root.putArray("sections");
        for (Map.Entry<Key, Entry> se : sections.entrySet()) {
            Entry e = se.getValue();
            if (e.section == null || e.runs.isEmpty()) continue;
            ObjectNode s = all.addObject();
            s.put("trace", se.getKey().trace());
            s.put("load", se.getKey().load());
            s.put("setting", e.section.setting());
            s.put("jobs", e.section.jobs());
            s.put("nodes", e.section.nodes());
            s.put("offered_load", e.section.offeredLoad());
            ObjectNode runs = s.putObject("runs");
            for (Map.Entry<String, TreeMap<Long, RunMetrics>> r : e.runs.entrySet()) {
                ArrayNode list = runs.putArray(r.getKey());
                for (RunMetrics m : r.getValue().values()) list.add(json(m));
            }
        }
        DefaultPrettyPrinter pretty = new DefaultPrettyPrinter().withObjectIndenter(new DefaultIndenter("  ", "\n"))
                .withArrayIndenter(new DefaultIndenter("  ", "\n"));
        try {
            return JsonMapper.builder().build().writer(pretty).writeValueAsString(root) + "\n";
        } catch (JsonProcessingException ex) {
            throw new UncheckedIOException("cannot write a JSON tree that was built in memory", ex);
        }
    }

    /** Writes {@link #text()} to {@code file} (through a temporary file beside it, then a move). */
    public void write(Path file) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(tmp, text(), StandardCharsets.UTF_8);
        Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    private static ObjectNode json(RunMetrics m) {
        ObjectNode n = JsonNodeFactory.instance.objectNode();
        n.put("seed", m.seed());
        n.put("jobs", m.jobs());
        n.put("completed", m.completed());
        n.put("makespan_s", m.makespanS());
        n.put("throughput_jobs_per_hour", m.throughputJobsPerHour());
        n.put("mean_wait_s", m.meanWaitS());
        n.put("p95_wait_s", m.p95WaitS());
        n.put("mean_bounded_slowdown", m.meanBoundedSlowdown());
        n.put("utilization", m.utilization());
        n.put("stranded_capacity", m.strandedCapacity());
        n.put("oom_kills", m.oomKills());
        n.put("power_violations", m.powerViolations());
        n.put("power_violation_seconds", m.powerViolationSeconds());
        n.put("throttle_seconds", m.throttleSeconds());
        n.put("cooling_energy_kwh", m.coolingEnergyKwh());
        n.put("it_energy_kwh", m.itEnergyKwh());
        n.put("deadlocked", m.deadlocked());
        n.put("deadlocked_gangs", m.deadlockedGangs());
        n.put("decisions", m.decisions());
        n.put("nodes_touched", m.nodesTouched());
        n.put("events", m.events());
        n.put("evacuations", m.evacuations());
        n.put("lost_work_s", m.lostWorkS());
        return n;
    }

    private static RunMetrics run(String scheduler, JsonNode n) {
        return new RunMetrics(scheduler, n.path("seed").asLong(), n.path("jobs").asInt(), n.path("completed").asInt(),
                n.path("makespan_s").asLong(), n.path("throughput_jobs_per_hour").asDouble(),
                n.path("mean_wait_s").asDouble(), n.path("p95_wait_s").asDouble(),
                n.path("mean_bounded_slowdown").asDouble(), n.path("utilization").asDouble(),
                n.path("stranded_capacity").asDouble(), n.path("oom_kills").asLong(),
                n.path("power_violations").asLong(), n.path("power_violation_seconds").asDouble(),
                n.path("throttle_seconds").asDouble(), n.path("cooling_energy_kwh").asDouble(),
                n.path("it_energy_kwh").asDouble(), n.path("deadlocked").asBoolean(),
                n.path("deadlocked_gangs").asLong(), null, n.path("decisions").asLong(),
                n.path("nodes_touched").asLong(), n.path("events").asLong(), 0, new double[0], null,
                n.path("evacuations").asLong(), n.path("lost_work_s").asDouble());
    }

    private static String fmt(String f, double v) {
        return String.format(Locale.ROOT, f, v);
    }
}

package io.teg.sim.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.teg.sim.metrics.SchedulerSummary;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ResultsJsonTest {

    private static final List<String> REQUIRED = List.of("jobs", "completed", "makespan_s",
            "throughput_jobs_per_hour", "mean_wait_s", "p95_wait_s", "mean_bounded_slowdown", "utilization",
            "oom_kills", "power_violations", "power_violation_seconds", "throttle_seconds", "cooling_energy_kwh",
            "deadlock_runs", "runs", "decision_latency_us", "nodes_touched_per_decision");

    private final ObjectMapper json = new ObjectMapper();

    private static Map<String, Object> config() {
        Map<String, Object> nested = new HashMap<>();
        nested.put("zeta", 1);
        nested.put("alpha", "x");
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("seeds", List.of(1, 2, 3));
        c.put("offered_load", 0.95);
        c.put("cluster", "kth-sp2");
        c.put("physics", nested);
        return c;
    }

    private static List<String> names(JsonNode object) {
        List<String> n = new ArrayList<>();
        object.fieldNames().forEachRemaining(n::add);
        return n;
    }

    @Test
    void shouldWriteEveryRequiredKeyForEachSchedulerWhenRendered() throws IOException {
        JsonNode root = json.readTree(new ResultsJson("kth-sp2.swf", config(), Summaries3.make(), false).results());

        assertThat(names(root)).containsExactly("tool", "trace", "config", "schedulers");
        assertThat(root.get("tool").asText()).isEqualTo("teg sim");
        assertThat(root.get("trace").asText()).isEqualTo("kth-sp2.swf");
        assertThat(names(root.get("schedulers"))).containsExactly("slurm", "k8s", "sparrow");
        for (JsonNode entry : root.get("schedulers")) {
            assertThat(names(entry)).containsAll(REQUIRED)
                    .contains("stranded_capacity", "it_energy_kwh", "deadlocked_gangs", "ci95");
            assertThat(names(entry).subList(0, REQUIRED.size())).containsExactlyElementsOf(REQUIRED);
            assertThat(names(entry.get("decision_latency_us"))).containsExactly("p50", "p99", "max", "measured");
            assertThat(names(entry.get("nodes_touched_per_decision"))).containsExactly("mean");
            for (String key : REQUIRED) {
                JsonNode v = entry.get(key);
                if (v.isObject()) continue;
                assertThat(v.isNumber()).as(key).isTrue();
                assertThat(entry.get("ci95").get(key) != null || key.equals("deadlock_runs") || key.equals("runs"))
                        .as("ci95 of " + key).isTrue();
            }
        }
    }

    @Test
    void shouldWriteMeansCountsAndIntervalsWhenSummariesHaveSeveralRuns() throws IOException {
        JsonNode root = json.readTree(new ResultsJson("t", Map.of(), Summaries3.make(), false).results());
        JsonNode k8s = root.get("schedulers").get("k8s");
        JsonNode slurm = root.get("schedulers").get("slurm");

        assertThat(k8s.get("runs").asInt()).isEqualTo(3);
        assertThat(k8s.get("deadlock_runs").asInt()).isEqualTo(2);
        assertThat(k8s.get("deadlocked_gangs").asDouble()).isEqualTo(1.0);
        assertThat(k8s.get("decisions").asLong()).isEqualTo(2);
        assertThat(k8s.get("nodes_touched_per_decision").get("mean").asDouble()).isEqualTo(1000.0);
        assertThat(slurm.get("nodes_touched_per_decision").get("mean").asDouble()).isEqualTo(10.0);
        assertThat(k8s.get("mean_wait_s").asDouble()).isEqualTo(1201.25);
        assertThat(k8s.get("ci95").get("mean_wait_s").asDouble()).isGreaterThan(0);
        assertThat(k8s.get("ci95").get("jobs").asDouble()).isZero();
    }

    @Test
    void shouldWriteNumbersInOneStableFormatWhenValuesHaveManyDigits() {
        String text = new ResultsJson("t", Map.of(), Summaries3.make(), false).results();

        assertThat(text).contains("\"jobs\": 1000,");
        assertThat(text).contains("\"jobs\": 1234567,");              // counts stay exact past 6 digits
        assertThat(text).contains("\"mean_wait_s\": 815.848,");       // (812.4444444 + 790.1 + 845) / 3, 6 digits
        assertThat(text).contains("\"utilization\": 0.8125,");
        assertThat(text).doesNotContain("E+", "E-", "e+", "e-", "\r");
        assertThat(text).endsWith("}\n");
    }

    @Test
    void shouldBeByteIdenticalWhenInputsAreIdentical(@TempDir Path a, @TempDir Path b) throws IOException {
        Map<String, Object> reversed = new LinkedHashMap<>();
        List<String> keys = new ArrayList<>(config().keySet());
        for (int i = keys.size() - 1; i >= 0; i--) reversed.put(keys.get(i), config().get(keys.get(i)));

        new ResultsJson("trace.swf", config(), Summaries3.make(), false).writeTo(a);
        new ResultsJson("trace.swf", reversed, Summaries3.make(), false).writeTo(b);

        assertThat(Files.mismatch(a.resolve("results.json"), b.resolve("results.json"))).isEqualTo(-1L);
    }

    @Test
    void shouldSortConfigKeysWhenCallerMapIsUnordered() throws IOException {
        JsonNode config = json.readTree(new ResultsJson("t", config(), Summaries3.make(), false).results()).get("config");

        assertThat(names(config)).containsExactly("cluster", "offered_load", "physics", "seeds");
        assertThat(names(config.get("physics"))).containsExactly("alpha", "zeta");
        assertThat(config.get("offered_load").asDouble()).isEqualTo(0.95);
    }

    @Test
    void shouldWriteNullLatencyWhenTimingIsOff() throws IOException {
        JsonNode root = json.readTree(new ResultsJson("t", Map.of(), Summaries3.make(), false).results());

        for (JsonNode entry : root.get("schedulers")) {
            JsonNode l = entry.get("decision_latency_us");
            assertThat(l.get("p50").isNull()).isTrue();
            assertThat(l.get("p99").isNull()).isTrue();
            assertThat(l.get("max").isNull()).isTrue();
            assertThat(l.get("measured").asBoolean(true)).isFalse();
            assertThat(entry.get("nodes_touched_per_decision").get("mean").isNumber()).isTrue();
        }
    }

    @Test
    void shouldWriteMeasuredLatencyWhenTimingIsOn() throws IOException {
        List<SchedulerSummary> summaries = Summaries3.make();
        JsonNode root = json.readTree(new ResultsJson("t", Map.of(), summaries, true).results());

        JsonNode k8s = root.get("schedulers").get("k8s").get("decision_latency_us");
        assertThat(k8s.get("measured").asBoolean(false)).isTrue();
        assertThat(k8s.get("p50").isNumber()).isTrue();
        assertThat(k8s.get("max").asDouble()).isCloseTo(90.0, org.assertj.core.data.Percentage.withPercentage(0.1));
        assertThat(k8s.get("p50").asDouble()).isCloseTo(40.0, org.assertj.core.data.Percentage.withPercentage(0.1));
    }

    @Test
    void shouldWriteWallClockFiguresToTimingFileWhenWritten(@TempDir Path dir) throws IOException {
        List<Path> written = new ResultsJson("t", Map.of(), Summaries3.make(), false).writeTo(dir);

        assertThat(written).containsExactly(dir.resolve("results.json"), dir.resolve("timing.json"));
        JsonNode timing = json.readTree(Files.readString(dir.resolve("timing.json")));
        JsonNode slurm = timing.get("schedulers").get("slurm");
        assertThat(names(timing.get("schedulers"))).containsExactly("slurm", "k8s", "sparrow");
        assertThat(slurm.get("decision_latency_us").get("max").asDouble()).isCloseTo(8.0,
                org.assertj.core.data.Percentage.withPercentage(0.1));
        assertThat(slurm.get("wall_s").asDouble()).isEqualTo(6.0);
        assertThat(slurm.get("events").asLong()).isEqualTo(150_000);
        assertThat(slurm.get("events_per_s").asDouble()).isEqualTo(25_000.0);
    }

    @Test
    void shouldRejectReportWhenSchedulerNamedTwice() {
        List<SchedulerSummary> twice = List.of(Summaries3.make().get(0), Summaries3.make().get(0));

        assertThatThrownBy(() -> new ResultsJson("t", Map.of(), twice, false))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("slurm");
    }
}

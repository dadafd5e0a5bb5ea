package io.teg.sim.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.teg.sim.metrics.RunBuilder;
import io.teg.sim.metrics.SchedulerSummary;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ResultsCsvTest {

    private static String[] cells(String line) {
        return line.split(",", -1);
    }

    @Test
    void shouldWriteHeaderAndOneRowPerSchedulerWhenRendered() {
        String[] lines = new ResultsCsv(Summaries3.make(), false).render().split("\n", -1);

        assertThat(lines).hasSize(5); // header, three rows, empty after the last line feed
        assertThat(lines[4]).isEmpty();
        List<String> header = List.of(cells(lines[0]));
        assertThat(header).startsWith("scheduler", "jobs", "completed", "makespan_s");
        assertThat(header).contains("decision_latency_us_p50", "decision_latency_us_p99", "decision_latency_us_max",
                "decision_latency_us_measured", "nodes_touched_per_decision_mean", "deadlock_runs", "runs",
                "ci95_mean_wait_s", "stranded_capacity");
        assertThat(header).doesNotHaveDuplicates();
        for (int i = 1; i <= 3; i++) assertThat(cells(lines[i])).hasSameSizeAs(header);
        assertThat(cells(lines[1])[0]).isEqualTo("slurm");
        assertThat(cells(lines[2])[0]).isEqualTo("k8s");
        assertThat(cells(lines[3])[0]).isEqualTo("sparrow");
    }

    @Test
    void shouldMatchJsonValuesWhenFieldsAreFlattened() throws IOException {
        List<SchedulerSummary> summaries = Summaries3.make();
        JsonNode schedulers = new ObjectMapper().readTree(new ResultsJson("t", Map.of(), summaries, true).results())
                .get("schedulers");
        String[] lines = new ResultsCsv(summaries, true).render().split("\n");
        String[] header = cells(lines[0]);

        for (int row = 1; row < lines.length; row++) {
            String[] cells = cells(lines[row]);
            JsonNode entry = schedulers.get(cells[0]);
            for (int c = 1; c < header.length; c++) {
                String key = header[c];
                JsonNode v = entry.get(key);
                if (v == null && key.startsWith("ci95_")) v = entry.get("ci95").get(key.substring(5));
                if (v == null && key.startsWith("decision_latency_us_")) {
                    v = entry.get("decision_latency_us").get(key.substring("decision_latency_us_".length()));
                }
                if (v == null && key.equals("nodes_touched_per_decision_mean")) {
                    v = entry.get("nodes_touched_per_decision").get("mean");
                }
                assertThat(v).as(key).isNotNull();
                assertThat(cells[c]).as(cells[0] + " " + key).isEqualTo(v.asText());
            }
        }
    }

    @Test
    void shouldLeaveLatencyEmptyWhenTimingIsOffAndFillItWhenOn() {
        List<String> header = ResultsCsv.header();
        int p50 = header.indexOf("decision_latency_us_p50");
        int measured = header.indexOf("decision_latency_us_measured");

        String[] off = cells(new ResultsCsv(Summaries3.make(), false).render().split("\n")[2]);
        String[] on = cells(new ResultsCsv(Summaries3.make(), true).render().split("\n")[2]);

        assertThat(off[p50]).isEmpty();
        assertThat(off[measured]).isEqualTo("false");
        assertThat(Double.parseDouble(on[p50])).isBetween(39.9, 40.1);
        assertThat(on[measured]).isEqualTo("true");
    }

    @Test
    void shouldUseDotDecimalsWhenDefaultLocaleUsesCommas() {
        Locale before = Locale.getDefault();
        try {
            Locale.setDefault(Locale.GERMANY);
            String csv = new ResultsCsv(Summaries3.make(), false).render();

            assertThat(csv).contains(",815.848,").contains(",0.8125,");
        } finally {
            Locale.setDefault(before);
        }
    }

    @Test
    void shouldQuoteSchedulerNameWhenItHoldsComma() {
        SchedulerSummary odd = SchedulerSummary.of(List.of(RunBuilder.run("fifo,\"strict\"", 1).build()));

        String row = new ResultsCsv(List.of(odd), false).render().split("\n")[1];

        assertThat(row).startsWith("\"fifo,\"\"strict\"\"\",");
    }

    @Test
    void shouldWriteIdenticalBytesWhenInputsAreIdentical(@TempDir Path a, @TempDir Path b) throws IOException {
        Path first = new ResultsCsv(Summaries3.make(), false).writeTo(a);
        Path second = new ResultsCsv(Summaries3.make(), false).writeTo(b);

        assertThat(first.getFileName().toString()).isEqualTo("results.csv");
        assertThat(Files.mismatch(first, second)).isEqualTo(-1L);
    }
}

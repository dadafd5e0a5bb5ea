package io.teg.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class BenchCommandTest {

    @TempDir
    Path tmp;

    @Test
    void shouldReportEachJmhResultAsARatioToTheFirstParameterSetWhenGivenJmhJson() throws IOException {
        Path jmh = tmp.resolve("jmh.json");
        Files.writeString(jmh, """
                [
                 {"benchmark":"io.teg.agent.PlacementBenchmark.place","mode":"sample","params":{"nodes":"1000"},
                  "primaryMetric":{"score":40.0,"scoreUnit":"us/op","scorePercentiles":{"50.0":38.0,"99.0":60.0}}},
                 {"benchmark":"io.teg.agent.PlacementBenchmark.place","mode":"sample","params":{"nodes":"1000000"},
                  "primaryMetric":{"score":44.0,"scoreUnit":"us/op","scorePercentiles":{"50.0":41.8,"99.0":90.0}}},
                 {"benchmark":"io.teg.ledger.LedgerThroughputBenchmark.core","mode":"thrpt","params":{},
                  "primaryMetric":{"score":2.0E6,"scoreUnit":"ops/s"}}
                ]
                """);
        Cli r = Cli.run("bench", "jmh-ratios", "--jmh-json", jmh.toString(), "--out", tmp.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        JsonNode rows = new ObjectMapper().readTree(tmp.resolve("bench-jmh-ratios.json").toFile()).get("results");
        assertThat(rows).hasSize(3);
        assertThat(rows.get(0).get("score_ratio").asDouble()).isEqualTo(1.0);
        assertThat(rows.get(1).get("score_ratio").asDouble()).isEqualTo(1.1);
        assertThat(rows.get(1).get("p50_ratio").asDouble()).isCloseTo(1.1, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(rows.get(1).get("p99_ratio").asDouble()).isEqualTo(1.5);
        assertThat(rows.get(2).get("score_ratio").asDouble()).isEqualTo(1.0);
    }

    @Test
    void shouldExitWith2WhenTheJmhFileIsMissing() {
        Cli r = Cli.run("bench", "jmh-ratios", "--jmh-json", tmp.resolve("none.json").toString(), "--out", tmp.toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("--jmh-json").contains("none.json");
    }

    @Test
    void shouldExitWith2AndNameTheOptionWhenATegConfLineHasNoEquals() {
        Cli r = Cli.run("bench", "slurm", "--teg-conf", "HandOffPoll", "--out", tmp.toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("--teg-conf HandOffPoll: expected KEY=VALUE");
    }

    @Test
    void shouldExitWith2AndNameTheOptionWhenHandOffPollIsOutOfRange() {
        Cli r = Cli.run("bench", "bridge", "--handoff-poll", "0.2,2000", "--out", tmp.toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("--handoff-poll: 2000.0 is not in [0, 1000] ms");
    }
}

package io.teg.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SimCommandTest {

    static final List<String> REQUIRED_KEYS = List.of("jobs", "completed", "makespan_s", "throughput_jobs_per_hour",
            "mean_wait_s", "p95_wait_s", "mean_bounded_slowdown", "utilization", "oom_kills", "power_violations",
            "power_violation_seconds", "throttle_seconds", "cooling_energy_kwh", "deadlock_runs", "runs",
            "decision_latency_us", "nodes_touched_per_decision");

    @TempDir
    Path tmp;

    @Test
    void shouldExitWith2AndOneLineWhenTheSchedulerIsUnknown() {
        Cli r = Cli.run("sim", "--trace", Cli.data("traces/KTH-SP2-1996-2.1-cln.swf").toString(),
                "--scheduler", "fifo", "--out", tmp.toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err().strip().lines()).hasSize(1);
        assertThat(r.err()).contains("unknown scheduler 'fifo'").contains("slurm");
    }

    @Test
    void shouldExitWith2AndOneLineWhenTheTraceIsMissing() {
        Cli r = Cli.run("sim", "--trace", tmp.resolve("nope.swf").toString(), "--out", tmp.toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err().strip().lines()).hasSize(1);
        assertThat(r.err()).contains("no such file").contains("nope.swf");
    }

    @Test
    void shouldExitWith2AndOneLineWhenAnOptionIsUnknownOrMalformed() {
        Cli unknown = Cli.run("sim", "--trace", "x.swf", "--frobnicate");
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.err().strip().lines()).hasSize(1);
        assertThat(unknown.err()).contains("--frobnicate");

        Cli badNumber = Cli.run("sim", "--trace", Cli.data("traces/KTH-SP2-1996-2.1-cln.swf").toString(), "--load", "lots");
        assertThat(badNumber.exitCode()).isEqualTo(2);
        assertThat(badNumber.err().strip().lines()).hasSize(1);
        assertThat(badNumber.err()).contains("--load");

        Cli negative = Cli.run("sim", "--trace", Cli.data("traces/KTH-SP2-1996-2.1-cln.swf").toString(), "--runs", "0",
                "--out", tmp.toString());
        assertThat(negative.exitCode()).isEqualTo(2);
        assertThat(negative.err()).contains("--runs");
    }

    @Test
    void shouldReportAndCountAMalformedLineWhenNotStrictAndStopWhenStrict() throws IOException {
        Path swf = tmp.resolve("small.swf");
        Files.writeString(swf, """
                ; MaxNodes: 4
                ; MaxProcs: 4
                1 0 0 100 1 -1 -1 1 200 -1 1 1 1 -1 -1 -1 -1 -1
                2 10 0 100 2 -1 -1 2 200 -1 1 2 1 -1 -1 -1 -1 -1
                3 20 0 oops
                4 30 0 50 1 -1 -1 1 100 -1 1 3 1 -1 -1 -1 -1 -1
                """);
        Cli lenient = Cli.run("sim", "--trace", swf.toString(), "--scheduler", "slurm", "--out", tmp.resolve("a").toString(),
                "--no-plots");
        assertThat(lenient.exitCode()).as(lenient.err()).isZero();
        assertThat(lenient.err()).contains("small.swf:5");
        JsonNode slurm = new ObjectMapper().readTree(tmp.resolve("a/results.json").toFile()).get("schedulers").get("slurm");
        assertThat(slurm.get("jobs").asInt()).isEqualTo(3);
        assertThat(slurm.get("completed").asInt()).isEqualTo(3);

        Cli strict = Cli.run("sim", "--trace", swf.toString(), "--scheduler", "slurm", "--strict",
                "--out", tmp.resolve("b").toString());
        assertThat(strict.exitCode()).isEqualTo(2);
        assertThat(strict.err().strip().lines()).hasSize(1);
        assertThat(strict.err()).contains("small.swf:5");
        assertThat(tmp.resolve("b/results.json")).doesNotExist();
    }

    @Test
    void shouldWriteEveryKeyAndAByteIdenticalFileWhenRunTwiceWithTheSameArguments() throws IOException {
        String trace = Cli.data("traces/KTH-SP2-1996-2.1-cln.swf").toString();
        for (String dir : List.of("r1", "r2")) {
            Cli r = Cli.run("sim", "--trace", trace, "--scheduler", "all", "--seed", "7", "--max-jobs", "1500",
                    "--out", tmp.resolve(dir).toString(), "--quiet", "--no-plots", "--threads", dir.equals("r1") ? "1" : "2");
            assertThat(r.exitCode()).as(r.err()).isZero();
            assertThat(r.out()).contains("slurm").contains("k8s").contains("sparrow");
        }
        byte[] a = Files.readAllBytes(tmp.resolve("r1/results.json"));
        byte[] b = Files.readAllBytes(tmp.resolve("r2/results.json"));
        assertThat(a).isEqualTo(b);
        JsonNode schedulers = new ObjectMapper().readTree(a).get("schedulers");
        for (String s : List.of("slurm", "k8s", "sparrow")) {
            assertThat(schedulers.has(s)).as(s).isTrue();
            for (String key : REQUIRED_KEYS) assertThat(schedulers.get(s).has(key)).as(s + "." + key).isTrue();
            assertThat(schedulers.get(s).get("decision_latency_us").has("p99")).isTrue();
            assertThat(schedulers.get(s).get("nodes_touched_per_decision").has("mean")).isTrue();
            assertThat(schedulers.get(s).get("jobs").asInt()).isEqualTo(1500);
        }
        assertThat(tmp.resolve("r1/results.csv")).isNotEmptyFile();
        assertThat(tmp.resolve("r1/timing.json")).isNotEmptyFile();
    }
}

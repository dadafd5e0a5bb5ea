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

/**
 * The simulator on the whole real traces, as a user runs it: the KTH log against every baseline, twice, and the
 * Alibaba multi-GPU list at load 1.2, where the failure modes TEG claims to remove must show up in the baselines.
 */
class SimulatorReplayIT {

    @TempDir
    Path tmp;

    @Test
    void shouldReplayAllOfKthAgainstEveryBaselineIdenticallyWhenRunTwice() throws IOException {
        String trace = Cli.data("traces/KTH-SP2-1996-2.1-cln.swf").toString();
        for (String dir : List.of("a", "b")) {
            Cli r = Cli.run("sim", "--trace", trace, "--scheduler", "all", "--seed", "7", "--out", tmp.resolve(dir).toString(),
                    "--quiet");
            assertThat(r.exitCode()).as(r.err()).isZero();
        }
        byte[] a = Files.readAllBytes(tmp.resolve("a/results.json"));
        assertThat(a).isEqualTo(Files.readAllBytes(tmp.resolve("b/results.json")));
        JsonNode s = new ObjectMapper().readTree(a).get("schedulers");
        for (String name : List.of("slurm", "k8s", "sparrow")) {
            for (String key : SimCommandTest.REQUIRED_KEYS) assertThat(s.get(name).has(key)).as(name + "." + key).isTrue();
            assertThat(s.get(name).get("jobs").asInt()).isGreaterThan(28_000);
            assertThat(s.get(name).get("completed").asInt()).as(name + " completes most jobs").isGreaterThan(20_000);
        }
        for (String png : List.of("wait_cdf.png", "utilization.png", "rack_power.png", "rack_inlet.png")) {
            assertThat(tmp.resolve("a").resolve(png)).isNotEmptyFile();
        }
    }

    @Test
    void shouldShowGangDeadlocksInK8sButNotInSlurmAndOomKillsWithBurstsWhenMultiGpuAtLoad12() throws IOException {
        String trace = Cli.data("traces/alibaba-gpu-v2023/openb_pod_list_multigpu50.csv").toString();
        Cli r = Cli.run("sim", "--trace", trace, "--scheduler", "all", "--seed", "1", "--runs", "2", "--load", "1.2",
                "--out", tmp.toString(), "--quiet", "--no-plots");
        assertThat(r.exitCode()).as(r.err()).isZero();
        JsonNode s = new ObjectMapper().readTree(tmp.resolve("results.json").toFile()).get("schedulers");
        assertThat(s.get("k8s").get("deadlock_runs").asInt()).as("k8s places gangs pod by pod").isPositive();
        assertThat(s.get("slurm").get("deadlock_runs").asInt()).as("slurm allocates gangs whole").isZero();
        for (String name : List.of("slurm", "k8s", "sparrow")) {
            assertThat(s.get(name).get("oom_kills").asDouble()).as(name + " OOM kills with bursts").isPositive();
        }
    }

    @Test
    void shouldShowNoOomKillsWhenMemoryBurstsAreOff() throws IOException {
        String trace = Cli.data("traces/alibaba-gpu-v2023/openb_pod_list_default.csv").toString();
        Cli r = Cli.run("sim", "--trace", trace, "--scheduler", "slurm", "--no-memory-bursts", "--out", tmp.toString(),
                "--quiet", "--no-plots");
        assertThat(r.exitCode()).as(r.err()).isZero();
        JsonNode s = new ObjectMapper().readTree(tmp.resolve("results.json").toFile()).get("schedulers");
        assertThat(s.get("slurm").get("oom_kills").asDouble()).isZero();
    }
}

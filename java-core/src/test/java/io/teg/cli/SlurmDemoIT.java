package io.teg.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code teg demo} end to end, small: a real 4-node cluster, 20 jobs of the KTH trace through sbatch. */
class SlurmDemoIT {

    @Test
    void shouldCompleteEveryReplayedJobAndStopTheClusterWhenTheDemoRuns(@TempDir Path out) throws Exception {
        String name = "it_demo_" + ProcessHandle.current().pid();
        Cli r = Cli.run("demo", "--name", name, "--nodes", "4", "--jobs", "20", "--span-s", "5", "--max-sleep-s", "2",
                "--select", "cons_tres", "--out", out.toString());

        assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
        assertThat(r.out()).contains("submitted 20/20", "finished 20");
        JsonNode s = new ObjectMapper().readTree(out.resolve("slurm-demo.json").toFile());
        assertThat(s.path("jobs_submitted").asInt()).isEqualTo(20);
        assertThat(s.path("completed").asInt()).isEqualTo(20);
        assertThat(s.path("mean_wait_s").asDouble()).isGreaterThanOrEqualTo(0.0);
        assertThat(s.path("select_plugin").asText()).isEqualTo("select/cons_tres");
        Path dir = Home.root().resolve("target/cluster").resolve(name);
        assertThat(Files.exists(dir.resolve("daemons"))).as("every daemon stopped").isFalse();
    }
}

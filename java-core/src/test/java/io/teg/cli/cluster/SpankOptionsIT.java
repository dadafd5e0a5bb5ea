package io.teg.cli.cluster;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** spank_teg.so loaded by real sbatch (plugstack.conf from 'teg cluster up') and by the real slurmstepd. */
class SpankOptionsIT {

    private static LocalCluster cluster;

    @BeforeAll
    static void up() throws Exception {
        TestClusters.builtPlugin("spank_teg.so");
        cluster = TestClusters.start("it_spank", 2, SelectPlugin.CONS_TRES, TestClusters.pluginDir());
    }

    @AfterAll
    static void down() throws Exception {
        if (cluster != null) cluster.down();
    }

    private static SlurmClient.Output sbatch(String... options) {
        List<String> argv = new ArrayList<>(List.of("sbatch", "--parsable", "-D", cluster.layout().jobDir().toString(),
                "-o", cluster.layout().jobDir() + "/%j.out"));
        argv.addAll(List.of(options));
        argv.addAll(List.of("--wrap", "env | grep TEG_ | sort"));
        return cluster.client().exec(argv);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "--teg-bid=-5        | --teg-bid=-5: must be a positive number of tokens",
            "--teg-bid=0         | --teg-bid=0: must be a positive number of tokens",
            "--teg-bid=0.000     | --teg-bid=0.000: must be a positive number of tokens",
            "--teg-bid=abc       | --teg-bid=abc: must be a positive number of tokens",
            "--teg-bid=1.1234567 | --teg-bid=1.1234567: must be a positive number of tokens",
            "--teg-bid=1e3       | --teg-bid=1e3: must be a positive number of tokens",
            "--teg-sla=fast      | --teg-sla=fast: must be one of latency, throughput, batch",
            "--teg-sla=          | --teg-sla=: must be one of latency, throughput, batch",
            "--teg-class=a/b     | --teg-class=a/b: must be 1 to 64 letters, digits, '_', '.' or '-'"})
    void shouldRefuseTheJobWithAClearMessageWhenAValueIsInvalid(String option, String message) {
        int before = cluster.client().jobStates().size();
        SlurmClient.Output o = sbatch(option);
        assertThat(o.exitCode()).as(o.stderr()).isNotZero();
        assertThat(o.stderr()).contains("sbatch: error: " + message);
        assertThat(o.stdout()).isEmpty();
        assertThat(cluster.client().jobStates()).as("no job was created").hasSize(before);
    }

    @Test
    void shouldPassTheValuesToTheJobWhenTheyAreValid() throws Exception {
        SlurmClient.Output o = sbatch("--teg-bid=12.5", "--teg-sla=batch", "--teg-class=ml-train");
        assertThat(o.exitCode()).as(o.stderr()).isZero();
        long id = Long.parseLong(o.stdout().strip());
        assertThat(TestClusters.awaitJobs(cluster.client(), List.of(id), Duration.ofSeconds(60)))
                .containsEntry(id, "COMPLETED");
        List<String> env = Files.readAllLines(cluster.layout().jobDir().resolve(id + ".out"));
        // TEG_*: set in the job by slurmstepd; SLURM_SPANK_TEG_*: the job control environment that slurmctld kept
        // on the job record (what select/teg reads) and handed back with the batch job.
        assertThat(env).contains("TEG_BID=12.5", "TEG_SLA=batch", "TEG_CLASS=ml-train",
                "SLURM_SPANK_TEG_BID=12.5", "SLURM_SPANK_TEG_SLA=batch", "SLURM_SPANK_TEG_CLASS=ml-train");
    }

    @ParameterizedTest
    @ValueSource(strings = {"latency", "throughput", "batch"})
    void shouldAcceptEverySlaWhenItIsOneOfTheThree(String sla) {
        SlurmClient.Output o = sbatch("--teg-sla=" + sla, "--teg-bid=0.000001");
        assertThat(o.exitCode()).as(o.stderr()).isZero();
        assertThat(o.stdout().strip()).matches("\\d+");
    }

    @Test
    void shouldSetNothingWhenNoOptionIsGiven() throws Exception {
        SlurmClient.Output o = sbatch();
        assertThat(o.exitCode()).as(o.stderr()).isZero();
        long id = Long.parseLong(o.stdout().strip());
        TestClusters.awaitJobs(cluster.client(), List.of(id), Duration.ofSeconds(60));
        Path out = cluster.layout().jobDir().resolve(id + ".out");
        assertThat(Files.readString(out)).isEmpty();
    }

    @Test
    void shouldListTheOptionsWhenSbatchPrintsItsHelp() {
        String help = cluster.client().run("sbatch", "--help");
        assertThat(help).contains("--teg-bid=TOKENS", "--teg-sla=latency|throughput|batch", "--teg-class=NAME");
    }
}

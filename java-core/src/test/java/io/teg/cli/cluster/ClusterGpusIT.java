package io.teg.cli.cluster;

import io.teg.cli.Home;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code teg cluster up --gpus 4}: two nodes under select/teg that declare four GPUs each (plain files for devices).
 * Slurm counts them, jobs that ask three GPUs run one per node, and TEG sees the free GPUs in its decisions.
 */
class ClusterGpusIT {

    private static LocalCluster cluster;

    @BeforeAll
    static void up() throws Exception {
        TestClusters.builtPlugin("select_teg.so");
        String name = "it_gpus";
        Path dir = Home.root().resolve("target/cluster/" + name + "_" + ProcessHandle.current().pid());
        ClusterLayout layout = ClusterCommand.layout(name, dir, 2, "teg", 8, 8192, 4, null, TestClusters.pluginDir(),
                List.of("DecisionTimeout=5000"), List.of());
        cluster = new LocalCluster(layout, LocalCluster.Timeouts.standard(2), s -> { });
        cluster.up();
    }

    @AfterAll
    static void down() throws Exception {
        if (cluster != null && !cluster.liveDaemons().isEmpty()) cluster.down();
    }

    @Test
    void shouldRunOneThreeGpuJobPerNodeAndRankByFreeGpusWhenEachNodeHasFour() throws Exception {
        SlurmClient c = cluster.client();
        String node = c.run("scontrol", "-o", "show", "node", "n1");
        assertThat(node).contains("Gres=gpu:4");
        assertThat(Files.readString(cluster.layout().gresConf())).contains("Name=gpu File=");
        Path jobs = cluster.layout().jobDir();
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < 4; i++)
            ids.add(c.sbatch(List.of("-D", jobs.toString(), "-o", "/dev/null", "-n", "1", "--gres=gpu:3", "-t", "5"),
                    "sleep 1"));

        Map<Long, String> states = TestClusters.awaitJobs(c, ids, Duration.ofSeconds(120));

        assertThat(states.values()).containsOnly("COMPLETED");
        List<String> decisions = Files.readAllLines(cluster.layout().decisionLog()).stream()
                .filter(l -> l.startsWith("decision ") && ids.stream().anyMatch(id -> l.contains(" job=" + id + " ")))
                .toList();
        assertThat(decisions).as("TEG ranked nodes for the GPU jobs").isNotEmpty();
        for (String d : decisions) {
            String free = d.replaceAll(".* free_gpus=(\\S+).*", "$1");
            assertThat(free).as("free GPUs of the ranked nodes in %s", d).matches("[0-9,]+");
            for (String g : free.split(",")) assertThat(Integer.parseInt(g)).as(d).isGreaterThanOrEqualTo(3);
        }
    }
}

package io.teg.cli.cluster;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A real munged, slurmctld and four slurmd on loopback, started and stopped by {@link LocalCluster}. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LocalClusterIT {

    private static LocalCluster cluster;
    private static List<Daemon> daemons;

    @BeforeAll
    static void up() throws Exception {
        cluster = TestClusters.start("it_local", 4, SelectPlugin.CONS_TRES, null);
        daemons = cluster.liveDaemons();
    }

    @AfterAll
    static void downIfStillUp() throws Exception {
        if (cluster != null && !cluster.liveDaemons().isEmpty()) cluster.down();
    }

    @Test
    @Order(1)
    void shouldShowFourIdleNodesWhenUpReturns() {
        assertThat(daemons).extracting(Daemon::role)
                .containsExactly("munged", "slurmctld", "slurmd-n1", "slurmd-n2", "slurmd-n3", "slurmd-n4");
        assertThat(cluster.client().nodeStates()).containsOnlyKeys("n1", "n2", "n3", "n4").containsValues("idle");
    }

    @Test
    @Order(2)
    void shouldCompleteEveryJobWhenJobsOfSeveralSizesAreSubmitted() throws Exception {
        SlurmClient c = cluster.client();
        Path jobs = cluster.layout().jobDir();
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            List<String> size = switch (i % 3) {
                case 0 -> List.of("-n", "1");
                case 1 -> List.of("-n", "4");
                default -> List.of("-N", "2", "-n", "2");
            };
            List<String> opts = new ArrayList<>(List.of("-D", jobs.toString(), "-o", jobs + "/%j.out"));
            opts.addAll(size);
            ids.add(c.sbatch(opts, "sleep 1; echo ran-on=$SLURM_JOB_NODELIST"));
        }
        Map<Long, String> states = TestClusters.awaitJobs(c, ids, Duration.ofSeconds(90));
        assertThat(states).containsOnlyKeys(ids);
        assertThat(states.values()).containsOnly("COMPLETED");
        Set<String> nodes = new HashSet<>();
        for (long id : ids) {
            String out = Files.readString(jobs.resolve(id + ".out"));
            assertThat(out).startsWith("ran-on=n");
            nodes.add(c.showJob(id).get("NodeList"));
        }
        assertThat(c.showJob(ids.get(2)).get("NumNodes")).isEqualTo("2");
        assertThat(nodes).allMatch(n -> n.matches("n\\d|n\\[[-,\\d]+]"));
    }

    @Test
    @Order(3)
    void shouldRefuseASecondUpWhenTheClusterIsRunning() {
        LocalCluster twin = new LocalCluster(cluster.layout(), LocalCluster.Timeouts.standard(4), s -> { });
        assertThatThrownBy(twin::up).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("is already up (munged PID " + daemons.getFirst().pid() + ")");
    }

    @Test
    @Order(4)
    void shouldLeaveNoProcessBehindWhenDownStopsAClusterWithARunningJob() throws Exception {
        SlurmClient c = cluster.client();
        Path pidFile = cluster.layout().jobDir().resolve("job-pid");
        long id = c.sbatch(List.of("-D", cluster.layout().jobDir().toString(), "-o", "/dev/null"),
                "echo $$ > " + pidFile + "; exec sleep 600");
        TestClusters.awaitJobs(c, List.of(id), Duration.ofSeconds(60), "RUNNING");
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!Files.exists(pidFile) || Files.readString(pidFile).isBlank()) {
            assertThat(System.nanoTime()).as("the job wrote its PID").isLessThan(deadline);
            Thread.sleep(100);
        }
        long jobPid = Long.parseLong(Files.readString(pidFile).strip());
        assertThat(ProcessHandle.of(jobPid)).isPresent();
        List<Long> stepPids = cluster.jobSteps().stream().map(ProcessHandle::pid).toList();

        LocalCluster.Stopped stopped = cluster.down();

        assertThat(stopped.terminated().size() + stopped.killed().size()).isEqualTo(daemons.size());
        for (Daemon d : daemons) {
            assertThat(ProcessHandle.of(d.pid()).filter(ProcessHandle::isAlive)).as(d.role()).isEmpty();
        }
        assertThat(ProcessHandle.of(jobPid).filter(ProcessHandle::isAlive)).as("the job's sleep").isEmpty();
        assertThat(stepPids).as("the job's slurmstepd was found while it ran").isNotEmpty();
        for (long step : stepPids) {
            assertThat(ProcessHandle.of(step).filter(ProcessHandle::isAlive)).as("slurmstepd " + step).isEmpty();
        }
        assertThat(cluster.jobSteps()).as("no slurmstepd with this cluster's SLURM_CONF").isEmpty();
        assertThat(Files.exists(cluster.layout().daemonTable())).isFalse();
        assertThat(cluster.liveDaemons()).isEmpty();
    }
}

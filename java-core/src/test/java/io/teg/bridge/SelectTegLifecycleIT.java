package io.teg.bridge;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * slurmctld's own life with select/teg inside: reconfiguration, SIGHUP, SIGUSR2 log rotation and a restart with jobs
 * running all keep slurmctld up and TEG deciding.
 */
class SelectTegLifecycleIT {

    private LocalSlurm slurm;

    @AfterEach
    void stop() throws Exception {
        if (slurm != null) slurm.close();
    }

    private void startAndAwaitTeg() throws Exception {
        slurm = LocalSlurm.create("lifecycle", 4, 4, LocalSlurm.defaultTegConf()).start();
        awaitLog("select/teg: TEG engine ready", 1);
    }

    private void awaitLog(String text, int times) throws InterruptedException {
        LocalSlurm.await(Duration.ofSeconds(60), times + " × '" + text + "' in slurmctld's log", () -> {
            try {
                return count(slurm.log(), text) >= times;
            } catch (Exception e) {
                return false;
            }
        });
    }

    private static int count(String text, String part) {
        int n = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) n++;
        return n;
    }

    private List<Long> submit(int count, String sleep) throws Exception {
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < count; i++)
            ids.add(slurm.submit("-N", Integer.toString(1 + i % 2), "-n", Integer.toString(1 + i % 2 + i % 3), "-t", "5",
                    "--wrap", "sleep " + sleep));
        return ids;
    }

    private void assertCompleted(List<Long> ids) throws Exception {
        Map<Long, LocalSlurm.JobView> jobs = slurm.jobs();
        for (long id : ids)
            assertThat(jobs.get(id)).as("job " + id).isNotNull().extracting(LocalSlurm.JobView::state)
                    .isEqualTo("COMPLETED");
    }

    private long decisionLines() throws Exception {
        return slurm.decisions().stream().filter(l -> l.startsWith("decision ")).count();
    }

    @Test
    void shouldKeepSchedulingWithTegWhenReconfiguredHungUpAndLogRotated() throws Exception {
        startAndAwaitTeg();
        List<Long> before = submit(6, "3");
        slurm.run(Duration.ofSeconds(30), "scontrol", "reconfigure");
        slurm.signalController("HUP");
        Path rotated = slurm.ctldLog.resolveSibling("slurmctld.log.1");
        Files.move(slurm.ctldLog, rotated);
        Path rotatedDecisions = slurm.decisionLog.resolveSibling("teg-decisions.log.1");
        Files.move(slurm.decisionLog, rotatedDecisions);
        slurm.signalController("USR2");
        LocalSlurm.await(Duration.ofSeconds(30), "a new slurmctld.log after SIGUSR2", () -> Files.exists(slurm.ctldLog));
        long decisionsBefore = decisionLines();

        List<Long> after = submit(10, "1");
        slurm.awaitQueueEmpty(Duration.ofMinutes(3));

        assertThat(slurm.controllerAlive()).as("slurmctld survived reconfigure, SIGHUP and SIGUSR2").isTrue();
        assertCompleted(before);
        assertCompleted(after);
        assertThat(Files.readString(rotated)).contains("select/teg: counters at reconfigure");
        assertThat(decisionsBefore).as("nothing written to the moved decision log's path yet").isZero();
        assertThat(decisionLines()).as("TEG still decides after the signals, into a reopened decision log")
                .isGreaterThan(decisionsBefore);
        assertThat(Files.readAllLines(rotatedDecisions)).as("the moved decision log keeps its lines")
                .anyMatch(l -> l.startsWith("bootstrap "));
        assertThat(slurm.log()).doesNotContain("fatal");
    }

    @Test
    void shouldReopenLeasesAndFinishJobsWhenSlurmctldRestartsWithJobsRunning() throws Exception {
        startAndAwaitTeg();
        List<Long> running = submit(4, "10");
        LocalSlurm.await(Duration.ofSeconds(60), "4 running jobs", () -> slurm.run(Duration.ofSeconds(10),
                "squeue", "-h", "-t", "R", "-o", "%i").lines().count() == 4);

        slurm.stopController();
        assertThat(slurm.log()).as("slurmctld never calls fini(): the counters line comes from its last state save")
                .containsPattern("select/teg: counters at shutdown: job_test calls=[1-9]\\d* ranked=[1-9]");
        slurm.startController();
        awaitLog("select/teg: TEG engine ready", 2);
        List<Long> later = submit(6, "1");
        slurm.awaitQueueEmpty(Duration.ofMinutes(3));

        assertCompleted(running);
        assertCompleted(later);
        List<String> lines = slurm.decisions();
        int bootstraps = 0;
        int reopened = 0;
        for (String l : lines) {
            if (l.startsWith("bootstrap ")) bootstraps++;
            else if (bootstraps == 2 && l.startsWith("lease ")
                    && running.contains(Long.parseLong(LocalSlurm.fields(l).get("job")))) reopened++;
        }
        assertThat(bootstraps).as("one JVM per slurmctld start").isEqualTo(2);
        assertThat(reopened).as("the running jobs' leases were opened again after the restart").isEqualTo(4);
    }
}

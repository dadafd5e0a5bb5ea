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
 * Whatever goes wrong on TEG's side, Slurm keeps placing jobs with cons_tres, and says so once in its log
 * (FallbackLogInterval=3600 in these clusters).
 */
class SelectTegFallbackIT {

    private static final String FALLBACK = "select/teg: fallback to cons_tres";

    private LocalSlurm slurm;

    @AfterEach
    void stop() throws Exception {
        if (slurm != null) slurm.close();
    }

    private static int count(String text, String part) {
        int n = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) n++;
        return n;
    }

    /** Starts a 4-node cluster with {@code tegConf}, runs 12 jobs, and checks that all completed. */
    private void runJobsWith(String tegConf) throws Exception {
        slurm = LocalSlurm.create("fallback", 4, 4, tegConf).start();
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < 12; i++)
            ids.add(slurm.submit("-N", Integer.toString(1 + i % 2), "-n", Integer.toString(1 + i % 4), "-t", "5",
                    "--wrap", "sleep 1"));
        slurm.awaitQueueEmpty(Duration.ofMinutes(3));
        Map<Long, LocalSlurm.JobView> jobs = slurm.jobs();
        for (long id : ids)
            assertThat(jobs.get(id)).as("job " + id).isNotNull().extracting(LocalSlurm.JobView::state)
                    .isEqualTo("COMPLETED");
        assertThat(slurm.controllerAlive()).isTrue();
        slurm.run(Duration.ofSeconds(30), "scontrol", "reconfigure");
        LocalSlurm.await(Duration.ofSeconds(30), "a counters line", () -> {
            try {
                return slurm.log().contains("counters at reconfigure: job_test calls=");
            } catch (Exception e) {
                return false;
            }
        });
    }

    private long fallbacksCounted() throws Exception {
        String log = slurm.log();
        int at = log.lastIndexOf("counters at reconfigure:");
        return Long.parseLong(LocalSlurm.fields(log.substring(at, log.indexOf('\n', at))).get("fallbacks"));
    }

    @Test
    void shouldPlaceWithConsTresAndSayWhyOnceWhenTheClassPathHoldsNoTeg() throws Exception {
        Path notTeg = Files.list(LocalSlurm.tegJar().resolveSibling("lib"))
                .filter(p -> p.getFileName().toString().startsWith("picocli")).findFirst().orElseThrow();
        String conf = LocalSlurm.defaultTegConf().replaceAll("(?m)^ClassPath=.*$", "ClassPath=" + notTeg);

        runJobsWith(conf);

        String log = slurm.log();
        assertThat(count(log, "TEG is off, every job is placed by cons_tres: class io.teg.bridge.Bootstrap not found"))
                .isEqualTo(1);
        assertThat(count(log, FALLBACK)).isEqualTo(1);
        assertThat(fallbacksCounted()).isPositive();
    }

    @Test
    void shouldPlaceWithConsTresWhenTheJvmExits() throws Exception {
        runJobsWith(LocalSlurm.defaultTegConf("JvmOptions=-Dteg.bridge.fault=exit"));

        String log = slurm.log();
        assertThat(count(log, "TEG is off, every job is placed by cons_tres: the JVM exited with status 3"))
                .isEqualTo(1);
        assertThat(count(log, FALLBACK)).isEqualTo(1);
        assertThat(fallbacksCounted()).isPositive();
    }

    @Test
    void shouldPlaceWithConsTresWhenAnUpcallHangs() throws Exception {
        runJobsWith(LocalSlurm.defaultTegConf("DecisionTimeout=20", "JvmOptions=-Dteg.bridge.fault=hang"));

        String log = slurm.log();
        assertThat(count(log, FALLBACK + " for JobId=")).isEqualTo(1);
        assertThat(log).contains("no decision within DecisionTimeout");
        String counters = log.substring(log.lastIndexOf("counters at reconfigure:"));
        assertThat(Long.parseLong(LocalSlurm.fields(counters.substring(0, counters.indexOf('\n'))).get("timeouts")))
                .as("the hung call timed out once; later calls did not wait for it").isEqualTo(1);
        assertThat(fallbacksCounted()).isPositive();
    }
}

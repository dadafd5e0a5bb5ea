package io.teg.bridge;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * select/teg in a real slurmctld with real slurmds (16 nodes of 4 CPUs on loopback): jobs run, and the nodes Slurm
 * allocates are the ones TEG ranked.
 */
class SelectTegIT {

    private static LocalSlurm slurm;

    @BeforeAll
    static void startCluster() throws Exception {
        slurm = LocalSlurm.create("select-teg", 16, 4, LocalSlurm.defaultTegConf()).start();
        LocalSlurm.await(Duration.ofSeconds(60), "TEG engine ready", () -> {
            try {
                return slurm.log().contains("select/teg: TEG engine ready");
            } catch (Exception e) {
                return false;
            }
        });
    }

    @AfterAll
    static void stopCluster() throws Exception {
        if (slurm != null) slurm.close();
    }

    /** Mixed sizes: 1 to 4 nodes, 1 to 8 tasks, 0 to 2 s of sleep. */
    private static List<Long> submitMixed(int count, long seed) throws Exception {
        SplittableRandom r = new SplittableRandom(seed);
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int nodes = 1 + r.nextInt(4);
            int tasks = nodes + r.nextInt(nodes * 4 - nodes + 1);
            double sleep = r.nextInt(5) * 0.5;
            ids.add(slurm.submit("-N", Integer.toString(nodes), "-n", Integer.toString(tasks), "-t", "5",
                    "--wrap", "sleep " + sleep));
        }
        return ids;
    }

    @Test
    void shouldCompleteTwoHundredMixedJobsWhenPlacedBySelectTeg() throws Exception {
        List<Long> ids = submitMixed(200, 1);

        slurm.awaitQueueEmpty(Duration.ofMinutes(8));

        Map<Long, LocalSlurm.JobView> jobs = slurm.jobs();
        for (long id : ids) assertThat(jobs.get(id)).as("job " + id).isNotNull()
                .extracting(LocalSlurm.JobView::state).isEqualTo("COMPLETED");
        DecisionTrail trail = DecisionTrail.of(slurm.decisions());
        assertThat(trail.decisions()).as("TEG ranked nodes for jobs").isPositive();
        assertThat(slurm.controllerAlive()).isTrue();
    }

    @Test
    void shouldAllocateTheNodesTegRankedWhenTheRankedNodesHoldTheJob() throws Exception {
        List<Long> ids = submitMixed(40, 2);
        slurm.awaitQueueEmpty(Duration.ofMinutes(4));

        Map<Long, LocalSlurm.JobView> jobs = slurm.jobs();
        DecisionTrail trail = DecisionTrail.of(slurm.decisions());
        int used = 0;
        for (long id : ids) {
            DecisionTrail.Started s = trail.started().get(id);
            assertThat(s).as("job %d opened a lease", id).isNotNull();
            assertThat(s.leased()).as("job %d: lease nodes = scontrol's NodeList", id)
                    .containsExactlyInAnyOrderElementsOf(jobs.get(id).nodes());
            if ("used".equals(s.outcome())) {
                used++;
                assertThat(jobs.get(id).nodes()).as("job %d ran on nodes TEG ranked", id)
                        .isSubsetOf(s.ranked());
            }
        }
        assertThat(used).as("jobs placed within TEG's ranking").isPositive();
    }
}

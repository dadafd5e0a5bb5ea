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
        slurm = LocalSlurm.create("select-teg", 16, 4, LocalSlurm.defaultTegConf("HandOffPoll=2")).start();
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
    void shouldPollForHandOffPollOfTegConfWhenStarted() throws Exception {
        assertThat(slurm.log()).contains("select/teg: TEG engine ready (ABI version " + Layouts.ABI_VERSION + ", DecisionTimeout=200.000 ms, "
                + "HandOffPoll=2.000 ms");
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
    void shouldGiveAWholeNodeJobAContiguousBlockWhenFreeNodesAreFragmented() throws Exception {
        List<Long> pins = new ArrayList<>();
        for (String node : List.of("n1", "n3", "n6"))
            pins.add(slurm.submit("-w", node, "-N", "1", "-n", "1", "-t", "5", "--wrap", "sleep 120"));
        LocalSlurm.await(Duration.ofSeconds(60), "3 pinned jobs running", () -> slurm.run(Duration.ofSeconds(10),
                "squeue", "-h", "-t", "R", "-o", "%i").lines().count() == 3);

        long block = slurm.submit("-N", "4", "--exclusive", "-t", "5", "--wrap", "sleep 1");
        LocalSlurm.await(Duration.ofMinutes(2), "the block job to finish", () -> {
            try {
                return "COMPLETED".equals(slurm.jobs().get(block).state());
            } catch (Exception e) {
                return false;
            }
        });
        List<String> cancel = new ArrayList<>(List.of("scancel"));
        pins.forEach(id -> cancel.add(Long.toString(id)));
        slurm.run(Duration.ofSeconds(30), cancel.toArray(String[]::new));
        slurm.awaitQueueEmpty(Duration.ofMinutes(1));

        List<Integer> numbers = slurm.jobs().get(block).nodes().stream()
                .map(n -> Integer.parseInt(n.substring(1))).sorted().toList();
        assertThat(numbers).hasSize(4);
        assertThat(numbers.get(3) - numbers.get(0)).as("nodes %s are consecutive", numbers).isEqualTo(3);
        assertThat(numbers).doesNotContain(1, 3, 6);
        DecisionTrail.Started s = DecisionTrail.of(slurm.decisions()).started().get(block);
        assertThat(s.outcome()).isEqualTo("used");
    }

    @Test
    void shouldHandTegTheBidAndServiceClassWhenSbatchGivesThem() throws Exception {
        long id = slurm.submit("-N", "1", "-n", "1", "-t", "5", "--teg-bid=5.25", "--teg-sla=latency",
                "--teg-class=chem-lab", "--wrap", "sleep 1");
        long plain = slurm.submit("-N", "1", "-n", "1", "-t", "5", "--wrap", "sleep 1");
        slurm.awaitQueueEmpty(Duration.ofMinutes(2));

        assertThat(slurm.decisions()).anySatisfy(line -> assertThat(line)
                .startsWith("decision job=" + id + " ").contains(" bid_micros=5250000 sla=latency class=chem-lab "));
        assertThat(slurm.decisions()).as("the class's account pays the leases").anySatisfy(line -> assertThat(line)
                .startsWith("lease job=" + id + " ").endsWith(" account=class-chem-lab"));
        assertThat(slurm.decisions()).as("without a class, the user's account pays").anySatisfy(line -> assertThat(line)
                .startsWith("lease job=" + plain + " ").matches(".* account=uid-\\d+"));
    }

    @Test
    void shouldRankEveryJobOfABurstWhenTheFreeNodesHoldItAll() throws Exception {
        slurm.awaitQueueEmpty(Duration.ofMinutes(4));
        // 30 jobs of 2 CPUs: 60 of the 64 CPUs, so Slurm starts each one as soon as it tests it, one after the other
        // in the same scheduling passes, before TEG has heard of the starts just before it
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < 30; i++)
            ids.add(slurm.submit("-N", "1", "-n", "2", "-t", "5", "--wrap", "sleep 20"));
        slurm.awaitQueueEmpty(Duration.ofMinutes(4));

        Map<Long, LocalSlurm.JobView> jobs = slurm.jobs();
        DecisionTrail trail = DecisionTrail.of(slurm.decisions());
        for (long id : ids) {
            DecisionTrail.Started s = trail.started().get(id);
            assertThat(jobs.get(id).state()).as("job %d", id).isEqualTo("COMPLETED");
            assertThat(s).as("job %d opened a lease", id).isNotNull();
            assertThat(s.ranked()).as("job %d: TEG ranked nodes for it", id).isNotEmpty();
            assertThat(s.outcome()).as("job %d: cons_tres allocated within TEG's ranking", id).isEqualTo("used");
            assertThat(jobs.get(id).nodes()).as("job %d ran on nodes TEG ranked", id).isSubsetOf(s.ranked());
        }
        for (String line : slurm.decisions())
            if (line.startsWith("declined ")) assertThat(Long.parseLong(LocalSlurm.fields(line).get("job")))
                    .as("declined: %s", line).isNotIn(ids);
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

package io.teg.bridge;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * GPUs in Slurm's free view: nodes that declare {@code Gres=gpu:4} (no devices: gres.conf names four plain files as
 * the GPU device files), jobs that ask 3 GPUs each and one CPU of 8. GPUs, not
 * CPUs, are what binds: one such job per node at a time. TEG must rank only nodes with 3 GPUs free, as slurmctld's
 * GRES state counts them at the call, and Slurm must allocate within what TEG ranked.
 */
class SelectTegGpuIT {

    private LocalSlurm slurm;

    @AfterEach
    void stop() throws Exception {
        if (slurm != null) slurm.close();
    }

    /**
     * Starts {@code nodes} nodes of 8 CPUs and {@code Gres=gpu:4} under select/teg and waits for the engine. TEG
     * gets 5 s per decision: these tests read its decisions, which a loaded machine can make miss 200 ms.
     */
    private LocalSlurm startGpuNodes(String name, int nodes) throws Exception {
        LocalSlurm s = LocalSlurm.create(name, nodes, 8, LocalSlurm.defaultTegConf("DecisionTimeout=5000"),
                "Gres=gpu:4").withSlurmConf("GresTypes=gpu");
        slurm = s;
        // slurmd 22.05 counts a GPU per File= entry; plain files stand in for /dev/nvidia0..3
        java.nio.file.Path devices = Files.createDirectories(s.dir.resolve("dev"));
        for (int g = 0; g < 4; g++) Files.writeString(devices.resolve("gpu" + g), "");
        Files.writeString(s.conf.resolveSibling("gres.conf"), "Name=gpu File=" + devices + "/gpu[0-3]\n");
        s.start();
        awaitEngines(1);
        return s;
    }

    @Test
    void shouldRankOnlyNodesWithTheGpusFreeWhenGpusBindAndCpusDoNot() throws Exception {
        slurm = startGpuNodes("gpu", 3);

        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < 9; i++)
            ids.add(slurm.submit("-n", "1", "--mem=100", "-t", "5",
                    i % 2 == 0 ? "--gres=gpu:3" : "--gpus-per-node=3", "--wrap", "sleep 2"));
        slurm.awaitQueueEmpty(Duration.ofMinutes(4));

        Map<Long, LocalSlurm.JobView> jobs = slurm.jobs();
        for (long id : ids)
            assertThat(jobs.get(id)).as("job " + id).isNotNull().extracting(LocalSlurm.JobView::state)
                    .isEqualTo("COMPLETED");
        List<String> lines = slurm.decisions();
        List<String> decisions = lines.stream().filter(l -> l.startsWith("decision ")).toList();
        assertThat(decisions).as("TEG ranked nodes for the GPU jobs").isNotEmpty();
        for (String d : decisions) {
            Map<String, String> f = LocalSlurm.fields(d);
            assertThat(f).as(d).containsKey("free_gpus");
            assertThat(Arrays.stream(f.get("free_gpus").split(",")).mapToInt(Integer::parseInt).min().orElseThrow())
                    .as("every node TEG ranked had the job's 3 GPUs free: " + d).isGreaterThanOrEqualTo(3);
        }
        assertThat(lines.stream().filter(l -> l.startsWith("declined ")))
                .as("a decline names the GPUs it lacked").allMatch(l -> l.contains("x3gpu "));
        DecisionTrail trail = DecisionTrail.of(lines);
        int checked = 0;
        for (long id : ids) {
            DecisionTrail.Started s = trail.started().get(id);
            assertThat(s).as("job " + id + " has a lease").isNotNull();
            if (s.ranked().isEmpty() || !"used".equals(s.outcome())) continue;
            assertThat(jobs.get(id).nodes()).as("job " + id + " runs where TEG ranked").isSubsetOf(s.ranked());
            checked++;
        }
        assertThat(checked).as("jobs that ran on TEG's ranking").isPositive();
        // the leases ask the GPUs Slurm allocated (gres_list_alloc), and the ledger's GPU books grant them
        for (long id : ids) {
            List<String> leases = lines.stream().filter(l -> l.startsWith("lease job=" + id + " ")).toList();
            assertThat(leases).as("job " + id + "'s lease").isNotEmpty()
                    .allSatisfy(l -> assertThat(l).contains(" gpus=3 ").contains(" fills=1 rejects=0 "));
        }
        assertThat(lines).noneMatch(l -> l.startsWith("lease-refused "));
        assertThat(slurm.log()).doesNotContain("fatal");
    }

    @Test
    void shouldLeaseTheRestoredGpusOfARunningJobWhenSlurmctldRestarts() throws Exception {
        slurm = startGpuNodes("gpu-restart", 1);
        long job = slurm.submit("-n", "1", "--mem=100", "-t", "10", "--gpus-per-node=3", "--wrap", "sleep 600");
        LocalSlurm.await(Duration.ofSeconds(90), "job " + job + " running", () -> {
            try {
                LocalSlurm.JobView v = slurm.jobs().get(job);
                return v != null && v.state().equals("RUNNING");
            } catch (Exception e) {
                return false;
            }
        });

        slurm.stopController();
        slurm.startController();
        awaitEngines(2);
        LocalSlurm.await(Duration.ofSeconds(30), "the lease opened again", () -> {
            try {
                return slurm.decisions().stream().filter(l -> l.startsWith("lease job=" + job + " ")).count() == 2;
            } catch (Exception e) {
                return false;
            }
        });

        // at the start the GPUs come from the job's request (slurmctld fills gres_list_alloc after job_begin); at the
        // restart from the job as slurmctld restored it
        assertThat(slurm.decisions().stream().filter(l -> l.startsWith("lease job=" + job + " ")))
                .hasSize(2).allSatisfy(l -> assertThat(l).contains(" gpus=3 ").contains(" fills=1 rejects=0 "));
        slurm.run(Duration.ofSeconds(30), "scancel", Long.toString(job));
        // its slurmstepd ends once slurmctld has the job's end; stopping the daemons first would leave it behind
        LocalSlurm.await(Duration.ofSeconds(60), "job " + job + " ended", () -> {
            try {
                LocalSlurm.JobView v = slurm.jobs().get(job);
                return v == null || !v.state().equals("RUNNING") && !v.state().equals("COMPLETING");
            } catch (Exception e) {
                return false;
            }
        });
    }

    private void awaitEngines(int starts) throws InterruptedException {
        LocalSlurm.await(Duration.ofSeconds(60), "TEG ready " + starts + " times", () -> {
            try {
                return slurm.log().split("select/teg: TEG engine ready", -1).length - 1 >= starts;
            } catch (Exception e) {
                return false;
            }
        });
    }
}

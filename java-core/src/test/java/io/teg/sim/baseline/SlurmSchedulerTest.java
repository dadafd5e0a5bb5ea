package io.teg.sim.baseline;

import io.teg.model.NodeSpec;
import io.teg.model.TaskShape;
import io.teg.sim.SimJob;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static io.teg.sim.baseline.Bench.job;
import static org.assertj.core.api.Assertions.assertThat;

class SlurmSchedulerTest {

    private static final TaskShape CORE = TaskShape.cpu(1000, 1000);

    @Test
    void shouldBackfillShortJobButNotLongJobWhenHeadIsBlocked() {
        // 4 nodes of 1 core. R (2 tasks, limit = runtime = 100) starts at t=0 on nodes 0 and 1 (all nodes tie:
        // lowest index). At t=1 three jobs arrive, in queue order H, B2, B1:
        //   H  4 tasks                : needs all 4 nodes, only 2 free -> the main pass stops at H.
        //   B2 2 tasks, limit 200     : fits now on nodes 2 and 3, but would run until 30 + 200 = 230 > 100.
        //   B1 1 task,  limit 50      : fits now and ends by 30 + 50 = 80 <= 100.
        // The backfill thread runs on its 30 s period (t = 0, 30, 60, ...; at t=0 the queue was empty), so at t=30:
        //   shadow time of H = end of R = 0 + 100 = 100; at 100 all 4 nodes are free, H reserves nodes 0..3,
        //   leaving no slack on any node. B2 outlives the shadow and every free node is reserved -> not started.
        //   B1 ends before the shadow -> backfilled now, on node 2 (tightest, lowest index).
        // B1 ends at 30 + 40 = 70. R ends at 100 -> the main pass starts H at 100. H ends at 200 -> B2 starts.
        SlurmScheduler slurm = new SlurmScheduler();
        Bench bench = new Bench(Bench.cpuNodes(4, 1000, 1000), slurm, 1);
        SimJob r = job(0, 0, 2, CORE, 100, 100);
        SimJob h = job(1, 1, 4, CORE, 100, 100);
        SimJob b2 = job(2, 1, 2, CORE, 200, 150);
        SimJob b1 = job(3, 1, 1, CORE, 50, 40);
        bench.submit(r, h, b2, b1);

        bench.runUntil(29);
        assertThat(bench.startS(r)).isZero();
        assertThat(bench.started(h)).isFalse();
        assertThat(bench.started(b1)).as("no backfill before the 30 s pass").isFalse();
        assertThat(bench.pendingWakes()).contains(30L);

        bench.runUntil(30);
        assertThat(bench.startS(b1)).isEqualTo(30);
        assertThat(bench.nodesOf(b1)).containsExactly(2);
        assertThat(bench.started(b2)).as("B2 fits now but would delay H").isFalse();
        assertThat(slurm.lastReservation()).hasValueSatisfying(res -> {
            assertThat(res.jobIndex()).isEqualTo(h.index());
            assertThat(res.shadowS()).isEqualTo(100);
            assertThat(res.nodes()).containsExactly(0, 1, 2, 3);
        });

        bench.runToEnd(10_000);
        assertThat(bench.startS(h)).isEqualTo(100);
        assertThat(bench.startS(b2)).isEqualTo(200);
        assertThat(slurm.backfilledJobs()).isEqualTo(1);
    }

    @Test
    void shouldBackfillLongJobOnlyOnResourcesTheReservationDoesNotNeed() {
        // 5 nodes of 1 core; R holds nodes 0 and 1 until t=100; H needs 4 nodes. At t=30, projected at the shadow
        // time 100 all 5 nodes are free and tie, so H reserves nodes 0..3 (lowest indices); node 4 is not needed.
        // L1 and L2 (1 task, limit 1000) both outlive the shadow: L1 may use node 4 only, L2 finds nothing left.
        SlurmScheduler slurm = new SlurmScheduler();
        Bench bench = new Bench(Bench.cpuNodes(5, 1000, 1000), slurm, 1);
        SimJob r = job(0, 0, 2, CORE, 100, 100);
        SimJob h = job(1, 1, 4, CORE, 100, 100);
        SimJob l1 = job(2, 1, 1, CORE, 1000, 500);
        SimJob l2 = job(3, 1, 1, CORE, 1000, 500);
        bench.submit(r, h, l1, l2).runUntil(30);

        assertThat(bench.startS(l1)).isEqualTo(30);
        assertThat(bench.nodesOf(l1)).containsExactly(4);
        assertThat(bench.started(l2)).as("nodes 2 and 3 are free now but reserved for H").isFalse();

        bench.runToEnd(10_000);
        assertThat(bench.startS(h)).isEqualTo(100);
        assertThat(bench.startS(l2)).isEqualTo(200);
    }

    @Test
    void shouldAccountReservationSlackPerResource() {
        // One node, 8 cores and 8192 MiB. R uses 4 cores / 4096 MiB until t=100. H (2 cores / 6144 MiB) does not fit
        // now (4096 MiB free). At the shadow time 100 the node is empty and H leaves a slack of 6 cores / 2048 MiB.
        //   J1 (1 core / 3072 MiB, limit 1000): fits now (4 cores, 4096 MiB) but needs more memory than the slack.
        //   J2 (2 cores / 2048 MiB, limit 1000): fits now and within the slack -> backfilled; the slack is now 0 MiB.
        //   J3 (1 core / 1024 MiB, limit 1000): fits now (2 cores, 2048 MiB) but the slack has no memory left.
        //   J4 (1 core / 1024 MiB, limit 50):   ends by 30 + 50 = 80 <= 100 -> backfilled regardless of slack.
        SlurmScheduler slurm = new SlurmScheduler();
        Bench bench = new Bench(Bench.cpuNodes(1, 8000, 8192), slurm, 1);
        SimJob r = job(0, 0, 1, TaskShape.cpu(4000, 4096), 100, 100);
        SimJob h = job(1, 1, 1, TaskShape.cpu(2000, 6144), 100, 100);
        SimJob j1 = job(2, 1, 1, TaskShape.cpu(1000, 3072), 1000, 1000);
        SimJob j2 = job(3, 1, 1, TaskShape.cpu(2000, 2048), 1000, 1000);
        SimJob j3 = job(4, 1, 1, TaskShape.cpu(1000, 1024), 1000, 1000);
        SimJob j4 = job(5, 1, 1, TaskShape.cpu(1000, 1024), 50, 50);
        bench.submit(r, h, j1, j2, j3, j4).runUntil(30);

        assertThat(bench.started(j1)).isFalse();
        assertThat(bench.startS(j2)).isEqualTo(30);
        assertThat(bench.started(j3)).isFalse();
        assertThat(bench.startS(j4)).isEqualTo(30);

        bench.runUntil(100);
        assertThat(bench.startS(h)).as("the reservation held: H starts at its shadow time").isEqualTo(100);
    }

    @Test
    void shouldPickTheTightestNodeForEachTask() {
        // Free CPU: node 0 has 8 cores, node 1 has 2, node 2 has 4; nodes 3 and 4 have 4 cores but 2048 and 1024 MiB.
        List<NodeSpec> nodes = List.of(
                NodeSpec.cpuOnly("a", 8000, 16384), NodeSpec.cpuOnly("b", 2000, 16384),
                NodeSpec.cpuOnly("c", 4000, 16384), NodeSpec.cpuOnly("d", 4000, 2048), NodeSpec.cpuOnly("e", 4000, 1024));
        SlurmScheduler slurm = new SlurmScheduler();
        Bench bench = new Bench(nodes, slurm, 1);
        SimJob twoCores = job(0, 0, 1, TaskShape.cpu(2000, 512), 100, 100);
        SimJob threeCores = job(1, 0, 1, TaskShape.cpu(3000, 512), 100, 100);
        SimJob fourCores = job(2, 0, 1, TaskShape.cpu(4000, 512), 100, 100);
        bench.submit(twoCores, threeCores, fourCores).runUntil(0);

        assertThat(bench.nodesOf(twoCores)).as("2 cores free is the tightest fit").containsExactly(1);
        // among the 4-core nodes the one with least memory free wins: e (1024 MiB), then d
        assertThat(bench.nodesOf(threeCores)).containsExactly(4);
        assertThat(bench.nodesOf(fourCores)).containsExactly(3);
    }

    @Test
    void shouldPutSeveralTasksOfOneJobOnTheTightestNodeWhenTheyFit() {
        // node 0: 4 cores, node 1: 2 cores. A 2-task job of 1 core each fills node 1 (tightest, room for both).
        List<NodeSpec> nodes = List.of(NodeSpec.cpuOnly("a", 4000, 8192), NodeSpec.cpuOnly("b", 2000, 8192));
        Bench bench = new Bench(nodes, new SlurmScheduler(), 1);
        SimJob gang = job(0, 0, 2, TaskShape.cpu(1000, 1024), 100, 100);
        SimJob gang3 = job(1, 0, 3, TaskShape.cpu(1000, 1024), 100, 100);
        bench.submit(gang, gang3).runUntil(0);

        assertThat(bench.nodesOf(gang)).containsExactly(1, 1);
        assertThat(bench.nodesOf(gang3)).containsExactly(0, 0, 0);
    }

    @Test
    void shouldStartJobsByPriorityThenSubmitTime() {
        Bench bench;
        SlurmScheduler slurm = new SlurmScheduler();
        bench = new Bench(Bench.cpuNodes(1, 1000, 1000), slurm, 1);
        SimJob blocker = job(0, 0, 1, CORE, 10, 10);
        SimJob early = job(1, 1, 1, CORE, 10, 10, 0);
        SimJob late = job(2, 2, 1, CORE, 10, 10, 0);
        SimJob urgent = job(3, 3, 1, CORE, 10, 10, 5);
        bench.submit(blocker, early, late, urgent).runToEnd(1000);

        assertThat(bench.startS(urgent)).isEqualTo(10);
        assertThat(bench.startS(early)).isEqualTo(20);
        assertThat(bench.startS(late)).isEqualTo(30);
    }

    @Test
    void shouldNotStartJobsBehindABlockedHeadInTheMainPass() {
        // 2 nodes; R holds one until 1000. H needs both. S (1 node, limit 10) arrives at t=1 and fits now, but the
        // main pass stops at H: S waits for the backfill pass at t=30.
        SlurmScheduler slurm = new SlurmScheduler();
        Bench bench = new Bench(Bench.cpuNodes(2, 1000, 1000), slurm, 1);
        SimJob r = job(0, 0, 1, CORE, 1000, 1000);
        SimJob h = job(1, 1, 2, CORE, 100, 100);
        SimJob s = job(2, 1, 1, CORE, 10, 10);
        bench.submit(r, h, s).runUntil(29);
        assertThat(bench.started(s)).isFalse();

        bench.runUntil(30);
        assertThat(bench.startS(s)).isEqualTo(30);
    }

    @Test
    void shouldRejectAJobTheEmptyClusterCannotHoldAndGoOn() {
        SlurmScheduler slurm = new SlurmScheduler();
        Bench bench = new Bench(Bench.cpuNodes(2, 1000, 1000), slurm, 1);
        SimJob tooWide = job(0, 0, 3, CORE, 10, 10);
        SimJob tooBig = job(1, 0, 1, TaskShape.cpu(2000, 10), 10, 10);
        SimJob fine = job(2, 0, 2, CORE, 10, 10);
        bench.submit(tooWide, tooBig, fine).runUntil(0);

        assertThat(slurm.rejectedJobs()).isEqualTo(2);
        assertThat(bench.startS(fine)).isZero();
        assertThat(slurm.queuedJobs()).isZero();
    }

    @Test
    void shouldStartGangsWholeOrNotAtAll() {
        // 4 one-GPU nodes, two 3-task gangs of one GPU each arriving together: the first starts whole, the second
        // holds nothing until the first ends at t=100.
        Bench bench = new Bench(Bench.gpuNodes(4, 8000, 16384, 1), new SlurmScheduler(), 1);
        TaskShape gpuTask = new TaskShape(1000, 1024, 1, 1000, 0L);
        SimJob a = job(0, 0, 3, gpuTask, 100, 100);
        SimJob b = job(1, 0, 3, gpuTask, 100, 100);
        bench.submit(a, b).runUntil(0);

        assertThat(bench.startS(a)).isZero();
        assertThat(bench.boundTasks(b)).isZero();

        bench.runToEnd(1000);
        assertThat(bench.startS(b)).isEqualTo(100);
    }

    @Test
    void shouldStartEveryReservedHeadNoLaterThanItsShadowTimeWhenRuntimesMatchLimits() {
        // EASY's guarantee: with exact estimates (runtime == limit) and FIFO priorities, backfilled jobs never delay
        // the head, so each reserved head starts by the shadow time computed for it. Random CPU/GPU workload.
        List<NodeSpec> nodes = new ArrayList<>(Bench.cpuNodes(12, 4000, 8192));
        nodes.addAll(Bench.gpuNodes(6, 8000, 16384, 4));
        SlurmScheduler slurm = new SlurmScheduler(100, 500, 30);
        Bench bench = new Bench(nodes, slurm, 7);
        SplittableRandom rnd = new SplittableRandom(42);
        List<SimJob> jobs = new ArrayList<>();
        long t = 0;
        for (int i = 0; i < 400; i++) {
            t += rnd.nextInt(0, 20);
            boolean gpu = rnd.nextInt(4) == 0;
            TaskShape shape = gpu
                    ? new TaskShape(rnd.nextInt(500, 4000), rnd.nextLong(256, 8192), rnd.nextInt(1, 5), 1000, 0L)
                    : TaskShape.cpu(rnd.nextInt(250, 4001), rnd.nextLong(128, 8192));
            int tasks = rnd.nextInt(6) == 0 ? rnd.nextInt(2, gpu ? 7 : 9) : 1; // at most 6 GPU nodes
            long runtime = rnd.nextLong(10, 600);
            jobs.add(job(i, t, tasks, shape, runtime, runtime));
        }
        bench.submit(jobs.toArray(SimJob[]::new));
        Map<Integer, Long> firstShadow = new HashMap<>();
        bench.afterEachSchedule(() -> slurm.lastReservation().ifPresent(res -> {
            if (res.shadowS() != Long.MAX_VALUE) firstShadow.putIfAbsent(res.jobIndex(), res.shadowS());
        }));
        bench.runToEnd(10_000_000);

        assertThat(slurm.rejectedJobs()).isZero();
        for (SimJob j : jobs) assertThat(bench.started(j)).as("job %d ran", j.index()).isTrue();
        assertThat(firstShadow).isNotEmpty();
        assertThat(slurm.backfilledJobs()).isPositive();
        firstShadow.forEach((index, shadow) ->
                assertThat(bench.startS(jobs.get(index))).as("head %d vs its shadow time", index).isLessThanOrEqualTo(shadow));
        assertThat(bench.state().allocatedCpuMilli()).isZero();
    }
}

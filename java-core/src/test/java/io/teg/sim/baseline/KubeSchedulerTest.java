package io.teg.sim.baseline;

import io.teg.model.NodeSpec;
import io.teg.model.TaskShape;
import io.teg.sim.SimJob;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import static io.teg.sim.baseline.Bench.job;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KubeSchedulerTest {

    private static final TaskShape ONE_GPU = new TaskShape(1000, 1024, 1, 1000, 0L);

    @Test
    void shouldComputeNumFeasibleNodesToFindAsKubeSchedulerDoes() {
        // adaptive: N < 100 -> N; percentage = max(50 - N/125, 5); numNodes = max(N * percentage / 100, 100)
        assertThat(KubeScheduler.numFeasibleNodesToFind(50, 0)).isEqualTo(50);
        assertThat(KubeScheduler.numFeasibleNodesToFind(99, 0)).isEqualTo(99);
        assertThat(KubeScheduler.numFeasibleNodesToFind(100, 0)).as("50%% of 100 is below the floor of 100").isEqualTo(100);
        assertThat(KubeScheduler.numFeasibleNodesToFind(1000, 0)).as("50 - 8 = 42%%").isEqualTo(420);
        assertThat(KubeScheduler.numFeasibleNodesToFind(5000, 0)).as("50 - 40 = 10%%").isEqualTo(500);
        assertThat(KubeScheduler.numFeasibleNodesToFind(100_000, 0)).as("50 - 800 < 5 -> 5%%").isEqualTo(5000);
        // an explicit percentage replaces the adaptive one, still with the floor of 100
        assertThat(KubeScheduler.numFeasibleNodesToFind(1000, 30)).isEqualTo(300);
        assertThat(KubeScheduler.numFeasibleNodesToFind(1000, 5)).isEqualTo(100);
    }

    @Test
    void shouldDoubleTheBackoffFromOneSecondUpToTen() {
        assertThat(List.of(1, 2, 3, 4, 5, 6).stream().map(KubeScheduler::backoffS).toList())
                .containsExactly(1L, 2L, 4L, 8L, 10L, 10L);
    }

    @Test
    void shouldScoreLeastAllocatedPlusBalancedAllocation() {
        // Node of 4000 mCPU and 8192 MiB, empty; pod 1000 mCPU / 2048 MiB.
        //   LeastAllocated: cpu (4000-1000)*100/4000 = 75, mem (8192-2048)*100/8192 = 75 -> 75
        //   Balanced: fractions 0.25, 0.25 -> stddev 0 -> 100.       Total 175.
        assertThat(KubeScheduler.nodeScore(new long[] {4000, 8192}, new long[] {1000, 2048})).isEqualTo(175);
        // Same node with 2000 mCPU / 2048 MiB already requested: after the pod 3000 / 4096.
        //   LeastAllocated: cpu 1000*100/4000 = 25, mem 4096*100/8192 = 50 -> (25 + 50) / 2 = 37 (integer division)
        //   Balanced: fractions 0.75, 0.5 -> stddev |0.75 - 0.5| / 2 = 0.125 -> floor(87.5) = 87.   Total 124.
        assertThat(KubeScheduler.leastAllocated(new long[] {4000, 8192}, new long[] {3000, 4096})).isEqualTo(37);
        assertThat(KubeScheduler.balancedAllocation(new long[] {4000, 8192}, new long[] {3000, 4096})).isEqualTo(87);
        // With GPUs (three resources): fractions cpu 0.5, mem 0.5, gpu 1.0 -> mean 2/3, population stddev
        //   sqrt(((1/6)^2 * 2 + (1/3)^2) / 3) = sqrt(1/18) = 0.2357 -> floor(76.43) = 76
        //   LeastAllocated: (50 + 50 + 0) / 3 = 33.                 Total 109.
        assertThat(KubeScheduler.nodeScore(new long[] {8000, 1000, 1000}, new long[] {4000, 500, 1000})).isEqualTo(109);
    }

    @Test
    void shouldScoreCpuAndMemoryAlikeOnTheFastPath() {
        java.util.SplittableRandom rnd = new java.util.SplittableRandom(5);
        for (int i = 0; i < 10_000; i++) {
            long capCpu = rnd.nextLong(1, 200_000);
            long capMem = rnd.nextLong(1, 2_000_000);
            long reqCpu = rnd.nextLong(0, capCpu + capCpu / 10);
            long reqMem = rnd.nextLong(0, capMem + capMem / 10);
            assertThat(KubeScheduler.cpuMemScore(capCpu, reqCpu, capMem, reqMem))
                    .isEqualTo(KubeScheduler.nodeScore(new long[] {capCpu, capMem}, new long[] {reqCpu, reqMem}));
        }
    }

    @Test
    void shouldPlaceAPodOnTheLeastAllocatedNode() {
        // Two nodes of 4 cores / 8192 MiB. A first pod (2 cores / 2048 MiB) goes to node 0 (tie, lowest index).
        // A second pod (1 core / 2048 MiB) scores 124 on node 0 (3000 mCPU / 4096 MiB requested after it, worked
        // out above) and 175 on the empty node 1: node 1 wins.
        KubeScheduler k8s = new KubeScheduler();
        Bench bench = new Bench(Bench.cpuNodes(2, 4000, 8192), k8s, 1);
        SimJob first = job(0, 0, 1, TaskShape.cpu(2000, 2048), 100, 100);
        SimJob second = job(1, 1, 1, TaskShape.cpu(1000, 2048), 100, 100);
        bench.submit(first, second).runUntil(1);

        assertThat(bench.nodesOf(first)).containsExactly(0);
        assertThat(bench.nodesOf(second)).containsExactly(1);
    }

    @Test
    void shouldAdvanceTheStartIndexByTheNodesExamined() {
        // 200 nodes of 1 core -> 100 feasible nodes to find; every pod takes a whole node. The start index moves by
        // the number of nodes examined, feasible or not.
        KubeScheduler k8s = new KubeScheduler();
        Bench bench = new Bench(Bench.cpuNodes(200, 1000, 1000), k8s, 1);
        assertThat(KubeScheduler.numFeasibleNodesToFind(200, 0)).isEqualTo(100);

        // Pod 1: all nodes empty; examines 0..99, all feasible and tied -> node 0; start index 100.
        SimJob p1 = job(0, 0, 1, TaskShape.cpu(1000, 100), 1000, 1000);
        bench.submit(p1).runUntil(0);
        assertThat(bench.nodesOf(p1)).containsExactly(0);
        assertThat(k8s.nextStartNodeIndex()).isEqualTo(100);

        // Pod 2: examines 100..199 -> node 100; start index (100 + 100) mod 200 = 0.
        SimJob p2 = job(1, 1, 1, TaskShape.cpu(1000, 100), 1000, 1000);
        bench.submit(p2).runUntil(1);
        assertThat(bench.nodesOf(p2)).containsExactly(100);
        assertThat(k8s.nextStartNodeIndex()).isZero();

        // Pod 3: nodes 0 and 100 are full; it examines 0..101 (2 infeasible + 100 feasible) -> node 1 (all feasible
        // nodes are empty and tie); start index 102.
        SimJob p3 = job(2, 2, 1, TaskShape.cpu(1000, 100), 1000, 1000);
        bench.submit(p3).runUntil(2);
        assertThat(bench.nodesOf(p3)).containsExactly(1);
        assertThat(k8s.nextStartNodeIndex()).isEqualTo(102);
    }

    @Test
    void shouldTouchOnlyTheNodesItExaminesWhenScoringASample() {
        // 1000 empty nodes: a pod examines 420 nodes, each read once to filter and twice (CPU, memory) to score.
        KubeScheduler k8s = new KubeScheduler();
        Bench bench = new Bench(Bench.cpuNodes(1000, 1000, 1000), k8s, 1);
        bench.submit(job(0, 0, 1, TaskShape.cpu(500, 100), 10, 10)).runUntil(0);

        assertThat(bench.decisions()).isEqualTo(1);
        assertThat(bench.touches()).as("plus the bind's own check").isEqualTo(420 * 3 + 1);
        assertThat(k8s.nextStartNodeIndex()).isEqualTo(420);
    }

    @Test
    void shouldDeadlockTwoInterleavedGangsWhereSlurmRunsThemOneAfterTheOther() {
        // 4 one-GPU nodes; gangs A and B of 3 one-GPU pods arrive together. Their pods interleave in the active
        // queue (A0, B0, A1, B1, A2, B2): each gang binds 2 pods, holding 2 GPUs, and the last pod of each fits
        // nowhere. Neither can ever complete: no job runs, so no job ends to free anything.
        KubeScheduler k8s = new KubeScheduler();
        Bench kube = new Bench(Bench.gpuNodes(4, 8000, 16384, 1), k8s, 1);
        SimJob a = job(0, 0, 3, ONE_GPU, 100, 100);
        SimJob b = job(1, 0, 3, ONE_GPU, 100, 100);
        kube.submit(a, b).runUntil(0);

        assertThat(kube.boundTasks(a)).isEqualTo(2);
        assertThat(kube.boundTasks(b)).isEqualTo(2);

        kube.runUntil(5000); // nothing ends, so nothing could ever make room for the two last pods
        assertThat(kube.boundTasks(a)).isEqualTo(2);
        assertThat(kube.boundTasks(b)).isEqualTo(2);
        assertThat(kube.started(a)).isFalse();
        assertThat(kube.started(b)).isFalse();
        assertThat(kube.state().allocatedGpuMilli()).as("all 4 GPUs held idle").isEqualTo(4000);
        assertThat(k8s.pendingPods()).isEqualTo(2);

        // Slurm on the same input: A starts whole at 0, B whole when A ends at 100.
        Bench slurm = new Bench(Bench.gpuNodes(4, 8000, 16384, 1), new SlurmScheduler(), 1);
        slurm.submit(job(0, 0, 3, ONE_GPU, 100, 100), job(1, 0, 3, ONE_GPU, 100, 100)).runToEnd(10_000);
        assertThat(slurm.startS(a)).isZero();
        assertThat(slurm.startS(b)).isEqualTo(100);
    }

    @Test
    void shouldHoldAPartialGangUntilNodesFreeUpWhenGangsArriveApart() {
        // 4 one-GPU nodes. A (3 pods) arrives at t=0 and takes 3 GPUs. B (3 pods) arrives at t=1: B0 binds to the
        // last GPU and holds it idle, B1 and B2 wait. When A ends at t=100, the 3 freed GPUs release B1 and B2.
        Bench bench = new Bench(Bench.gpuNodes(4, 8000, 16384, 1), new KubeScheduler(), 1);
        SimJob a = job(0, 0, 3, ONE_GPU, 100, 100);
        SimJob b = job(1, 1, 3, ONE_GPU, 100, 100);
        bench.submit(a, b).runUntil(1);

        assertThat(bench.startS(a)).isZero();
        assertThat(bench.boundTasks(b)).isEqualTo(1);
        assertThat(bench.nodesOf(b)).containsExactly(3, -1, -1);

        bench.runUntil(100);
        assertThat(bench.startS(b)).isEqualTo(100);
    }

    @Test
    void shouldLetTheOtherGangFinishWhenOneDeadlockedGangIsEvicted() {
        // As above, then gang A is taken back at t=1000 (as the simulator's deadlock timeout does): its two GPUs free
        // up, so B's last pod (unschedulable since t=0, its 1 s backoff long over) goes back to the active queue and
        // binds: B starts. A's job controller re-creates A's pods after its first failure backoff (10 s, spread to
        // at most 14 s): they get the one GPU left and wait for B, which ends at 1100.
        KubeScheduler k8s = new KubeScheduler();
        Bench bench = new Bench(Bench.gpuNodes(4, 8000, 16384, 1), k8s, 1);
        SimJob a = job(0, 0, 3, ONE_GPU, 100, 100);
        SimJob b = job(1, 0, 3, ONE_GPU, 100, 100);
        bench.submit(a, b).runUntil(1000);
        bench.evict(a);

        assertThat(bench.startS(b)).isEqualTo(1000);
        assertThat(bench.boundTasks(a)).as("A's pods are not re-created yet").isZero();
        assertThat(k8s.restartingJobs()).isEqualTo(1);

        bench.runUntil(1009);
        assertThat(bench.boundTasks(a)).isZero();
        bench.runUntil(1014);
        assertThat(bench.boundTasks(a)).isEqualTo(1);
        assertThat(k8s.restartingJobs()).isZero();

        bench.runToEnd(100_000);
        assertThat(bench.startS(a)).as("A completes its pods once B has ended").isEqualTo(1100);
    }

    @Test
    void shouldDelayTheRestartOfAnEvictedJobAsTheJobControllerBacksOff() {
        assertThat(KubeScheduler.jobBackoffS(1)).isEqualTo(10);
        assertThat(KubeScheduler.jobBackoffS(2)).isEqualTo(20);
        assertThat(KubeScheduler.jobBackoffS(3)).isEqualTo(40);
        assertThat(KubeScheduler.jobBackoffS(6)).isEqualTo(320);
        assertThat(KubeScheduler.jobBackoffS(7)).isEqualTo(360);
        assertThat(KubeScheduler.jobBackoffS(1000)).isEqualTo(360);
    }

    @Test
    void shouldCompleteEveryJobOfAStreamOfCompetingGangsWhileStillDeadlocking() {
        // 8 one-core nodes; pairs of 5-pod gangs arrive together every 50 s, each running 200 s. A pair that finds
        // the cluster empty interleaves (A0, B0, ..., A3, B3): both hold 4 nodes and wait for ever for their last
        // pod, so the deadlock timeout takes them back. Re-created at once, the two would interleave the same way
        // again and again (a livelock); the job controller's spread backoff re-creates them apart, so that one gang
        // gets its 5 nodes first. Every job must complete within the run, with deadlocks on the way.
        KubeScheduler k8s = new KubeScheduler();
        Bench bench = new Bench(Bench.cpuNodes(8, 1000, 4096), k8s, 5).deadlockTimeoutS(600);
        List<SimJob> jobs = new ArrayList<>();
        for (int i = 0; i < 16; i++) jobs.add(job(i, (i / 2) * 50L, 5, TaskShape.cpu(1000, 1024), 200, 200));
        bench.submit(jobs.toArray(SimJob[]::new));
        long last = bench.runToEnd(2_000_000);

        assertThat(jobs).allMatch(bench::started);
        assertThat(bench.evictions()).as("gangs still deadlock").isPositive();
        assertThat(last).as("no livelock until the horizon").isLessThan(2_000_000);
        assertThat(bench.state().allocatedCpuMilli()).isZero();
        assertThat(k8s.pendingPods()).isZero();
        assertThat(k8s.restartingJobs()).isZero();
    }

    @Test
    void shouldReplayIdenticallyForTheSameInput() {
        List<NodeSpec> nodes = new ArrayList<>(Bench.cpuNodes(150, 4000, 8192));
        nodes.addAll(Bench.gpuNodes(30, 8000, 16384, 2));
        List<int[]> runs = new ArrayList<>();
        for (int rep = 0; rep < 2; rep++) {
            Bench bench = new Bench(nodes, new KubeScheduler(), 3).deadlockTimeoutS(600);
            List<SimJob> jobs = new ArrayList<>();
            for (int i = 0; i < 120; i++) {
                TaskShape s = i % 3 == 0 ? new TaskShape(2000, 2048, 1, i % 2 == 0 ? 1000 : 500, 0L)
                        : TaskShape.cpu(500 + 250 * (i % 7), 512L * (1 + i % 5));
                jobs.add(job(i, i * 3L, 1 + i % 4, s, 200, 50 + i % 90));
            }
            bench.submit(jobs.toArray(SimJob[]::new)).runToEnd(1_000_000);
            runs.add(jobs.stream().mapToInt(j -> (int) bench.startS(j)).toArray());
            assertThat(bench.state().allocatedCpuMilli()).isZero();
        }
        assertThat(runs.get(0)).containsExactly(runs.get(1));
        assertThat(IntStream.of(runs.get(0)).allMatch(s -> s >= 0)).as("every job started").isTrue();
    }

    @Test
    void shouldRetryOnlyAsManyWaitingPodsAsTheFreedNodesCanHold() {
        // One node of 1 core, busy until t=100. 50 one-core pods arrive at t=1 and fail without reading the node
        // (the free-space index shows it full), the first after a search, the other 49 as the same shape (nodesEvaluated
        // counts what kube-scheduler's filter would have evaluated: the one node, 50 times). When the blocker ends, the freed node can hold one pod: only the first
        // in queue order is retried, and it binds.
        KubeScheduler k8s = new KubeScheduler();
        Bench bench = new Bench(Bench.cpuNodes(1, 1000, 1000), k8s, 1);
        bench.submit(job(0, 0, 1, TaskShape.cpu(1000, 100), 100, 100));
        List<SimJob> waiting = new ArrayList<>();
        for (int i = 1; i <= 50; i++) waiting.add(job(i, 1, 1, TaskShape.cpu(1000, 100), 100, 100));
        bench.submit(waiting.toArray(SimJob[]::new)).runUntil(1);

        assertThat(bench.decisions()).isEqualTo(1 + 50);
        assertThat(bench.touches()).as("the blocker's filter, score and bind only").isEqualTo(1 + 2 + 1);
        assertThat(k8s.nodesEvaluated()).isEqualTo(1 + 50);
        assertThat(k8s.pendingPods()).isEqualTo(50);

        bench.runUntil(100);
        assertThat(bench.decisions()).isEqualTo(1 + 50 + 1);
        assertThat(bench.startS(waiting.getFirst())).isEqualTo(100);
        assertThat(k8s.pendingPods()).isEqualTo(49);

        bench.runToEnd(100_000);
        assertThat(waiting).allMatch(bench::started);
        assertThat(bench.startS(waiting.getLast())).isEqualTo(100 * 50);
    }

    @Test
    void shouldRejectAPercentageOutsideZeroToHundred() {
        assertThatThrownBy(() -> new KubeScheduler(101)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new KubeScheduler(-1)).isInstanceOf(IllegalArgumentException.class);
    }
}

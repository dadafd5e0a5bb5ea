package io.teg.sim.baseline;

import io.teg.model.NodeSpec;
import io.teg.model.TaskShape;
import io.teg.sim.SimJob;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;

import static io.teg.sim.baseline.Bench.job;
import static org.assertj.core.api.Assertions.assertThat;

class SparrowSchedulerTest {

    private static final TaskShape CORE = TaskShape.cpu(1000, 1000);

    private static int[] queued(SparrowScheduler sparrow, int nodes) {
        return IntStream.range(0, nodes).map(sparrow::queuedReservations).toArray();
    }

    @Test
    void shouldProbeTwiceAsManyDistinctNodesAsTasksAndCancelTheExtraReservations() {
        // 10 one-core nodes. A blocker of 10 tasks probes min(20, 10) = 10 nodes, one reservation each, and fills
        // the cluster. Job X (3 tasks) then probes min(6, 10) = 6 distinct nodes, whose reservations wait. When the
        // blocker ends at t=100 every node asks: the first 3 launch X's tasks, the other 3 are cancelled (6 - 3).
        SparrowScheduler sparrow = new SparrowScheduler();
        Bench bench = new Bench(Bench.cpuNodes(10, 1000, 1000), sparrow, 11);
        SimJob blocker = job(0, 0, 10, CORE, 100, 100);
        SimJob x = job(1, 1, 3, CORE, 100, 100);
        bench.submit(blocker, x).runUntil(1);

        assertThat(bench.startS(blocker)).isZero();
        assertThat(sparrow.probes()).isEqualTo(10 + 6);
        int[] waiting = queued(sparrow, 10);
        assertThat(IntStream.of(waiting).sum()).isEqualTo(6);
        assertThat(IntStream.of(waiting).max().orElseThrow()).as("one reservation per probed node: the 6 nodes are distinct").isEqualTo(1);
        assertThat(sparrow.reservationsCancelled()).isZero();

        bench.runUntil(100);
        assertThat(bench.startS(x)).isEqualTo(100);
        assertThat(sparrow.reservationsCancelled()).isEqualTo(6 - 3);
        assertThat(queued(sparrow, 10)).containsOnly(0);
    }

    @Test
    void shouldCapProbesAtTheNumberOfNodes() {
        SparrowScheduler sparrow = new SparrowScheduler();
        Bench bench = new Bench(Bench.cpuNodes(10, 1000, 1000), sparrow, 5);
        SimJob blocker = job(0, 0, 10, CORE, 100, 100);
        SimJob six = job(1, 1, 6, CORE, 100, 100);
        bench.submit(blocker, six).runUntil(1);

        assertThat(sparrow.probes() - 10).as("min(2 * 6, 10)").isEqualTo(10);
        assertThat(queued(sparrow, 10)).containsOnly(1);

        bench.runUntil(100);
        assertThat(bench.startS(six)).isEqualTo(100);
        assertThat(sparrow.reservationsCancelled()).isEqualTo(10 - 6);
    }

    @Test
    void shouldProbeOnlyNodesThatCouldHoldTheTask() {
        // 4 CPU nodes then 4 one-GPU nodes. A 4-task GPU blocker fills the GPU nodes; a 1-task GPU job then probes
        // 2 of the GPU nodes, never a CPU node.
        List<NodeSpec> nodes = new ArrayList<>(Bench.cpuNodes(4, 8000, 16384));
        nodes.addAll(Bench.gpuNodes(4, 8000, 16384, 1));
        SparrowScheduler sparrow = new SparrowScheduler();
        Bench bench = new Bench(nodes, sparrow, 3);
        TaskShape gpu = new TaskShape(1000, 1024, 1, 1000, 0L);
        bench.submit(job(0, 0, 4, gpu, 100, 100), job(1, 1, 1, gpu, 100, 100)).runUntil(1);

        int[] waiting = queued(sparrow, 8);
        assertThat(IntStream.range(0, 4).map(i -> waiting[i]).sum()).isZero();
        assertThat(IntStream.range(4, 8).map(i -> waiting[i]).sum()).isEqualTo(2);
    }

    @Test
    void shouldHoldLaunchedGangTasksWhileSiblingsWait() {
        // 4 one-core nodes. A 2-task blocker probes all 4 nodes (min(4, 4)); nodes 0 and 1 are served first and
        // launch it, nodes 2 and 3 find it fully launched and cancel. Gang G (3 tasks) probes all 4 nodes: nodes 2
        // and 3 launch two of its tasks at once, which hold their cores while the third waits in the queues of the
        // busy nodes 0 and 1. At t=1000 the blocker ends: node 0 launches G's last task, node 1 cancels.
        SparrowScheduler sparrow = new SparrowScheduler();
        Bench bench = new Bench(Bench.cpuNodes(4, 1000, 1000), sparrow, 1);
        SimJob blocker = job(0, 0, 2, CORE, 1000, 1000);
        SimJob g = job(1, 1, 3, CORE, 100, 100);
        bench.submit(blocker, g).runUntil(1);

        assertThat(bench.nodesOf(blocker)).containsExactly(0, 1);
        assertThat(bench.boundTasks(g)).isEqualTo(2);
        assertThat(bench.started(g)).isFalse();
        assertThat(bench.nodesOf(g)).containsExactly(2, 3, -1);

        bench.runUntil(1000);
        assertThat(bench.startS(g)).isEqualTo(1000);
        assertThat(bench.nodesOf(g)).containsExactly(2, 3, 0);
        assertThat(sparrow.reservationsCancelled()).isEqualTo(2 + 1);
        assertThat(sparrow.probes()).isEqualTo(4 + 4);
    }

    @Test
    void shouldProbeAnEvictedGangAgainAndCancelItsOldReservations() {
        // As above; at t=500 the partial gang G is taken back. It probes all 4 nodes again; its new reservations on
        // nodes 2 and 3 launch two tasks at once, those on nodes 0 and 1 queue behind its old ones. At t=1000
        // node 0 cancels the old reservation and launches the last task; node 1 cancels both of its reservations.
        SparrowScheduler sparrow = new SparrowScheduler();
        Bench bench = new Bench(Bench.cpuNodes(4, 1000, 1000), sparrow, 1);
        SimJob blocker = job(0, 0, 2, CORE, 1000, 1000);
        SimJob g = job(1, 1, 3, CORE, 100, 100);
        bench.submit(blocker, g).runUntil(500);
        bench.evict(g);

        assertThat(sparrow.probes()).isEqualTo(4 + 4 + 4);
        assertThat(bench.boundTasks(g)).isEqualTo(2);
        assertThat(queued(sparrow, 4)).containsExactly(2, 2, 0, 0);

        bench.runUntil(1000);
        assertThat(bench.startS(g)).isEqualTo(1000);
        assertThat(sparrow.reservationsCancelled()).isEqualTo(2 + 3);
        assertThat(queued(sparrow, 4)).containsOnly(0);
    }

    @Test
    void shouldDrawTheSameProbesForTheSameSeed() {
        Set<List<Integer>> draws = new HashSet<>();
        for (long seed = 0; seed < 20; seed++) {
            List<List<Integer>> twice = new ArrayList<>();
            for (int rep = 0; rep < 2; rep++) {
                SparrowScheduler sparrow = new SparrowScheduler();
                Bench bench = new Bench(Bench.cpuNodes(10, 1000, 1000), sparrow, seed);
                bench.submit(job(0, 0, 10, CORE, 100, 100), job(1, 1, 2, CORE, 100, 100)).runUntil(1);
                twice.add(IntStream.of(queued(sparrow, 10)).boxed().toList());
            }
            assertThat(twice.get(0)).isEqualTo(twice.get(1));
            draws.add(twice.get(0));
        }
        assertThat(draws).as("different seeds draw different nodes").hasSizeGreaterThan(1);
    }

    @Test
    void shouldRunAMixedWorkloadToCompletionWithDeadlockEvictions() {
        List<NodeSpec> nodes = new ArrayList<>(Bench.cpuNodes(40, 4000, 8192));
        nodes.addAll(Bench.gpuNodes(10, 8000, 16384, 2));
        SparrowScheduler sparrow = new SparrowScheduler();
        Bench bench = new Bench(nodes, sparrow, 9).deadlockTimeoutS(300);
        List<SimJob> jobs = new ArrayList<>();
        for (int i = 0; i < 150; i++) {
            TaskShape s = i % 4 == 0 ? new TaskShape(2000, 2048, 1, i % 8 == 0 ? 1000 : 400, 0L)
                    : TaskShape.cpu(1000 + 500 * (i % 5), 1024L * (1 + i % 3));
            jobs.add(job(i, i * 5L, 1 + i % 3, s, 300, 60 + i % 100));
        }
        bench.submit(jobs.toArray(SimJob[]::new)).runToEnd(10_000_000);

        assertThat(jobs).allMatch(bench::started);
        assertThat(sparrow.tasksLaunched()).isGreaterThanOrEqualTo(jobs.stream().mapToInt(SimJob::tasks).sum());
        assertThat(bench.state().allocatedCpuMilli()).isZero();
    }
}

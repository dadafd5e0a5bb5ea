package io.teg.sim.baseline;

import io.teg.model.NodeSpec;
import io.teg.model.TaskShape;
import io.teg.sim.Scheduler;
import io.teg.sim.SimJob;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static io.teg.sim.baseline.Bench.job;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The lazy release of unschedulable pods ({@link KubeScheduler}: a release counts pods instead of moving them) makes
 * every decision the eager release ({@link EagerReleaseKubeScheduler}) makes: the same pods bound to the same nodes
 * at the same times, the same scans, the same deadlocks and evictions.
 */
class KubeSchedulerLazyReleaseTest {

    /** What one run decided, job by job, and what the scheduler counted. */
    private record Outcome(List<String> jobs, long evictions, long decisions, long touches, long nodesEvaluated,
                           long podsBound, int nextStartNodeIndex, long endS) {
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6})
    void shouldDecideAsTheEagerReleaseOnASaturatedMixOfShapesPrioritiesAndGangs(long seed) {
        List<NodeSpec> nodes = new ArrayList<>(Bench.cpuNodes(24, 2000, 4096));
        nodes.addAll(Bench.gpuNodes(8, 8000, 16384, 2));
        // odd seeds: minutes-long jobs in sparse bursts; even seeds: jobs of seconds, arriving every few seconds,
        // so that nodes free up while waiting pods still back off
        List<SimJob> jobs = saturatedWorkload(seed, 260, seed % 2 == 0);

        KubeScheduler lazy = new KubeScheduler();
        EagerReleaseKubeScheduler eager = new EagerReleaseKubeScheduler();
        Outcome lazyOutcome = run(nodes, jobs, lazy, seed, lazy::nodesEvaluated, lazy::podsBound, lazy::nextStartNodeIndex);
        Outcome eagerOutcome = run(nodes, jobs, eager, seed, eager::nodesEvaluated, eager::podsBound,
                eager::nextStartNodeIndex);

        assertThat(lazyOutcome.jobs()).containsExactlyElementsOf(eagerOutcome.jobs());
        assertThat(lazyOutcome).isEqualTo(eagerOutcome);
        if (seed % 2 == 1)
            assertThat(lazyOutcome.evictions()).as("the mix deadlocks gangs, so evictions are compared too").isPositive();
        assertThat(lazy.pendingPods()).isEqualTo(eager.pendingPods());
    }

    @Test
    void shouldRetryReleasedPodsOfSeveralShapesInQueueOrderAndKeepTheOthersWaitingAsTheyWere() {
        // One 4-core node, busy until t=100. Pods of two shapes wait, interleaved in queue order: a 2-core pod at
        // t=1, a 3-core pod at t=2, a 2-core pod at t=3, a 1-core pod at t=4. When the node frees, every group is
        // released (the node could hold each shape), and the pods are tried in queue order: the 2-core pod of t=1
        // binds, the 3-core pod no longer fits (2 cores left) and waits again without an attempt, the 2-core pod of
        // t=3 binds, and the 1-core pod finds no room and waits again, first in line among the 1-core pods.
        KubeScheduler k8s = new KubeScheduler();
        Bench bench = new Bench(Bench.cpuNodes(1, 4000, 8192), k8s, 1);
        bench.submit(job(0, 0, 1, TaskShape.cpu(4000, 100), 100, 100));
        SimJob first = job(1, 1, 1, TaskShape.cpu(2000, 100), 100, 100);
        SimJob wide = job(2, 2, 1, TaskShape.cpu(3000, 100), 100, 100);
        SimJob second = job(3, 3, 1, TaskShape.cpu(2000, 100), 100, 100);
        SimJob small = job(4, 4, 1, TaskShape.cpu(1000, 100), 100, 100);
        bench.submit(first, wide, second, small).runUntil(4);
        long decisionsBefore = bench.decisions();

        bench.runUntil(100);
        assertThat(bench.startS(first)).isEqualTo(100);
        assertThat(bench.startS(second)).isEqualTo(100);
        assertThat(bench.started(wide)).isFalse();
        assertThat(bench.started(small)).isFalse();
        assertThat(bench.decisions() - decisionsBefore).as("only the two pods that bound were attempted").isEqualTo(2);
        assertThat(k8s.pendingPods()).isEqualTo(2);

        bench.runToEnd(10_000);
        assertThat(bench.startS(wide)).as("the 3-core pod is ahead of the 1-core pod in queue order").isEqualTo(200);
        assertThat(bench.startS(small)).isEqualTo(200);
    }

    private static Outcome run(List<NodeSpec> nodes, List<SimJob> jobs, Scheduler scheduler, long seed,
                               java.util.function.LongSupplier nodesEvaluated, java.util.function.LongSupplier podsBound,
                               java.util.function.IntSupplier nextStart) {
        Bench bench = new Bench(nodes, scheduler, seed).deadlockTimeoutS(120);
        bench.submit(jobs.toArray(SimJob[]::new));
        long end = bench.runToEnd(5_000_000);
        List<String> perJob = new ArrayList<>();
        for (SimJob j : jobs) perJob.add(j.index() + " start " + bench.startS(j) + " nodes " + java.util.Arrays.toString(bench.nodesOf(j)));
        return new Outcome(perJob, bench.evictions(), bench.decisions(), bench.touches(), nodesEvaluated.getAsLong(),
                podsBound.getAsLong(), nextStart.getAsInt(), end);
    }

    /**
     * Jobs arriving faster than the cluster serves them, in bursts that share a second, with CPU pods of several
     * sizes, whole-GPU and shared-GPU pods, gangs of up to 5 pods in half the jobs, two priorities and runtimes that often end in the
     * same second.
     */
    private static List<SimJob> saturatedWorkload(long seed, int count, boolean seconds) {
        SplittableRandom rnd = new SplittableRandom(seed);
        TaskShape[] shapes = {
                TaskShape.cpu(500, 512), TaskShape.cpu(1000, 1024), TaskShape.cpu(1500, 2048), TaskShape.cpu(2000, 1024),
                new TaskShape(2000, 2048, 1, 1000, 0L), new TaskShape(1000, 1024, 1, 500, 0L),
                new TaskShape(4000, 4096, 2, 1000, 0L)};
        List<SimJob> jobs = new ArrayList<>();
        long t = 0;
        for (int i = 0; i < count; i++) {
            if (rnd.nextInt(4) == 0) t += rnd.nextInt(seconds ? 4 : 40);
            TaskShape s = shapes[rnd.nextInt(shapes.length)];
            int tasks = rnd.nextInt(2) == 0 ? 2 + rnd.nextInt(4) : 1;
            long runtime = seconds ? 1 + rnd.nextInt(12) : 10 * (1 + rnd.nextInt(30));
            jobs.add(job(i, t, tasks, s, runtime, runtime, rnd.nextInt(5) == 0 ? 1 : 0));
        }
        return jobs;
    }
}

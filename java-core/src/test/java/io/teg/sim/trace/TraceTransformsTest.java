package io.teg.sim.trace;

import io.teg.model.JobRequest;
import io.teg.model.NodeSpec;
import io.teg.model.TaskShape;
import io.teg.sim.ClusterSpec;
import io.teg.sim.Qos;
import io.teg.sim.SimJob;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class TraceTransformsTest {

    /**
     * Two nodes of 4 cores, 8192 MiB and 2 GPUs: capacity 8000 mCPU, 16384 MiB, 4000 mGPU. Jobs:
     * <pre>
     *   j0 at   0 s: 2 tasks x (1000 mCPU, 1024 MiB, no GPU),    100 s -&gt; cpu 200000, mem 204800, gpu      0
     *   j1 at  50 s: 1 task  x (2000 mCPU, 4096 MiB, 0.5 GPU),    200 s -&gt; cpu 400000, mem 819200, gpu 100000
     *   j2 at 100 s: 1 task  x ( 500 mCPU,    0 MiB, 2 GPUs),      50 s -&gt; cpu  25000, mem      0, gpu 100000
     * </pre>
     * Span 100 s: cpu 625000 / 800000 = 0.78125, memory 1024000 / 1638400 = 0.625, gpu 200000 / 400000 = 0.5.
     */
    private static Trace handExample() {
        List<NodeSpec> nodes = List.of(new NodeSpec("a", 4000, 8192, 2, "X", 0), new NodeSpec("b", 4000, 8192, 2, "X", 0));
        ClusterSpec cluster = new ClusterSpec("hand", nodes, List.of("X"));
        List<SimJob> jobs = List.of(
                job(0, 1, 2, TaskShape.cpu(1000, 1024), 0, 100),
                job(1, 2, 1, new TaskShape(2000, 4096, 1, 500, 0), 50, 200),
                job(2, 3, 1, new TaskShape(500, 0, 2, 1000, 0), 100, 50));
        TraceDiagnostics diagnostics = new TraceDiagnostics("hand.csv", 4, 3, 3, 0, List.of(), List.of(), List.of());
        return new Trace("hand", Path.of("hand.csv"), cluster, jobs, diagnostics);
    }

    private static SimJob job(int index, long id, int tasks, TaskShape shape, long submit, long runtime) {
        return new SimJob(index, new JobRequest(id, "acct", tasks, shape, runtime, 0), submit, runtime, Qos.GUARANTEED, id + 1);
    }

    @Test
    void shouldComputeLoadOfEachResourceWhenJobsAreHandCounted() {
        OfferedLoad load = TraceTransforms.loadByResource(handExample());

        assertThat(load.cpu()).isCloseTo(0.78125, within(1e-12));
        assertThat(load.memory()).isCloseTo(0.625, within(1e-12));
        assertThat(load.gpu()).isCloseTo(0.5, within(1e-12));
        assertThat(load.spanS()).isEqualTo(100);
        assertThat(load.bottleneck()).isEqualTo("cpu");
        assertThat(TraceTransforms.offeredLoad(handExample())).isCloseTo(0.78125, within(1e-12));
    }

    @Test
    void shouldDoubleLoadWhenInterArrivalTimesAreHalved() {
        Trace hand = handExample();

        Trace doubled = TraceTransforms.withLoad(hand, 2 * 0.78125);

        assertThat(doubled.jobs()).extracting(SimJob::submitS).containsExactly(0L, 25L, 50L);
        assertThat(doubled.jobs()).extracting(SimJob::runtimeS).containsExactly(100L, 200L, 50L);
        OfferedLoad load = TraceTransforms.loadByResource(doubled);
        assertThat(load.cpu()).isCloseTo(1.5625, within(1e-12));
        assertThat(load.memory()).isCloseTo(1.25, within(1e-12));
        assertThat(load.gpu()).isCloseTo(1.0, within(1e-12));
        assertThat(hand.jobs()).extracting(SimJob::submitS).containsExactly(0L, 50L, 100L);
        assertThat(doubled.diagnostics().notes()).singleElement().asString().startsWith("--load 1.563: submit times x 0.5000");
    }

    @Test
    void shouldReachTargetLoadWhenKthIsCompressedOrStretched() throws IOException {
        Trace kth = new SwfReader(TraceOptions.defaults()).read(BundledData.kth());
        double rho = TraceTransforms.offeredLoad(kth);
        assertThat(rho).isCloseTo(2_011_271_357.0 / (100.0 * 28_763_768), within(1e-12));

        Trace doubled = TraceTransforms.withLoad(kth, 2 * rho);
        Trace eased = TraceTransforms.withLoad(kth, 0.5);

        assertThat(TraceTransforms.offeredLoad(doubled)).isCloseTo(2 * rho, within(1e-6));
        assertThat(doubled.submitSpanS()).isEqualTo(28_763_768 / 2);
        assertThat(TraceTransforms.offeredLoad(eased)).isCloseTo(0.5, within(1e-6));
        assertThat(doubled.jobs()).extracting(SimJob::index).containsExactlyElementsOf(kth.jobs().stream().map(SimJob::index).toList());
    }

    @Test
    void shouldRejectTargetLoadWhenItIsNotPositive() {
        Trace hand = handExample();

        assertThatThrownBy(() -> TraceTransforms.withLoad(hand, 0)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--load");
        assertThatThrownBy(() -> TraceTransforms.withLoad(hand, -0.5)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--load");
        assertThatThrownBy(() -> TraceTransforms.withLoad(hand, Double.NaN)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--load");
    }

    @Test
    void shouldDoubleNodesAndJobsWhenScaledToTwiceTheCluster() throws IOException {
        Trace kth = new SwfReader(TraceOptions.defaults()).read(BundledData.kth());

        Trace big = TraceTransforms.scaledTo(kth, 200);

        assertThat(big.cluster().nodes()).hasSize(200);
        assertThat(big.cluster().nodes().get(100).name()).isEqualTo("KTH-SP2-1996-2.1-cln-n0001-c1");
        assertThat(big.size()).isEqualTo(2 * kth.size());
        assertThat(TraceTransforms.offeredLoad(big)).isCloseTo(TraceTransforms.offeredLoad(kth), within(1e-12));
        Set<Long> ids = new HashSet<>();
        for (SimJob j : big.jobs()) ids.add(j.request().jobId());
        assertThat(ids).hasSize(big.size());
        SimJob original = big.jobs().get(0);
        SimJob copy = big.jobs().get(1);
        assertThat(original.request().jobId()).isEqualTo(15);
        assertThat(copy.request().jobId()).isEqualTo(100_015);
        assertThat(copy.submitS()).isEqualTo(original.submitS());
        assertThat(copy.sourceLine()).isEqualTo(original.sourceLine());
        assertThat(copy.request().task()).isEqualTo(original.request().task());
        for (int i = 0; i < kth.size(); i++) {
            assertThat(big.jobs().get(2 * i).request()).isEqualTo(kth.jobs().get(i).request());
            assertThat(big.jobs().get(2 * i + 1).submitS()).isEqualTo(kth.jobs().get(i).submitS());
        }
        assertThat(kth.cluster().nodes()).hasSize(100);
    }

    @Test
    void shouldRoundReplicasWhenNodeCountIsNotAMultiple() {
        Trace hand = handExample();

        assertThat(TraceTransforms.scaledTo(hand, 5).cluster().nodes()).hasSize(6);
        assertThat(TraceTransforms.scaledTo(hand, 1).cluster().nodes()).hasSize(2);
        assertThat(TraceTransforms.scaledTo(hand, 5).size()).isEqualTo(9);
        assertThatThrownBy(() -> TraceTransforms.scaledTo(hand, 0)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--nodes");
    }

    @Test
    void shouldKeepFirstJobsWhenLimited() throws IOException {
        Trace kth = new SwfReader(TraceOptions.defaults()).read(BundledData.kth());

        Trace first = TraceTransforms.limitJobs(kth, 1000);

        assertThat(first.size()).isEqualTo(1000);
        assertThat(first.jobs()).isEqualTo(kth.jobs().subList(0, 1000));
        assertThat(first.diagnostics().notes()).containsExactly("limited to the first 1000 of 28467 jobs");
        assertThat(TraceTransforms.limitJobs(kth, 30_000)).isSameAs(kth);
        assertThatThrownBy(() -> TraceTransforms.limitJobs(kth, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldRejectTraceWhenJobsAreOutOfOrder() {
        Trace hand = handExample();
        List<SimJob> swapped = List.of(hand.jobs().get(0), hand.jobs().get(2).withIndex(1), hand.jobs().get(1).withIndex(2));

        assertThatThrownBy(() -> new Trace("x", Path.of("x"), hand.cluster(), swapped, hand.diagnostics()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("job 2 submits at 50 s, before job 1 at 100 s");
    }
}

package io.teg.sim.trace;

import io.teg.model.JobRequest;
import io.teg.model.NodeSpec;
import io.teg.model.TaskShape;
import io.teg.sim.ClusterSpec;
import io.teg.sim.Qos;
import io.teg.sim.SimJob;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class TraceTransformsProperties {

    private record Spec(long gapS, int tasks, int cpuMilli, long memMiB, long runtimeS) {
    }

    @Provide
    Arbitrary<Trace> traces() {
        Arbitrary<Spec> spec = Combinators.combine(
                Arbitraries.longs().between(0, 5_000), Arbitraries.integers().between(1, 4),
                Arbitraries.integers().between(1, 4_000), Arbitraries.longs().between(0, 8_192),
                Arbitraries.longs().between(1, 20_000)).as(Spec::new);
        return Combinators.combine(spec.list().ofMinSize(1).ofMaxSize(40), Arbitraries.integers().between(1, 6))
                .as(TraceTransformsProperties::trace);
    }

    private static Trace trace(List<Spec> specs, int nodeCount) {
        List<NodeSpec> nodes = new ArrayList<>();
        for (int i = 0; i < nodeCount; i++) nodes.add(NodeSpec.cpuOnly("n" + i, 4_000, 8_192));
        List<SimJob> jobs = new ArrayList<>();
        long submit = 0;
        for (int i = 0; i < specs.size(); i++) {
            Spec s = specs.get(i);
            if (i > 0) submit += s.gapS();
            JobRequest request = new JobRequest(i + 1, "a", s.tasks(), TaskShape.cpu(s.cpuMilli(), s.memMiB()), s.runtimeS(), 0);
            jobs.add(new SimJob(i, request, submit, s.runtimeS(), Qos.GUARANTEED, i + 1));
        }
        TraceDiagnostics diagnostics = new TraceDiagnostics("p.swf", specs.size(), specs.size(), specs.size(), 0, List.of(), List.of(), List.of());
        return new Trace("p", Path.of("p.swf"), new ClusterSpec("p", nodes, List.of()), jobs, diagnostics);
    }

    @Property(tries = 200)
    void shouldReachTargetLoadUpToRoundingWhenSubmitTimesAreScaled(@ForAll("traces") Trace trace,
                                                                   @ForAll @DoubleRange(min = 0.05, max = 5.0) double target) {
        double rho = TraceTransforms.offeredLoad(trace);
        long newSpan = Math.round(trace.submitSpanS() * rho / target);
        Assume.that(newSpan >= 1 && trace.submitSpanS() >= 1);

        Trace scaled = TraceTransforms.withLoad(trace, target);

        assertThat(scaled.submitSpanS()).isEqualTo(newSpan);
        assertThat(TraceTransforms.offeredLoad(scaled)).isBetween(
                target * (newSpan - 0.5) / newSpan - 1e-9, target * (newSpan + 0.5) / newSpan + 1e-9);
        assertThat(scaled.jobs()).extracting(SimJob::runtimeS).containsExactlyElementsOf(
                trace.jobs().stream().map(SimJob::runtimeS).toList());
    }

    @Property(tries = 200)
    void shouldKeepLoadAndMultiplyJobsWhenClusterIsReplicated(@ForAll("traces") Trace trace,
                                                              @ForAll @IntRange(min = 1, max = 60) int nodes) {
        int n0 = trace.cluster().nodes().size();
        int k = (int) Math.max(1, Math.round((double) nodes / n0));

        Trace scaled = TraceTransforms.scaledTo(trace, nodes);

        assertThat(scaled.cluster().nodes()).hasSize(n0 * k);
        assertThat(scaled.size()).isEqualTo(trace.size() * k);
        assertThat(TraceTransforms.offeredLoad(scaled)).isCloseTo(TraceTransforms.offeredLoad(trace),
                org.assertj.core.api.Assertions.within(1e-9 * Math.max(1, TraceTransforms.offeredLoad(trace))));
        assertThat(scaled.jobs().stream().map(j -> j.request().jobId()).distinct().count()).isEqualTo(scaled.size());
    }
}

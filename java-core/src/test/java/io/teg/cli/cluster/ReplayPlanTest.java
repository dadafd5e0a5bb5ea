package io.teg.cli.cluster;

import io.teg.sim.trace.Trace;
import io.teg.sim.trace.TraceOptions;
import io.teg.sim.trace.TraceReaders;
import io.teg.cli.Home;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class ReplayPlanTest {

    @TempDir
    Path dir;

    /** A trace of 100 one-CPU nodes and the given (submit s, procs, runtime s, limit s) jobs, read from an SWF file. */
    private Trace trace(long[]... jobs) throws Exception {
        StringBuilder swf = new StringBuilder("; MaxNodes: 100\n; MaxProcs: 100\n");
        for (int i = 0; i < jobs.length; i++) {
            long[] j = jobs[i];
            swf.append(String.format("%d %d 0 %d %d -1 -1 %d %d -1 1 1 1 -1 1 -1 -1 -1%n", i + 1, j[0], j[2], j[1], j[1], j[3]));
        }
        Path f = dir.resolve("t.swf");
        Files.writeString(f, swf);
        return TraceReaders.read(f, TraceOptions.defaults());
    }

    @Test
    void shouldSpreadTheSliceOverTheSpanWhenCompressingTime() throws Exception {
        Trace t = trace(new long[] {0, 1, 100, 3600}, new long[] {3000, 1, 600, 3600}, new long[] {6000, 1, 30000, 3600});
        ReplayPlan p = ReplayPlan.of(t, 0, 3, 60, 10, 64);
        assertThat(p.compression()).isEqualTo(100.0);
        assertThat(p.jobs()).extracting(ReplayPlan.Submission::atS).containsExactly(0.0, 30.0, 60.0);
        assertThat(p.jobs().get(0).sleepS()).isCloseTo(1.0, within(1e-9));
        assertThat(p.jobs().get(1).sleepS()).isCloseTo(6.0, within(1e-9));
        assertThat(p.jobs().get(2).sleepS()).as("capped").isEqualTo(10.0);
        assertThat(p.spanS()).isEqualTo(60.0);
    }

    @Test
    void shouldScaleWidthsByTheRatioOfCpusWhenTheClustersDiffer() throws Exception {
        Trace t = trace(new long[] {0, 100, 10, 60}, new long[] {1, 50, 10, 60}, new long[] {2, 1, 10, 60},
                new long[] {3, 3, 10, 60});
        ReplayPlan p = ReplayPlan.of(t, 0, 4, 60, 10, 64);
        assertThat(p.jobs()).extracting(ReplayPlan.Submission::cpus).containsExactly(64, 32, 1, 2);
    }

    @Test
    void shouldNeverCompressBelowRealTimeWhenTheSliceIsShorterThanTheSpan() throws Exception {
        Trace t = trace(new long[] {0, 1, 5, 60}, new long[] {10, 1, 5, 60});
        ReplayPlan p = ReplayPlan.of(t, 0, 2, 60, 10, 4);
        assertThat(p.compression()).isEqualTo(1.0);
        assertThat(p.jobs().get(1).atS()).isEqualTo(10.0);
        assertThat(p.jobs()).allSatisfy(s -> assertThat(s.limitMin()).isGreaterThanOrEqualTo(1));
    }

    @Test
    void shouldNameTheTracesRangeWhenTheSliceFallsOutsideIt() throws Exception {
        Trace t = trace(new long[] {0, 1, 5, 60});
        assertThatThrownBy(() -> ReplayPlan.of(t, 0, 2, 60, 10, 4))
                .hasMessage("jobs 0..1: the trace t has jobs 0..0");
        assertThatThrownBy(() -> ReplayPlan.of(t, 0, 1, 0, 10, 4)).hasMessage("--span-s=0.0: must be positive");
    }

    @Test
    void shouldFitEveryJobOfTheDemoSliceOnTheDemoClusterWhenPlanningTheBundledTrace() throws Exception {
        Trace kth = TraceReaders.read(Home.dataDir().resolve("traces/KTH-SP2-1996-2.1-cln.swf"), TraceOptions.defaults());
        ReplayPlan p = ReplayPlan.of(kth, 2000, 150, 30, 10, 64);
        assertThat(p.jobs()).hasSize(150);
        assertThat(p.jobs()).allSatisfy(s -> {
            assertThat(s.cpus()).isBetween(1, 64);
            assertThat(s.sleepS()).isBetween(0.05, 10.0);
            assertThat(s.atS()).isBetween(0.0, 30.0 + 1e-9);
        });
        assertThat(p.spanS()).isCloseTo(30.0, within(1e-6));
    }
}

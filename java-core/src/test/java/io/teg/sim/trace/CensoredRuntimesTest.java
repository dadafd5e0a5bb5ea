package io.teg.sim.trace;

import io.teg.sim.SimJob;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The treatments of censored runtimes on a small pod list (test resources traces/censored): the collection ends at
 * 1000 s; pods 11, 12 and 13 were still running then (ages 300, 900 and 10 s); pod 21 never started. Known runtimes:
 * one whole GPU 100, 300 and 600 s (pods 1-3), no GPU 50 s (pod 4).
 */
class CensoredRuntimesTest {

    private static Path podList() throws URISyntaxException {
        return Path.of(CensoredRuntimesTest.class.getResource("/traces/censored/openb_pod_list_censored.csv").toURI());
    }

    private static Map<Long, Long> runtimesById(CensoredRuntimes mode, long seed) throws Exception {
        Trace t = new AlibabaTraceReader(TraceOptions.defaults().withSeed(seed).withCensored(mode)).read(podList());
        return t.jobs().stream().collect(Collectors.toMap(j -> j.request().jobId(), SimJob::runtimeS));
    }

    @Test
    void shouldTakeTheAgeAsRuntimeWhenKeep() throws Exception {
        assertThat(runtimesById(CensoredRuntimes.KEEP, 1)).containsExactlyInAnyOrderEntriesOf(Map.of(
                1L, 100L, 2L, 300L, 3L, 600L, 4L, 50L, 11L, 300L, 12L, 900L, 13L, 10L, 21L, 600L));
    }

    @Test
    void shouldLeaveCensoredPodsOutAndCountThemWhenDrop() throws Exception {
        Trace t = new AlibabaTraceReader(TraceOptions.defaults().withCensored(CensoredRuntimes.DROP)).read(podList());

        assertThat(t.jobs()).extracting(j -> j.request().jobId()).containsExactlyInAnyOrder(1L, 2L, 3L, 4L, 21L);
        assertThat(t.diagnostics().skippedCount()).isEqualTo(3);
    }

    @Test
    void shouldCapAtTheLongestKnownRuntimeOfTheGpuClassWhenCap() throws Exception {
        Map<Long, Long> r = runtimesById(CensoredRuntimes.CAP, 1);

        assertThat(r.get(11L)).isEqualTo(300L);
        assertThat(r.get(12L)).isEqualTo(600L);
        assertThat(r.get(13L)).isEqualTo(10L);
        assertThat(r.get(21L)).as("a pod that never started is not censored").isEqualTo(600L);
    }

    @Test
    void shouldDrawAKnownRuntimeNoShorterThanTheAgeWhenResample() throws Exception {
        Set<Long> drawnFor11 = new HashSet<>();
        for (long seed = 1; seed <= 40; seed++) {
            Map<Long, Long> r = runtimesById(CensoredRuntimes.RESAMPLE, seed);
            assertThat(r.get(11L)).isIn(300L, 600L);
            drawnFor11.add(r.get(11L));
            assertThat(r.get(12L)).as("older than every known runtime: the longest").isEqualTo(600L);
            assertThat(r.get(13L)).as("the only no-GPU donor").isEqualTo(50L);
            assertThat(r).containsEntry(1L, 100L).containsEntry(2L, 300L).containsEntry(3L, 600L).containsEntry(21L, 600L);
        }
        assertThat(drawnFor11).as("both donors at least 300 s long are drawn").containsExactlyInAnyOrder(300L, 600L);
    }

    @Test
    void shouldGiveTheSameRuntimesWhenTheSeedIsTheSame() throws Exception {
        for (long seed = 1; seed <= 10; seed++) {
            assertThat(runtimesById(CensoredRuntimes.RESAMPLE, seed)).isEqualTo(runtimesById(CensoredRuntimes.RESAMPLE, seed));
        }
    }

    @Test
    void shouldBeTheDefaultWhenNoModeIsGiven() {
        assertThat(TraceOptions.defaults().censored()).isEqualTo(CensoredRuntimes.RESAMPLE);
        assertThat(new TraceOptions(false, 1, null).censored()).isEqualTo(CensoredRuntimes.DEFAULT);
    }

    @Test
    void shouldNameTheOptionAndTheValuesWhenTheModeIsUnknown() {
        assertThat(CensoredRuntimes.parse(" Drop ")).isEqualTo(CensoredRuntimes.DROP);
        assertThatThrownBy(() -> CensoredRuntimes.parse("truncate"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--censored")
                .hasMessageContaining("truncate")
                .hasMessageContaining("keep, drop, cap or resample");
    }

    @Test
    void shouldFindTheThirtyFourPodsAliveAtTheEndWhenReadingTheBundledDefaultList() throws IOException {
        Trace keep = new AlibabaTraceReader(TraceOptions.defaults().withCensored(CensoredRuntimes.KEEP))
                .read(BundledData.alibaba("openb_pod_list_default.csv"));
        Trace resample = new AlibabaTraceReader(TraceOptions.defaults()).read(BundledData.alibaba("openb_pod_list_default.csv"));
        Trace drop = new AlibabaTraceReader(TraceOptions.defaults().withCensored(CensoredRuntimes.DROP))
                .read(BundledData.alibaba("openb_pod_list_default.csv"));

        assertThat(resample.diagnostics().notes()).anyMatch(n -> n.startsWith("34 pods were still running"));
        assertThat(drop.diagnostics().skippedCount()).isEqualTo(34);
        assertThat(resample.size()).isEqualTo(keep.size());
        Map<Long, Long> kept = keep.jobs().stream().collect(Collectors.toMap(SimJob::sourceLine, SimJob::runtimeS));
        long changed = resample.jobs().stream().filter(j -> j.runtimeS() != kept.get(j.sourceLine())).count();
        assertThat(changed).isPositive().isLessThanOrEqualTo(34);
    }
}

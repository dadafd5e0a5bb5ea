package io.teg.bridge;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

class SlurmPlacementTest {

    @TempDir
    Path dir;

    private final AtomicLong clock = new AtomicLong(1_000_000_000L);

    private SlurmPlacement placement(int nodes) {
        SlurmPlacement p = new SlurmPlacement(DecisionLog.open(dir.resolve("decisions.log")),
                () -> clock.addAndGet(1_000), new SplittableRandom(3));
        p.setNodes(nodes(nodes));
        return p;
    }

    private static List<SlurmNode> nodes(int n) {
        List<SlurmNode> out = new ArrayList<>();
        for (int i = 0; i < n; i++) out.add(new SlurmNode(i, "n" + (i + 1), 4, 800));
        return out;
    }

    private static JobQuestion job(long id, int nodes, int cpus) {
        return new JobQuestion(id, 1000, nodes, nodes, nodes, cpus, 0, 10, 100, false);
    }

    private static JobQuestion exclusive(long id, int nodes) {
        return new JobQuestion(id, 1000, nodes, nodes, nodes, nodes * 4, 0, 10, 100, true);
    }

    private static int[] all(int n) {
        int[] out = new int[n];
        for (int i = 0; i < n; i++) out[i] = i;
        return out;
    }

    @Test
    void shouldNameAContiguousBlockOfWhollyFreeNodesWhenTheJobTakesWholeNodes() {
        SlurmPlacement p = placement(16);
        p.begin(50, 1000, new int[] {0}, new int[] {1});
        p.begin(51, 1000, new int[] {2}, new int[] {1});
        p.begin(52, 1000, new int[] {5}, new int[] {1});

        int[] ranked = p.rank(exclusive(53, 4), all(16));

        assertThat(ranked).containsExactly(6, 7, 8, 9);
    }

    @Test
    void shouldPreferTheTightestRunWhenSeveralHoldTheBlock() {
        SlurmPlacement p = placement(16);
        p.begin(60, 1000, new int[] {3}, new int[] {1});
        p.begin(61, 1000, new int[] {6}, new int[] {1});

        int[] ranked = p.rank(exclusive(62, 2), all(16));

        assertThat(ranked).as("the run n5-n6 (indexes 4, 5) is exactly 2 long").containsExactly(4, 5);
    }

    @Test
    void shouldDeclineWhenTheJobsBidIsBelowThePriceOfTheSlots() throws Exception {
        SlurmPlacement p = placement(4);
        JobQuestion cheap = new JobQuestion(80, 1000, 1, 1, 1, 2, 0, 10, 100, false, 1, Sla.BATCH);
        JobQuestion rich = new JobQuestion(81, 1000, 1, 1, 1, 2, 0, 10, 100, false, 1_000_000_000L, Sla.LATENCY);

        assertThat(p.rank(cheap, all(4))).isEmpty();
        assertThat(p.rank(rich, all(4))).hasSize(1);
        assertThat(Files.readString(dir.resolve("decisions.log"))).contains("declined job=80")
                .contains("bid_micros=1000000000 sla=latency");
    }

    @Test
    void shouldDeclineAWholeNodeJobWhenNoRunIsLongEnough() {
        SlurmPlacement p = placement(6);
        p.begin(70, 1000, new int[] {1}, new int[] {1});
        p.begin(71, 1000, new int[] {4}, new int[] {1});

        assertThat(p.rank(exclusive(72, 3), all(6))).isEmpty();
    }

    @Test
    void shouldRankOnlyCandidatesWhenSlurmOffersASubset() {
        SlurmPlacement p = placement(16);
        int[] candidates = {3, 5, 7, 9, 11};

        int[] ranked = p.rank(job(1, 2, 4), candidates);

        assertThat(ranked).hasSizeGreaterThanOrEqualTo(2);
        assertThat(Arrays.stream(ranked).boxed().toList()).isSubsetOf(3, 5, 7, 9, 11).doesNotHaveDuplicates();
    }

    @Test
    void shouldNameAsManyNodesAsTheJobWantsWhenTasksWouldFitOnFewerNodes() {
        SlurmPlacement p = placement(16);

        int[] ranked = p.rank(job(2, 4, 4), new int[] {0, 1, 2, 3, 4, 5, 6, 7});

        assertThat(ranked).hasSize(4).doesNotHaveDuplicates();
    }

    @Test
    void shouldDeclineWhenNoCandidateHasRoomLeft() throws Exception {
        SlurmPlacement p = placement(2);
        p.begin(10, 1000, new int[] {0, 1}, new int[] {4, 4});

        int[] ranked = p.rank(job(3, 1, 1), new int[] {0, 1});

        assertThat(ranked).isEmpty();
        assertThat(Files.readString(dir.resolve("decisions.log"))).contains("declined job=3 candidates=2");
    }

    @Test
    void shouldOpenALeasePerNodeOnBeginAndSettleThemOnFini() throws Exception {
        SlurmPlacement p = placement(8);

        p.begin(20, 1000, new int[] {2, 3}, new int[] {4, 2});
        assertThat(p.openLeases()).isEqualTo(2);
        p.fini(20);

        assertThat(p.openLeases()).isZero();
        String log = Files.readString(dir.resolve("decisions.log"));
        assertThat(log).contains("lease job=20 nodes=n3,n4 cpus=4,2 fills=2 rejects=0").contains("settle job=20 leases=2");
    }

    @Test
    void shouldFreeTheNodesOfAFinishedJobWhenTheNextJobAsks() {
        SlurmPlacement p = placement(1);
        p.begin(30, 1000, new int[] {0}, new int[] {4});
        assertThat(p.rank(job(31, 1, 2), new int[] {0})).isEmpty();

        p.fini(30);

        assertThat(p.rank(job(31, 1, 2), new int[] {0})).containsExactly(0);
    }

    @Test
    void shouldKeepRunningJobsWhenTheNodeTableIsReplaced() {
        SlurmPlacement p = placement(4);
        p.begin(40, 1000, new int[] {0, 1, 2, 3}, new int[] {4, 4, 4, 4});

        p.setNodes(nodes(4));

        assertThat(p.openLeases()).isEqualTo(4);
        assertThat(p.rank(job(41, 1, 1), new int[] {0, 1, 2, 3})).as("every node is still full").isEmpty();
    }
}

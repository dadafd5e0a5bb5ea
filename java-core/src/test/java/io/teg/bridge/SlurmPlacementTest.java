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

    private DecisionLog log;

    /** The decision log as the bridge thread leaves it after its drain upcall. */
    private String logText() throws java.io.IOException {
        log.drain();
        return Files.readString(dir.resolve("decisions.log"));
    }

    private SlurmPlacement placement(int nodes) {
        log = DecisionLog.open(dir.resolve("decisions.log"));
        SlurmPlacement p = new SlurmPlacement(log, () -> clock.addAndGet(1_000), new SplittableRandom(3));
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

    private static int[] indexes(int n) {
        int[] out = new int[n];
        for (int i = 0; i < n; i++) out[i] = i;
        return out;
    }

    /** Every one of the n nodes a candidate, all 4 CPUs and 800 MiB free. */
    private static SlurmView all(int n) {
        return SlurmView.allFree(indexes(n), 4, 800);
    }

    /** Every one of the n nodes a candidate; Slurm counts {@code used[i]} of node i's 4 CPUs allocated. */
    private static SlurmView busy(int n, int... used) {
        int[] free = new int[n];
        long[] mem = new long[n];
        for (int i = 0; i < n; i++) {
            free[i] = 4 - (i < used.length ? used[i] : 0);
            mem[i] = 800;
        }
        return new SlurmView(indexes(n), free, mem);
    }

    private static SlurmView some(int... candidates) {
        return SlurmView.allFree(candidates, 4, 800);
    }

    @Test
    void shouldNameAContiguousBlockOfWhollyFreeNodesWhenTheJobTakesWholeNodes() {
        SlurmPlacement p = placement(16);

        int[] ranked = p.rank(exclusive(53, 4), busy(16, 1, 0, 1, 0, 0, 1));

        assertThat(ranked).containsExactly(6, 7, 8, 9);
    }

    @Test
    void shouldPreferTheTightestRunWhenSeveralHoldTheBlock() {
        SlurmPlacement p = placement(16);

        int[] ranked = p.rank(exclusive(62, 2), busy(16, 0, 0, 0, 1, 0, 0, 1));

        assertThat(ranked).as("the run n5-n6 (indexes 4, 5) is exactly 2 long").containsExactly(4, 5);
    }

    @Test
    void shouldDeclineWhenTheJobsBidIsBelowThePriceOfTheSlots() throws Exception {
        SlurmPlacement p = placement(4);
        JobQuestion cheap = new JobQuestion(80, 1000, 1, 1, 1, 2, 0, 10, 100, false, 1, Sla.BATCH);
        JobQuestion rich = new JobQuestion(81, 1000, 1, 1, 1, 2, 0, 10, 100, false, 1_000_000_000L, Sla.LATENCY);

        assertThat(p.rank(cheap, all(4))).isEmpty();
        assertThat(p.rank(rich, all(4))).hasSize(1);
        assertThat(logText()).contains("declined job=80")
                .contains("bid_micros=1000000000 sla=latency");
    }

    @Test
    void shouldDeclineAWholeNodeJobWhenNoRunIsLongEnough() throws Exception {
        SlurmPlacement p = placement(6);

        assertThat(p.rank(exclusive(72, 3), busy(6, 0, 1, 0, 0, 1))).isEmpty();
        assertThat(logText()).contains("declined job=72 candidates=6 "
                + "reason=\"no 3 consecutive wholly free candidate nodes\" need=3x(whole node) wholly_free_nodes=4");
    }

    @Test
    void shouldRankOnlyCandidatesWhenSlurmOffersASubset() {
        SlurmPlacement p = placement(16);
        int[] candidates = {3, 5, 7, 9, 11};

        int[] ranked = p.rank(job(1, 2, 4), some(candidates));

        assertThat(ranked).hasSizeGreaterThanOrEqualTo(2);
        assertThat(Arrays.stream(ranked).boxed().toList()).isSubsetOf(3, 5, 7, 9, 11).doesNotHaveDuplicates();
    }

    @Test
    void shouldNameAsManyNodesAsTheJobWantsWhenTasksWouldFitOnFewerNodes() {
        SlurmPlacement p = placement(16);

        int[] ranked = p.rank(job(2, 4, 4), some(0, 1, 2, 3, 4, 5, 6, 7));

        assertThat(ranked).hasSize(4).doesNotHaveDuplicates();
    }

    @Test
    void shouldDeclineWhenNoCandidateHasRoomLeft() throws Exception {
        SlurmPlacement p = placement(2);

        int[] ranked = p.rank(job(3, 1, 1), busy(2, 4, 4));

        assertThat(ranked).isEmpty();
        assertThat(logText()).contains("declined job=3 candidates=2")
                .contains(" need=1x1cpu fit_nodes=0 hostable_tasks=0 free_cpus=0 max_free_cpus=0 max_free_mem_mib=800");
    }

    @Test
    void shouldOpenALeasePerNodeOnBeginAndSettleThemOnFini() throws Exception {
        SlurmPlacement p = placement(8);

        p.begin(20, 1000, new int[] {2, 3}, new int[] {4, 2});
        assertThat(p.openLeases()).isEqualTo(2);
        p.fini(20);

        assertThat(p.openLeases()).isZero();
        String log = logText();
        assertThat(log).contains("lease job=20 nodes=n3,n4 cpus=4,2 fills=2 rejects=0").contains("settle job=20 leases=2");
    }

    @Test
    void shouldRankByWhatSlurmCountsFreeWhenTegHasNotHeardOfAStartYet() {
        SlurmPlacement p = placement(3);

        int[] ranked = p.rank(job(31, 1, 3), busy(3, 4, 2, 0));

        assertThat(ranked).as("only n3 has 3 CPUs free in Slurm's count").containsExactly(2);
    }

    @Test
    void shouldRankANodeAgainWhenSlurmCountsItFreeBeforeTegHearsOfTheEnd() {
        SlurmPlacement p = placement(1);
        p.begin(30, 1000, new int[] {0}, new int[] {4});

        assertThat(p.rank(job(31, 1, 2), busy(1, 4))).isEmpty();
        assertThat(p.rank(job(31, 1, 2), busy(1, 0))).as("job 30 ended in Slurm; its fini is still queued")
                .containsExactly(0);
    }

    @Test
    void shouldDeclineAJobWhoseMemoryNoCandidateHasFreeInSlurmsCount() throws Exception {
        SlurmPlacement p = placement(2);
        SlurmView lowMemory = new SlurmView(new int[] {0, 1}, new int[] {4, 4}, new long[] {300, 500});

        int[] ranked = p.rank(new JobQuestion(90, 1000, 1, 1, 1, 1, 600, 10, 100, false), lowMemory);

        assertThat(ranked).isEmpty();
        assertThat(logText()).contains("declined job=90 ")
                .contains(" need=1x1cpux600MiB fit_nodes=0 hostable_tasks=0 free_cpus=8 max_free_cpus=4 "
                        + "max_free_mem_mib=500");
    }

    @Test
    void shouldCountMemoryPerCpuWhenSlurmGivesItPerCpu() {
        SlurmPlacement p = placement(2);
        SlurmView view = new SlurmView(new int[] {0, 1}, new int[] {4, 4}, new long[] {500, 700});
        JobQuestion q = new JobQuestion(91, 1000, 1, 1, 1, 3, 0, 10, 100, false, 0, Sla.NONE, "", 200);

        assertThat(p.rank(q, view)).as("3 CPUs x 200 MiB fit only node 1's 700 MiB").containsExactly(1);
    }

    @Test
    void shouldNameOnlyNodesWithRoomWhenTheJobWantsMoreNodesThanTheEngineUsed() {
        SlurmPlacement p = placement(8);
        SlurmView view = new SlurmView(new int[] {0, 1, 2, 3, 4, 5, 6, 7}, new int[] {4, 0, 4, 0, 0, 0, 4, 0},
                new long[] {800, 800, 800, 800, 800, 800, 800, 800});

        int[] ranked = p.rank(job(92, 3, 3), view);

        assertThat(ranked).containsExactlyInAnyOrder(0, 2, 6);
    }

    @Test
    void shouldSpreadAJobOverSeveralNodesWhenItsCpusFitNoNodeAndSlurmMayAddNodes() throws Exception {
        SlurmPlacement p = placement(8);
        JobQuestion wide = new JobQuestion(93, 1000, 1, 0, 1, 10, 0, 10, 100, false); // sbatch -n 10, no -N

        int[] ranked = p.rank(wide, busy(8, 0, 0, 4, 0, 4, 0, 0, 2));

        assertThat(ranked.length).as("10 CPUs need at least 3 of the 4-CPU nodes").isGreaterThanOrEqualTo(3);
        assertThat(Arrays.stream(ranked).boxed().toList()).doesNotContain(2, 4).doesNotHaveDuplicates();
        assertThat(Arrays.stream(ranked).map(i -> i == 7 ? 2 : 4).sum()).isGreaterThanOrEqualTo(10);
        assertThat(logText()).contains("decision job=93 ").contains(" tasks=10x1cpu");
    }

    @Test
    void shouldDeclineASpreadJobWithQuantitiesWhenTheCandidatesLackItsCpus() throws Exception {
        SlurmPlacement p = placement(4);
        JobQuestion wide = new JobQuestion(94, 1000, 1, 0, 1, 10, 0, 10, 100, false);

        assertThat(p.rank(wide, busy(4, 4, 2, 4, 0))).isEmpty();
        assertThat(logText()).contains("declined job=94 ")
                .contains(" need=10x1cpu fit_nodes=2 hostable_tasks=6 free_cpus=6 max_free_cpus=4");
    }

    @Test
    void shouldPutConsecutiveOneNodeJobsTogetherWhileTheNodeHasRoom() throws Exception {
        SlurmPlacement p = placement(8);

        int first = p.rank(job(97, 1, 1), busy(8, 2, 2, 2, 2, 0, 2, 2, 2))[0];
        int[] used = new int[8];
        java.util.Arrays.fill(used, 2);
        used[4] = 0;
        used[first] += 1;
        int second = p.rank(job(98, 1, 1), busy(8, used))[0];

        assertThat(second).as("the node of job 97 still has room and is nearest").isEqualTo(first);
        assertThat(logText()).contains("decision job=97 ranked=")
                .contains(" price_micros=");
    }

    @Test
    void shouldLeaveNoTraceOfTheWarmUpWhenTheFirstNodeTableArrives() throws Exception {
        SlurmPlacement p = placement(8);

        assertThat(p.counters()).startsWith("decisions=0 declined=0 ");
        assertThat(logText()).doesNotContain("decision ").doesNotContain("declined ")
                .contains("nodes count=8");
    }

    @Test
    void shouldPayTheLeasesFromTheClassAccountWhenTheJobNamesAClass() throws Exception {
        SlurmPlacement p = placement(4);
        JobQuestion q = new JobQuestion(95, 1000, 1, 1, 1, 1, 0, 10, 100, false, 0, Sla.NONE, "chem-lab", 0);

        int[] ranked = p.rank(q, all(4));
        p.begin(95, 1000, new int[] {ranked[0]}, new int[] {1});
        p.begin(96, 1000, new int[] {1}, new int[] {1});

        String log = logText();
        assertThat(log).contains("decision job=95 ").contains(" class=chem-lab ")
                .containsPattern("lease job=95 .* account=class-chem-lab\\n")
                .containsPattern("lease job=96 .* account=uid-1000\\n");
    }

    @Test
    void shouldKeepRunningJobsWhenTheNodeTableIsReplaced() {
        SlurmPlacement p = placement(4);
        p.begin(40, 1000, new int[] {0, 1, 2, 3}, new int[] {4, 4, 4, 4});

        p.setNodes(nodes(4));

        assertThat(p.openLeases()).isEqualTo(4);
    }

    @Test
    void shouldLogWhatSlurmCountedFreeOnTheRankedNodesWhenItDecides() throws Exception {
        SlurmPlacement p = placement(4);
        int[] cpus = {1, 3, 1, 1};
        long[] mem = {800, 300, 800, 800};

        int[] one = p.rank(job(61, 1, 2), new SlurmView(indexes(4), cpus, mem));
        int[] two = p.rank(job(62, 2, 2), new SlurmView(indexes(4), new int[] {4, 4, 0, 0}, new long[] {800, 500, 0, 0}));

        assertThat(one).containsExactly(1);
        assertThat(two).containsExactlyInAnyOrder(0, 1);
        String log = logText();
        assertThat(log).containsPattern("decision job=61 ranked=n2 .* free_cpus=3 free_mem_mib=300 ")
                .containsPattern("decision job=62 ranked=(n1,n2 .* free_cpus=4,4 free_mem_mib=800,500"
                        + "|n2,n1 .* free_cpus=4,4 free_mem_mib=500,800) ");
    }

    private SlurmPlacement gpuPlacement(int nodes) {
        log = DecisionLog.open(dir.resolve("decisions.log"));
        SlurmPlacement p = new SlurmPlacement(log, () -> clock.addAndGet(1_000), new SplittableRandom(3));
        List<SlurmNode> table = new ArrayList<>();
        for (int i = 0; i < nodes; i++) table.add(new SlurmNode(i, "g" + (i + 1), 8, 1600, 4));
        p.setNodes(table);
        return p;
    }

    private static JobQuestion gpuJob(long id, int nodes, int cpus, int gpusPerNode) {
        return new JobQuestion(id, 1000, nodes, nodes, nodes, cpus, 0, 10, 100, false, 0, Sla.NONE, "", 100,
                gpusPerNode);
    }

    /** Every one of the n GPU nodes a candidate with all 8 CPUs and 1600 MiB free, and {@code gpus[i]} GPUs free. */
    private static SlurmView gpusFree(int... gpus) {
        int[] cpus = new int[gpus.length];
        long[] mem = new long[gpus.length];
        Arrays.fill(cpus, 8);
        Arrays.fill(mem, 1600);
        return new SlurmView(indexes(gpus.length), cpus, mem, gpus);
    }

    @Test
    void shouldRankOnlyNodesWhoseFreeGpusHoldTheJobWhenCpusAreAllFree() throws Exception {
        SlurmPlacement p = gpuPlacement(6);

        int[] one = p.rank(gpuJob(81, 1, 1, 3), gpusFree(1, 2, 0, 3, 2, 4));
        int[] two = p.rank(gpuJob(82, 2, 2, 3), gpusFree(4, 2, 3, 0, 1, 2));
        int[] none = p.rank(gpuJob(83, 1, 1, 3), gpusFree(1, 2, 0, 2, 2, 1));

        assertThat(one).hasSize(1).containsAnyOf(3, 5);
        assertThat(two).containsExactlyInAnyOrder(0, 2);
        assertThat(none).as("no node has 3 GPUs free, though every CPU is").isEmpty();
        String log = logText();
        assertThat(log).containsPattern("decision job=81 ranked=g[46] .* free_cpus=8 free_mem_mib=1600 free_gpus=[34] ")
                .contains("declined job=83 ").contains(" need=1x1cpux100MiBx3gpu fit_nodes=0 ")
                .contains(" max_free_gpus=2");
    }

    @Test
    void shouldLeaseTheGpusSlurmAllocatedAndRefuseMoreThanTheNodeHasWhenAGpuJobBegins() throws Exception {
        SlurmPlacement p = gpuPlacement(2);

        p.begin(90, 1000, new int[] {0, 1}, new int[] {1, 2}, new int[] {3, 0});
        p.begin(91, 1000, new int[] {1}, new int[] {1}, new int[] {4});
        p.begin(92, 1000, new int[] {0}, new int[] {1}, new int[] {2});

        assertThat(p.openLeases()).as("g1: 3 of 4 GPUs to job 90, so job 92's 2 do not fit; g2: 4 to job 91")
                .isEqualTo(3);
        String log = logText();
        assertThat(log).contains("lease job=90 nodes=g1,g2 cpus=1,2 gpus=3,0 fills=2 rejects=0")
                .contains("lease job=91 nodes=g2 cpus=1 gpus=4 fills=1 rejects=0")
                .contains("lease job=92 nodes=g1 cpus=1 gpus=2 fills=0 rejects=1")
                .contains("lease-refused job=92 node=g1 ");
        p.fini(90);
        p.begin(93, 1000, new int[] {0}, new int[] {1}, new int[] {2});
        assertThat(logText()).as("job 90's GPUs are back").contains("lease job=93 nodes=g1 cpus=1 gpus=2 fills=1 rejects=0");
    }

    @Test
    void shouldLeaseGpusOnNodesWithMoreThanEightGpus() throws Exception {
        log = DecisionLog.open(dir.resolve("decisions.log"));
        SlurmPlacement p = new SlurmPlacement(log, () -> clock.addAndGet(1_000), new SplittableRandom(3));
        p.setNodes(List.of(new SlurmNode(0, "h1", 64, 8000, 16), new SlurmNode(1, "h2", 64, 8000, 12)));

        p.begin(95, 1000, new int[] {0, 1}, new int[] {8, 8}, new int[] {16, 12});

        assertThat(p.openLeases()).isEqualTo(2);
        assertThat(logText()).contains("lease job=95 nodes=h1,h2 cpus=8,8 gpus=16,12 fills=2 rejects=0");
    }

    @Test
    void shouldDeclineWhenTheJobAsksMoreGpusPerNodeThanTheEngineModels() throws Exception {
        SlurmPlacement p = gpuPlacement(2);

        int[] ranked = p.rank(gpuJob(84, 1, 1, 65), gpusFree(4, 4));

        assertThat(ranked).isEmpty();
        assertThat(logText()).contains("declined job=84 ")
                .contains("asks 65 GPUs per node");
    }

    @Test
    void shouldMoveTheLeasesToTheNodesLeftWhenSlurmResizesARunningJob() throws Exception {
        SlurmPlacement p = placement(4);
        JobQuestion q = new JobQuestion(70, 1000, 2, 2, 2, 8, 0, 10, 100, false, 0, Sla.NONE, "chem-lab", 0);
        int[] ranked = p.rank(q, all(4));
        p.begin(70, 1000, ranked, new int[] {4, 4});

        p.begin(70, 1000, new int[] {ranked[0]}, new int[] {4});

        assertThat(p.openLeases()).as("one lease, on the node left").isEqualTo(1);
        String log = logText();
        assertThat(log).containsPattern("settle job=70 leases=2 ")
                .containsPattern("lease job=70 nodes=n\\d .* account=class-chem-lab\\n");
        assertThat(log.indexOf("settle job=70")).isLessThan(log.lastIndexOf("lease job=70"));

        p.begin(70, 1000, new int[0], new int[0]);

        assertThat(p.openLeases()).as("a job with no node left holds no lease").isZero();
        assertThat(p.counters()).contains(" running=0 ");
    }
}

package io.teg.bridge;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.lang.foreign.Arena;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The upcall table as C sees it: native structs in, calls through the function pointers of the table (downcalls into
 * the Panama upcall stubs), results written into native memory.
 */
class UpcallsTest {

    @TempDir
    Path dir;

    private static final Linker LINKER = Linker.nativeLinker();

    private static MethodHandle fn(MemorySegment table, long offset, java.lang.foreign.FunctionDescriptor d) {
        return LINKER.downcallHandle(table.get(ADDRESS, offset), d);
    }

    private static MemorySegment nodes(Arena arena, int n) {
        return nodes(arena, n, 0);
    }

    private static MemorySegment nodes(Arena arena, int n, int gpus) {
        MemorySegment s = arena.allocate(Layouts.NODE, n);
        for (int i = 0; i < n; i++) {
            MemorySegment node = s.asSlice(Layouts.NODE.byteSize() * i, Layouts.NODE.byteSize());
            node.set(JAVA_INT, Layouts.NODE_INDEX, i);
            node.set(JAVA_INT, Layouts.NODE_CPUS, 4);
            node.set(JAVA_LONG, Layouts.NODE_MEMORY, 800);
            node.set(JAVA_INT, Layouts.NODE_GPUS, gpus);
            node.asSlice(Layouts.NODE_NAME, Layouts.NODE_NAME_LEN).setString(0, "n" + (i + 1));
        }
        return s;
    }

    private static MemorySegment request(Arena arena, int jobId, int nodes, int cpus, int[] candidates) {
        MemorySegment r = arena.allocate(Layouts.JOB_REQUEST);
        r.set(JAVA_INT, Layouts.REQ_JOB_ID, jobId);
        r.set(JAVA_INT, Layouts.REQ_USER_ID, 1000);
        r.set(JAVA_INT, Layouts.REQ_MIN_NODES, nodes);
        r.set(JAVA_INT, Layouts.REQ_MAX_NODES, nodes);
        r.set(JAVA_INT, Layouts.REQ_REQ_NODES, nodes);
        r.set(JAVA_INT, Layouts.REQ_MIN_CPUS, cpus);
        r.set(JAVA_INT, Layouts.REQ_TIME_LIMIT, 10);
        r.set(JAVA_INT, Layouts.REQ_CANDIDATE_COUNT, candidates.length);
        r.set(ADDRESS, Layouts.REQ_CANDIDATES, arena.allocateFrom(JAVA_INT, candidates));
        r.set(ADDRESS, Layouts.REQ_RANKED, arena.allocate(JAVA_INT, candidates.length));
        r.set(JAVA_LONG, Layouts.REQ_BID, 50_000_000L);
        r.set(JAVA_INT, Layouts.REQ_SLA, 1);
        int[] freeCpus = new int[candidates.length];
        long[] freeMem = new long[candidates.length];
        Arrays.fill(freeCpus, 4);
        Arrays.fill(freeMem, 800);
        r.set(ADDRESS, Layouts.REQ_FREE_CPUS, arena.allocateFrom(JAVA_INT, freeCpus));
        r.set(ADDRESS, Layouts.REQ_FREE_MEM, arena.allocateFrom(JAVA_LONG, freeMem));
        r.asSlice(Layouts.REQ_CLASS, Layouts.CLASS_LEN).setString(0, "chem-lab");
        return r;
    }

    @Test
    void shouldRankOpenAndSettleThroughTheTableWhenCalledAsCDoes() throws Throwable {
        DecisionLog log = DecisionLog.open(dir.resolve("d.log"));
        SlurmPlacement placement = new SlurmPlacement(log, System::nanoTime, new SplittableRandom(5));
        Upcalls.install(placement, log);
        try (Arena arena = Arena.ofShared()) {
            MemorySegment table = Upcalls.table(arena);
            assertThat(table.get(JAVA_INT, Layouts.UP_ABI_VERSION)).isEqualTo(Layouts.ABI_VERSION);
            assertThat(table.get(JAVA_INT, Layouts.UP_SIZE)).isEqualTo((int) Layouts.UPCALLS.byteSize());

            int set = (int) fn(table, Layouts.UP_SET_NODES, Layouts.SET_NODES).invokeExact(nodes(arena, 8), 8);
            int[] candidates = {1, 2, 4, 6};
            MemorySegment req = request(arena, 7, 2, 6, candidates);
            req.get(ADDRESS, Layouts.REQ_FREE_CPUS).reinterpret(16).set(JAVA_INT, 4, 1); // node 2: 1 CPU free
            int ranked = (int) fn(table, Layouts.UP_JOB_TEST, Layouts.JOB_TEST).invokeExact(req);
            int[] out = req.get(ADDRESS, Layouts.REQ_RANKED).reinterpret(4L * candidates.length).toArray(JAVA_INT);
            MemorySegment begun = arena.allocateFrom(JAVA_INT, 1, 2);
            int begin = (int) fn(table, Layouts.UP_JOB_BEGIN, Layouts.JOB_BEGIN)
                    .invokeExact(7, 1000, begun, arena.allocateFrom(JAVA_INT, 3, 3), MemorySegment.NULL, 2);
            int leasesOpen = placement.openLeases();
            int fini = (int) fn(table, Layouts.UP_JOB_FINI, Layouts.JOB_FINI).invokeExact(7);
            int outcome = (int) fn(table, Layouts.UP_JOB_OUTCOME, Layouts.JOB_OUTCOME).invokeExact(7, Layouts.OUTCOME_USED);
            int deferredBeforeDrain = log.deferredLines();
            int drained = (int) fn(table, Layouts.UP_DRAIN, Layouts.DRAIN).invokeExact();

            assertThat(set).isEqualTo(8);
            assertThat(ranked).isEqualTo(2);
            assertThat(Arrays.stream(out, 0, ranked).boxed().toList()).as("3 CPUs per node do not fit node 2's 1")
                    .isSubsetOf(1, 4, 6);
            assertThat(begin).isZero();
            assertThat(leasesOpen).isEqualTo(2);
            assertThat(fini).isZero();
            assertThat(placement.openLeases()).isZero();
            assertThat(outcome).isZero();
            assertThat(drained).isZero();
            assertThat(deferredBeforeDrain).as("decision, lease, settle and outcome wait for the drain").isEqualTo(4);
            assertThat(log.deferredLines()).isZero();
            assertThat(Files.readString(dir.resolve("d.log"))).contains("outcome job=7 used")
                    .contains("decision job=7 ranked=").contains(" bid_micros=50000000 sla=latency class=chem-lab ")
                    .contains("account=class-chem-lab");
        }
    }

    @Test
    void shouldRankOnlyNodesWithTheGpusFreeWhenTheJobAsksGpusThroughTheTable() throws Throwable {
        DecisionLog log = DecisionLog.open(dir.resolve("g.log"));
        SlurmPlacement placement = new SlurmPlacement(log, System::nanoTime, new SplittableRandom(5));
        Upcalls.install(placement, log);
        try (Arena arena = Arena.ofShared()) {
            MemorySegment table = Upcalls.table(arena);
            int set = (int) fn(table, Layouts.UP_SET_NODES, Layouts.SET_NODES).invokeExact(nodes(arena, 4, 4), 4);
            int[] candidates = {0, 1, 2, 3};
            MemorySegment req = request(arena, 11, 2, 2, candidates);
            req.set(ADDRESS, Layouts.REQ_FREE_GPUS, arena.allocateFrom(JAVA_INT, 2, 4, 1, 3));
            req.set(JAVA_INT, Layouts.REQ_GPUS_PER_NODE, 3);

            int ranked = (int) fn(table, Layouts.UP_JOB_TEST, Layouts.JOB_TEST).invokeExact(req);
            int[] out = req.get(ADDRESS, Layouts.REQ_RANKED).reinterpret(4L * candidates.length).toArray(JAVA_INT);
            // Slurm gave the job 3 GPUs on each of nodes 1 and 3 (positions in the allocation, as C passes them)
            int begin = (int) fn(table, Layouts.UP_JOB_BEGIN, Layouts.JOB_BEGIN).invokeExact(11, 1000,
                    arena.allocateFrom(JAVA_INT, 1, 3), arena.allocateFrom(JAVA_INT, 2, 2),
                    arena.allocateFrom(JAVA_INT, 3, 3), 2);
            int leases = placement.openLeases();
            int drained = (int) fn(table, Layouts.UP_DRAIN, Layouts.DRAIN).invokeExact();

            assertThat(drained).isZero();
            assertThat(begin).isZero();
            assertThat(leases).as("a GPU lease on each node").isEqualTo(2);
            assertThat(Files.readString(dir.resolve("g.log")))
                    .contains("lease job=11 nodes=n2,n4 cpus=2,2 gpus=3,3 fills=2 rejects=0");
            assertThat(set).isEqualTo(4);
            assertThat(ranked).isEqualTo(2);
            assertThat(Arrays.stream(out, 0, ranked).boxed().toList()).as("3 GPUs free on nodes 1 and 3 only")
                    .containsExactlyInAnyOrder(1, 3);
            assertThat(Files.readString(dir.resolve("g.log"))).containsPattern("decision job=11 ranked=n[24],n[24] .*"
                    + " free_gpus=(4,3|3,4) ");
        }
    }

    @Test
    void shouldReturnMinusOneAndLogWhenTheEngineThrows() throws Throwable {
        DecisionLog log = DecisionLog.open(dir.resolve("e.log"));
        Upcalls.install(new SlurmPlacement(log, System::nanoTime, new SplittableRandom(5)), log);
        try (Arena arena = Arena.ofShared()) {
            MemorySegment table = Upcalls.table(arena);

            int rc = (int) fn(table, Layouts.UP_JOB_TEST, Layouts.JOB_TEST).invokeExact(request(arena, 9, 1, 1, new int[] {0}));

            assertThat(rc).as("no node table yet").isEqualTo(-1);
            assertThat(Files.readString(dir.resolve("e.log"))).contains("error where=job_test")
                    .contains("no node table yet");
        }
    }
}

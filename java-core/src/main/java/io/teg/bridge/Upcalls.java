package io.teg.bridge;

import java.lang.foreign.Arena;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.ArrayList;
import java.util.List;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * The functions C calls, one per entry of {@code teg_upcalls_t}. Every one catches every {@link Throwable}: an
 * exception escaping an upcall would end the JVM and slurmctld with it. An error is written to the decision log and
 * returned as -1, and C falls back to cons_tres.
 *
 * <p>Fault injection for the integration tests: the system property {@code teg.bridge.fault} (set through teg.conf's
 * {@code JvmOptions}) makes {@code job_test} misbehave on purpose: {@code hang} never returns, {@code exit} ends the
 * JVM with {@code System.exit(3)}, {@code throw} throws. Unset in production.
 */
final class Upcalls {

    /** The fault named by {@code teg.bridge.fault}, or null. */
    static final String FAULT = System.getProperty("teg.bridge.fault");

    private static volatile SlurmPlacement placement;
    private static volatile DecisionLog log;

    private Upcalls() {
    }

    static void install(SlurmPlacement p, DecisionLog l) {
        log = l;
        placement = p;
    }

    /** Builds the upcall stubs and the {@code teg_upcalls_t} table in {@code arena}. */
    static MemorySegment table(Arena arena) throws ReflectiveOperationException {
        Linker linker = Linker.nativeLinker();
        MethodHandles.Lookup lookup = MethodHandles.lookup();
        MemorySegment t = arena.allocate(Layouts.UPCALLS);
        t.set(JAVA_INT, Layouts.UP_ABI_VERSION, Layouts.ABI_VERSION);
        t.set(JAVA_INT, Layouts.UP_SIZE, (int) Layouts.UPCALLS.byteSize());
        t.set(ADDRESS, Layouts.UP_SET_NODES, linker.upcallStub(lookup.findStatic(Upcalls.class, "setNodes",
                MethodType.methodType(int.class, MemorySegment.class, int.class)), Layouts.SET_NODES, arena));
        t.set(ADDRESS, Layouts.UP_JOB_TEST, linker.upcallStub(lookup.findStatic(Upcalls.class, "jobTest",
                MethodType.methodType(int.class, MemorySegment.class)), Layouts.JOB_TEST, arena));
        t.set(ADDRESS, Layouts.UP_JOB_BEGIN, linker.upcallStub(lookup.findStatic(Upcalls.class, "jobBegin",
                MethodType.methodType(int.class, int.class, int.class, MemorySegment.class, MemorySegment.class,
                        MemorySegment.class, int.class)),
                Layouts.JOB_BEGIN, arena));
        t.set(ADDRESS, Layouts.UP_JOB_FINI, linker.upcallStub(lookup.findStatic(Upcalls.class, "jobFini",
                MethodType.methodType(int.class, int.class)), Layouts.JOB_FINI, arena));
        t.set(ADDRESS, Layouts.UP_SHUTDOWN, linker.upcallStub(lookup.findStatic(Upcalls.class, "shutdown",
                MethodType.methodType(int.class)), Layouts.SHUTDOWN, arena));
        t.set(ADDRESS, Layouts.UP_JOB_OUTCOME, linker.upcallStub(lookup.findStatic(Upcalls.class, "jobOutcome",
                MethodType.methodType(int.class, int.class, int.class)), Layouts.JOB_OUTCOME, arena));
        t.set(ADDRESS, Layouts.UP_DRAIN, linker.upcallStub(lookup.findStatic(Upcalls.class, "drain",
                MethodType.methodType(int.class)), Layouts.DRAIN, arena));
        return t;
    }

    static int setNodes(MemorySegment nodesPtr, int count) {
        try {
            MemorySegment nodes = nodesPtr.reinterpret(Layouts.NODE.byteSize() * Integer.toUnsignedLong(count));
            List<SlurmNode> list = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                MemorySegment n = nodes.asSlice(Layouts.NODE.byteSize() * i, Layouts.NODE.byteSize());
                list.add(new SlurmNode(n.get(JAVA_INT, Layouts.NODE_INDEX),
                        n.asSlice(Layouts.NODE_NAME, Layouts.NODE_NAME_LEN).getString(0),
                        n.get(JAVA_INT, Layouts.NODE_CPUS), n.get(JAVA_LONG, Layouts.NODE_MEMORY),
                        // the engine models at most 64 GPUs a node; beyond that the free view still bounds them
                        (int) Math.min(64, Integer.toUnsignedLong(n.get(JAVA_INT, Layouts.NODE_GPUS)))));
            }
            placement.setNodes(list);
            return count;
        } catch (Throwable t) {
            return failed("set_nodes", t);
        }
    }

    static int jobTest(MemorySegment requestPtr) {
        try {
            if (FAULT != null) injectFault();
            MemorySegment req = requestPtr.reinterpret(Layouts.JOB_REQUEST.byteSize());
            int count = req.get(JAVA_INT, Layouts.REQ_CANDIDATE_COUNT);
            if (count <= 0) return 0;
            int[] candidates = req.get(ADDRESS, Layouts.REQ_CANDIDATES).reinterpret(4L * count).toArray(JAVA_INT);
            int[] freeCpus = req.get(ADDRESS, Layouts.REQ_FREE_CPUS).reinterpret(4L * count).toArray(JAVA_INT);
            long[] freeMem = req.get(ADDRESS, Layouts.REQ_FREE_MEM).reinterpret(8L * count).toArray(JAVA_LONG);
            MemorySegment gpusPtr = req.get(ADDRESS, Layouts.REQ_FREE_GPUS);
            int[] freeGpus = gpusPtr.equals(MemorySegment.NULL) ? new int[count]
                    : gpusPtr.reinterpret(4L * count).toArray(JAVA_INT);
            String jobClass = req.asSlice(Layouts.REQ_CLASS, Layouts.CLASS_LEN).getString(0);
            JobQuestion q = new JobQuestion(
                    Integer.toUnsignedLong(req.get(JAVA_INT, Layouts.REQ_JOB_ID)),
                    Integer.toUnsignedLong(req.get(JAVA_INT, Layouts.REQ_USER_ID)),
                    req.get(JAVA_INT, Layouts.REQ_MIN_NODES), req.get(JAVA_INT, Layouts.REQ_MAX_NODES),
                    req.get(JAVA_INT, Layouts.REQ_REQ_NODES), req.get(JAVA_INT, Layouts.REQ_MIN_CPUS),
                    req.get(JAVA_LONG, Layouts.REQ_MEM),
                    Integer.toUnsignedLong(req.get(JAVA_INT, Layouts.REQ_TIME_LIMIT)),
                    Integer.toUnsignedLong(req.get(JAVA_INT, Layouts.REQ_PRIORITY)),
                    (req.get(JAVA_INT, Layouts.REQ_FLAGS) & Layouts.JOB_WHOLE_NODES) != 0,
                    req.get(JAVA_LONG, Layouts.REQ_BID), Sla.of(req.get(JAVA_INT, Layouts.REQ_SLA)), jobClass,
                    Integer.toUnsignedLong(req.get(JAVA_INT, Layouts.REQ_MEM_PER_CPU)),
                    (int) Math.min(Integer.MAX_VALUE, Integer.toUnsignedLong(req.get(JAVA_INT,
                            Layouts.REQ_GPUS_PER_NODE))));
            int[] ranked = placement.rank(q, new SlurmView(candidates, freeCpus, freeMem, freeGpus));
            int n = Math.min(ranked.length, count);
            MemorySegment out = req.get(ADDRESS, Layouts.REQ_RANKED).reinterpret(4L * count);
            MemorySegment.copy(ranked, 0, out, JAVA_INT, 0, n);
            return n;
        } catch (Throwable t) {
            return failed("job_test", t);
        }
    }

    static int jobBegin(int jobId, int userId, MemorySegment nodesPtr, MemorySegment cpusPtr, MemorySegment gpusPtr,
                        int count) {
        try {
            int[] nodes = count <= 0 ? new int[0] : nodesPtr.reinterpret(4L * count).toArray(JAVA_INT);
            int[] cpus = count <= 0 ? new int[0] : cpusPtr.reinterpret(4L * count).toArray(JAVA_INT);
            int[] gpus = count <= 0 || gpusPtr.equals(MemorySegment.NULL) ? new int[Math.max(0, count)]
                    : gpusPtr.reinterpret(4L * count).toArray(JAVA_INT);
            placement.begin(Integer.toUnsignedLong(jobId), Integer.toUnsignedLong(userId), nodes, cpus, gpus);
            return 0;
        } catch (Throwable t) {
            return failed("job_begin", t);
        }
    }

    static int jobFini(int jobId) {
        try {
            placement.fini(Integer.toUnsignedLong(jobId));
            return 0;
        } catch (Throwable t) {
            return failed("job_fini", t);
        }
    }

    static int jobOutcome(int jobId, int outcome) {
        try {
            placement.outcome(Integer.toUnsignedLong(jobId), switch (outcome) {
                case Layouts.OUTCOME_USED -> "used";
                case Layouts.OUTCOME_UNFIT -> "unfit";
                case Layouts.OUTCOME_LATE -> "late";
                default -> "unknown-" + outcome;
            });
            return 0;
        } catch (Throwable t) {
            return failed("job_outcome", t);
        }
    }

    /** Writes the decision lines deferred by the answers just given ({@link DecisionLog#later}). */
    static int drain() {
        try {
            DecisionLog l = log;
            if (l != null) l.drain();
            return 0;
        } catch (Throwable t) {
            return failed("drain", t);
        }
    }

    static int shutdown() {
        try {
            DecisionLog l = log;
            if (l != null) {
                l.line("shutdown " + placement.counters());
                placement.close();
                l.close();
            }
            return 0;
        } catch (Throwable t) {
            return -1;
        }
    }

    private static void injectFault() throws InterruptedException {
        switch (FAULT) {
            case "hang" -> Thread.sleep(Long.MAX_VALUE);
            case "exit" -> System.exit(3);
            case "throw" -> throw new IllegalStateException("fault injected by teg.bridge.fault=throw");
            default -> {
            }
        }
    }

    private static int failed(String where, Throwable t) {
        try {
            DecisionLog l = log;
            if (l != null) l.error(where, t);
        } catch (Throwable ignored) {
            // nothing more can be done; C falls back
        }
        return -1;
    }
}

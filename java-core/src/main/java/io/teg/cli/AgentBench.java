package io.teg.cli;

import io.teg.node.airlock.Airlock;
import io.teg.node.airlock.AirlockParameters;
import io.teg.node.airlock.EvacuationMode;
import io.teg.node.cgroup.CgroupController;
import io.teg.node.cgroup.CgroupException;
import io.teg.node.cgroup.CgroupPath;
import io.teg.node.cgroup.HybridCgroups;
import io.teg.node.daemon.AgentConfig;
import io.teg.node.daemon.NodeAgent;
import io.teg.node.evacuation.KillAndRequeue;
import io.teg.node.gpu.nvml.Nvml;
import io.teg.node.memory.AirlockEpisode;
import io.teg.node.memory.MemoryGuard;
import io.teg.node.memory.Tenant;
import io.teg.node.sensor.InMemoryTelemetrySink;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;

/**
 * {@code teg bench agent}: the node agent's two figures, each with a baseline from the same run.
 * <ul>
 *   <li>Sampling overhead: process CPU time over wall time while the agent samples every sensor at 10 Hz with the
 *       fake NVML (4 GPUs), minus the same for an idle JVM measured just before; as a share of one core
 *       (target ≤ 0.1 %). Measured twice: by the process CPU clock (10 ms ticks on Linux) and, in ns, by summing every
 *       thread's {@code schedstat}, which also says which threads (sampler, compiler, GC) used it. A second baseline:
 *       a thread that only wakes at 10 Hz and does nothing, measured during the idle window; on a loaded virtual
 *       machine one wake-up alone costs tens of µs of on-CPU time (cold caches, steal time).</li>
 *   <li>Pressure onset to resolution: over seeded trials of two memhog jobs outgrowing a 256 MiB node cgroup (as
 *       in AirlockOnRealProcessesIT), the time from the freeze of the weaker job to the thaw of the stronger (or the
 *       airlock closing), p50 and p99 (target ≤ 2 s), with the control tick as the unit of comparison.</li>
 * </ul>
 */
@SuppressWarnings("restricted") // native access is enabled for the unnamed module (pom, jar manifest)
final class AgentBench {

    private static final long MIB = 1L << 20;

    private AgentBench() {
    }

    static Map<String, Object> run(Path nativeDir, int seconds, int trials) throws Exception {
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("benchmark", "agent: sampling overhead at 10 Hz (fake NVML), airlock onset to resolution on real cgroups");
        report.put("cores", Runtime.getRuntime().availableProcessors());
        report.put("load_average_1m_at_start", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        report.put("sampling", sampling(nativeDir.resolve("test-doubles/nvml/libnvidia-ml.so.1"), seconds));
        if (trials > 0) report.put("airlock", airlock(nativeDir.resolve("test-doubles/memhog/memhog"), trials));
        return report;
    }

    private static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    /** CPU ns this process used while {@code body} ran for {@code seconds}, and the wall ns. */
    private static long[] measure(int seconds, Runnable body) throws InterruptedException {
        long c0 = cpuNanos();
        long w0 = System.nanoTime();
        body.run();
        Thread.sleep(seconds * 1000L);
        return new long[] {cpuNanos() - c0, System.nanoTime() - w0};
    }

    /**
     * CPU ns on CPU so far per thread kind of this process, from {@code /proc/self/task/<tid>/schedstat} (first field,
     * ns) keyed by {@code comm} with digits dropped ("GC Thread#0" and "GC Thread#1" are one kind). Covers the JVM's
     * own threads (compilers, GC, VM thread) that the management beans do not. Empty where /proc lacks it.
     */
    static Map<String, Long> threadCpuNanos() {
        Map<String, Long> out = new java.util.TreeMap<>();
        try (var tasks = Files.list(Path.of("/proc/self/task"))) {
            for (Path t : (Iterable<Path>) tasks::iterator) {
                try {
                    String comm = Files.readString(t.resolve("comm")).trim().replaceAll("\\d+", "");
                    String stat = Files.readString(t.resolve("schedstat")).trim();
                    long ns = Long.parseLong(stat.substring(0, stat.indexOf(' ')));
                    out.merge(comm, ns, Long::sum);
                } catch (java.io.IOException | RuntimeException e) {
                    // the thread ended while being read
                }
            }
        } catch (java.io.IOException e) {
            return Map.of();
        }
        return out;
    }

    /** The calling thread's on-CPU ns from {@code /proc/thread-self/schedstat}, or 0 where there is none. */
    private static long ownCpuNanos() {
        try {
            String stat = Files.readString(Path.of("/proc/thread-self/schedstat")).trim();
            return Long.parseLong(stat.substring(0, stat.indexOf(' ')));
        } catch (java.io.IOException | RuntimeException e) {
            return 0;
        }
    }

    /** Per thread kind, µs of CPU between two {@link #threadCpuNanos} snapshots; kinds under 1 µs left out. */
    static Map<String, Long> threadCpuMicrosBetween(Map<String, Long> before, Map<String, Long> after) {
        Map<String, Long> out = new java.util.TreeMap<>();
        after.forEach((k, v) -> {
            long d = (v - before.getOrDefault(k, 0L)) / 1000;
            if (d > 0) out.put(k, d);
        });
        return out;
    }

    private static Map<String, Object> sampling(Path fakeNvml, int seconds) throws Exception {
        if (!Files.exists(fakeNvml)) {
            throw new BadInputException("fake NVML not built at " + fakeNvml + ": run 'cmake -S . -B target/native && cmake --build target/native'");
        }
        try (Arena arena = Arena.ofShared()) {
            SymbolLookup lib = SymbolLookup.libraryLookup(fakeNvml, arena);
            MethodHandle configure = Linker.nativeLinker().downcallHandle(lib.find("fake_nvml_configure").orElseThrow(),
                    FunctionDescriptor.of(JAVA_INT, ADDRESS));
            int rc;
            try {
                rc = (int) configure.invokeExact(arena.allocateFrom("gpus=4,power_mw=180000"));
            } catch (Throwable t) {
                throw new IllegalStateException("fake_nvml_configure failed", t);
            }
            if (rc != 0) throw new IllegalStateException("fake NVML configuration rejected");

            System.gc();
            Thread.sleep(1000);
            Map<String, Long> idleThreads0 = threadCpuNanos();
            // the floor: a thread that only wakes at 10 Hz, as the sampler does, and does nothing
            long[] wakes = {0, 0};
            Thread wake = new Thread(() -> {
                long c0 = ownCpuNanos();
                long next = System.nanoTime();
                long end = next + seconds * 1_000_000_000L;
                while (next < end) {
                    wakes[0]++;
                    next += 100_000_000L;
                    for (long w = next - System.nanoTime(); w > 0; w = next - System.nanoTime()) java.util.concurrent.locks.LockSupport.parkNanos(w);
                }
                wakes[1] = ownCpuNanos() - c0;
            }, "bench-wake");
            long[] idle = measure(seconds, wake::start);
            wake.join();
            Map<String, Long> idleThreads = threadCpuMicrosBetween(idleThreads0, threadCpuNanos());
            long wakeMicros = wakes[1] / 1000;
            idle[0] -= wakeMicros * 1000; // the process clock counted the wake thread; the idle JVM is without it

            AgentConfig config = AgentConfig.parse(List.of("sample-rate-hz=10", "batch-samples=10",
                    "nvml.library=" + fakeNvml, "power.state-file=target/bench/agent-power.state"), Path.of("(bench)"));
            InMemoryTelemetrySink sink = new InMemoryTelemetrySink(16);
            try (NodeAgent agent = NodeAgent.of(config, sink, Optional.empty(), Optional.of(Nvml.open(fakeNvml.toString())),
                    InstantSource.system(), List.of("cgroups not used by this benchmark"))) {
                agent.start();
                Thread.sleep(3000); // warm-up: JIT, first batches
                long samples0 = agent.samplesTaken();
                Map<String, Long> busyThreads0 = threadCpuNanos();
                long[] busy = measure(seconds, () -> { });
                Map<String, Long> busyThreads = threadCpuMicrosBetween(busyThreads0, threadCpuNanos());
                long samples = agent.samplesTaken() - samples0;

                double idleShare = (double) idle[0] / idle[1];
                double busyShare = (double) busy[0] / busy[1];
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("seconds", seconds);
                m.put("samples", samples);
                m.put("gpus", 4);
                m.put("idle_jvm_cpu_share_of_core", idleShare);
                m.put("agent_jvm_cpu_share_of_core", busyShare);
                m.put("sampling_overhead_share_of_core", busyShare - idleShare);
                m.put("sampling_overhead_percent_of_core", 100 * (busyShare - idleShare));
                m.put("cpu_us_per_sample_above_idle", samples == 0 ? 0 : (busy[0] - idle[0] * ((double) busy[1] / idle[1])) / 1e3 / samples);
                m.put("ratio_agent_to_idle_jvm_cpu", idleShare == 0 ? 0 : busyShare / idleShare);
                long idleThreadsUs = idleThreads.values().stream().mapToLong(Long::longValue).sum();
                long busyThreadsUs = busyThreads.values().stream().mapToLong(Long::longValue).sum();
                double idleNs = idleThreadsUs * 1e3 / idle[1];
                double busyNs = busyThreadsUs * 1e3 / busy[1];
                m.put("per_thread_idle_jvm_percent_of_core", 100 * idleNs);
                m.put("per_thread_agent_jvm_percent_of_core", 100 * busyNs);
                m.put("per_thread_sampling_overhead_percent_of_core", 100 * (busyNs - idleNs));
                m.put("sampler_thread_percent_of_core", 100 * busyThreads.getOrDefault("teg-sampler", 0L) * 1e3 / busy[1]);
                m.put("sampler_thread_cpu_us_per_sample", samples == 0 ? 0 : (double) busyThreads.getOrDefault("teg-sampler", 0L) / samples);
                double wakeFloor = wakes[0] == 0 ? 0 : (double) wakeMicros / wakes[0];
                m.put("empty_10hz_wake_cpu_us_per_wake", wakeFloor);
                m.put("sampler_thread_cpu_us_per_sample_above_empty_wake", samples == 0 ? 0
                        : (double) busyThreads.getOrDefault("teg-sampler", 0L) / samples - wakeFloor);
                m.put("ratio_sampler_to_empty_wake", wakeFloor == 0 || samples == 0 ? 0
                        : (double) busyThreads.getOrDefault("teg-sampler", 0L) / samples / wakeFloor);
                m.put("jvm_flags", ManagementFactory.getRuntimeMXBean().getInputArguments());
                m.put("target_percent_of_core", 0.1);
                m.put("idle_jvm_cpu_us_by_thread", idleThreads);
                m.put("agent_jvm_cpu_us_by_thread", busyThreads);
                m.put("load_average_1m_at_end", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
                return m;
            }
        }
    }

    private static Map<String, Object> airlock(Path memhog, int trials) throws Exception {
        if (!Files.isExecutable(memhog)) {
            throw new BadInputException("memhog not built at " + memhog + ": run 'cmake -S . -B target/native && cmake --build target/native'");
        }
        CgroupController cg = HybridCgroups.detect();
        AirlockParameters p = AirlockParameters.DEFAULTS; // glassy line at 0.9 U, as in AirlockOnRealProcessesIT
        long tickMillis = 10;
        List<Double> ms = new ArrayList<>();
        int oomKills = 0;
        int strongerCompleted = 0;
        for (int seed = 1; seed <= trials; seed++) {
            SplittableRandom r = new SplittableRandom(seed);
            long[] target = {r.nextLong(154, 185), r.nextLong(154, 185)};
            long[] period = {r.nextLong(25, 38), r.nextLong(25, 38)};
            double[] strength = {r.nextDouble(0.5, 2.0), r.nextDouble(0.5, 2.0)};
            CgroupPath node = new CgroupPath("teg_bench/node_" + ProcessHandle.current().pid() + "_" + seed);
            cg.create(node);
            cg.setMemoryLimit(node, 256 * MIB);
            List<Process> procs = new ArrayList<>();
            List<CgroupPath> paths = new ArrayList<>();
            try {
                KillAndRequeue ev = new KillAndRequeue(cg);
                MemoryGuard guard = new MemoryGuard(cg, new Airlock(p), Map.of(EvacuationMode.CHECKPOINT, ev), 256, false,
                        InstantSource.system());
                for (int j = 0; j < 2; j++) {
                    CgroupPath path = node.child("job_" + (j + 1));
                    cg.create(path);
                    paths.add(path);
                    Process proc = new ProcessBuilder(memhog.toString(), Long.toString(target[j]), "4", Long.toString(period[j]), "300")
                            .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD).start();
                    procs.add(proc);
                    cg.attach(path, proc.pid());
                    guard.admit(new Tenant(j + 1, path, 32, strength[j]));
                }
                for (Process proc : procs) {
                    proc.getOutputStream().write('g');
                    proc.getOutputStream().flush();
                }
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                while (procs.stream().anyMatch(Process::isAlive) && System.nanoTime() < deadline) {
                    guard.tick();
                    Thread.sleep(tickMillis);
                }
                for (CgroupPath path : paths) oomKills += (int) cg.memory(path).oomKills();
                oomKills += (int) cg.memory(node).oomKills();
                int stronger = strength[0] < strength[1] ? 1 : 0;
                if (procs.get(stronger).waitFor(5, TimeUnit.SECONDS) && procs.get(stronger).exitValue() == 0) strongerCompleted++;
                for (AirlockEpisode e : guard.episodes()) ms.add(e.duration().toNanos() / 1e6);
            } finally {
                for (CgroupPath path : paths) {
                    try {
                        cg.thaw(path);
                    } catch (CgroupException ignored) {
                        // gone
                    }
                }
                for (Process proc : procs) {
                    proc.destroyForcibly();
                    proc.waitFor(10, TimeUnit.SECONDS);
                }
                for (CgroupPath path : paths) removeWhenEmpty(cg, path);
                removeWhenEmpty(cg, node);
            }
        }
        try {
            cg.remove(new CgroupPath("teg_bench"));
        } catch (CgroupException ignored) {
            // in use by a parallel run
        }
        List<Double> sorted = ms.stream().sorted().toList();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("trials", trials);
        m.put("episodes", sorted.size());
        m.put("oom_kills", oomKills);
        m.put("stronger_completed", strongerCompleted);
        m.put("control_tick_ms", tickMillis);
        m.put("onset_to_resolution_p50_ms", percentile(sorted, 50));
        m.put("onset_to_resolution_p99_ms", percentile(sorted, 99));
        m.put("onset_to_resolution_max_ms", sorted.isEmpty() ? 0 : sorted.getLast());
        m.put("p50_in_control_ticks", percentile(sorted, 50) / tickMillis);
        m.put("target_ms", 2000);
        return m;
    }

    private static void removeWhenEmpty(CgroupController cg, CgroupPath p) throws InterruptedException {
        for (int i = 0; i < 100 && !cg.pids(p).isEmpty(); i++) Thread.sleep(20);
        try {
            cg.remove(p);
        } catch (CgroupException e) {
            System.err.println("teg bench agent: " + e.getMessage());
        }
    }

    /** Nearest-rank percentile of sorted values. */
    static double percentile(List<Double> sorted, double pct) {
        if (sorted.isEmpty()) return 0;
        int rank = (int) Math.ceil(pct / 100 * sorted.size());
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, rank - 1)));
    }
}

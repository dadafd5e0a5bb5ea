package io.teg.ledger;

import com.lmax.disruptor.YieldingWaitStrategy;
import com.lmax.disruptor.dsl.ProducerType;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The workload of {@link LedgerThroughputBenchmark}, timed by wall clock <em>and</em> by the CPU time of the thread
 * that matches: on a shared machine the wall-clock rate says how much CPU the matcher got, the CPU-time rate what one
 * core does per second of its own time. Prints both for the core alone and end to end through the ring (many-producer
 * and single-producer sequencer), and the ratio ring/core measured in the same run. With the yielding wait strategy the
 * matcher also burns CPU while it waits for the producer, so its CPU-time rate is a lower bound.
 *
 * <pre>
 *   java -cp target/test-classes:target/classes:$(cat /tmp/cp.txt) io.teg.ledger.LedgerThroughputHarness [seconds]
 * </pre>
 */
public final class LedgerThroughputHarness {

    private LedgerThroughputHarness() {
    }

    /** Measured rates, orders per second. */
    record Rate(String name, long orders, long wallNanos, long matcherCpuNanos) {
        double perWallSecond() {
            return orders * 1e9 / wallNanos;
        }

        double perCpuSecond() {
            return orders * 1e9 / matcherCpuNanos;
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%-11s %,12d orders  %,12.0f orders/s wall  %,12.0f orders per matcher CPU-second",
                    name, orders, perWallSecond(), perCpuSecond());
        }
    }

    public static void main(String[] args) {
        double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 5.0;
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        runCore(mx, 2.0);
        Rate core = runCore(mx, seconds);
        runRing(mx, 2.0, ProducerType.MULTI);
        Rate multi = runRing(mx, seconds, ProducerType.MULTI);
        runRing(mx, 2.0, ProducerType.SINGLE);
        Rate single = runRing(mx, seconds, ProducerType.SINGLE);
        System.out.println(core);
        for (Rate ring : new Rate[] {multi, single}) {
            System.out.println(ring);
            System.out.printf(Locale.ROOT, "  %s/core: %.2f (wall), %.2f (matcher CPU)%n", ring.name(),
                    ring.perWallSecond() / core.perWallSecond(), ring.perCpuSecond() / core.perCpuSecond());
        }
    }

    static Rate runCore(ThreadMXBean mx, double seconds) {
        LedgerThroughputBenchmark.Core state = new LedgerThroughputBenchmark.Core();
        state.setUp();
        LedgerThroughputBenchmark bench = new LedgerThroughputBenchmark();
        long deadline = System.nanoTime() + (long) (seconds * 1e9);
        long cpu0 = mx.getCurrentThreadCpuTime();
        long t0 = System.nanoTime();
        long rounds = 0;
        do {
            for (int i = 0; i < 1024; i++) bench.core(state);
            rounds += 1024;
        } while (System.nanoTime() < deadline);
        long wall = System.nanoTime() - t0;
        long cpu = mx.getCurrentThreadCpuTime() - cpu0;
        state.tearDown();
        return new Rate("core", rounds * LedgerThroughputBenchmark.ORDERS_PER_ROUND, wall, cpu);
    }

    static Rate runRing(ThreadMXBean mx, double seconds, ProducerType producers) {
        AtomicReference<Thread> matcher = new AtomicReference<>();
        RingOptions options = new RingOptions(1 << 14, producers, new YieldingWaitStrategy(), r -> {
            Thread t = new Thread(r, "teg-ledger-harness");
            t.setDaemon(true);
            matcher.set(t);
            return t;
        });
        LedgerThroughputBenchmark.Ring state = new LedgerThroughputBenchmark.Ring();
        state.producers = producers;
        state.zone = ZoneLedger.start(LedgerThroughputBenchmark.zone(), new InMemoryJournal(), options);
        state.rounds = new LedgerThroughputBenchmark.Rounds();
        for (Mint m : state.rounds.mints()) state.zone.publish(m);
        state.zone.submit(new Inspect(0)).join();
        LedgerThroughputBenchmark bench = new LedgerThroughputBenchmark();
        long matcherId = matcher.get().threadId();
        long deadline = System.nanoTime() + (long) (seconds * 1e9);
        long cpu0 = mx.getThreadCpuTime(matcherId);
        long t0 = System.nanoTime();
        long rounds = 0;
        do {
            for (int i = 0; i < 1024; i++) bench.ring(state);
            rounds += 1024;
        } while (System.nanoTime() < deadline);
        state.zone.submit(new Inspect(0)).join();
        long wall = System.nanoTime() - t0;
        long cpu = mx.getThreadCpuTime(matcherId) - cpu0;
        state.tearDown();
        return new Rate("ring-" + producers.name().toLowerCase(Locale.ROOT), rounds * LedgerThroughputBenchmark.ORDERS_PER_ROUND, wall, cpu);
    }
}

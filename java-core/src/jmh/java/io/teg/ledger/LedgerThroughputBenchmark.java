package io.teg.ledger;

import com.lmax.disruptor.YieldingWaitStrategy;
import com.lmax.disruptor.dsl.ProducerType;
import io.teg.model.NodeSpec;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Orders matched per second by one zone (128 nodes × 8 GPUs), in two set-ups measured in the same run:
 * <ul>
 * <li>{@code core}: the {@link LedgerBook} alone, driven by the benchmark thread (the matcher's work, no ring);</li>
 * <li>{@code ring}: end to end through {@link ZoneLedger}: the benchmark thread publishes fire-and-forget through the
 * Disruptor ring, the matcher thread runs the same book. Throughput is the producer's rate, which the ring's
 * back-pressure holds to the matcher's; the backlog left at the end of an iteration (at most the ring, 16,384 slots)
 * is drained outside the measurement.</li>
 * </ul>
 * One operation is one order. Each invocation is one auction round on one node: four real bids for 4 GPUs each from
 * four accounts (rates 4,000 / 3,000 / 2,000 / 1,500 µtokens per unit-second), a {@link CloseAuction} (two winners pay
 * the second price 2,000, two are outbid), and the two winners' releases: 6 orders (the close is counted as overhead,
 * not as an order). Rounds walk over the nodes. Every accepted event goes to an {@link InMemoryJournal}, fresh each
 * iteration, so journal retention is part of the cost.
 *
 * <pre>
 *   cd java-core &amp;&amp; mvn -o -q dependency:build-classpath -Dmdep.outputFile=/tmp/cp.txt -Dmdep.includeScope=test
 *   java -cp target/test-classes:target/classes:$(cat /tmp/cp.txt) org.openjdk.jmh.Main LedgerThroughput -f 1 -wi 2 -i 3 -w 1 -r 2
 * </pre>
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms4g", "-Xmx4g"})
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 2)
@Threads(1)
public class LedgerThroughputBenchmark {

    static final int NODES = 128;
    static final int ORDERS_PER_ROUND = 6;
    static final String[] ACCOUNTS = {"w0", "w1", "w2", "w3"};

    static LedgerConfig zone() {
        List<NodeSpec> nodes = new ArrayList<>(NODES);
        for (int i = 0; i < NODES; i++) nodes.add(new NodeSpec("n" + i, 128_000, 2_000_000, 8, "H100", 0));
        return new LedgerConfig(nodes, 8, new MultiplicativePricing(1_000), 1e-6, 100_000L, 100L, 1.0, 0.05,
                Long.MAX_VALUE / 4, 64);
    }

    /** The preallocated bids of every round and the lease ids its releases will name. */
    static final class Rounds {
        final Bid[][] bids = new Bid[NODES][4];
        final CloseAuction close = new CloseAuction(0);
        long nextLease = 1;
        int node;

        Rounds() {
            long[] rates = {4_000, 3_000, 2_000, 1_500};
            for (int n = 0; n < NODES; n++)
                for (int b = 0; b < 4; b++)
                    bids[n][b] = Bid.perUnitSecond(n * 4L + b, ACCOUNTS[b], Target.Nodes.of(Demand.of(8_000, 16_384, 4), n),
                            rates[b], 60, 1.0, 0);
        }

        List<Mint> mints() {
            List<Mint> out = new ArrayList<>();
            for (String a : ACCOUNTS) out.add(new Mint(a, Long.MAX_VALUE / 8, 0));
            return out;
        }
    }

    @State(Scope.Thread)
    public static class Core {
        LedgerBook book;
        Rounds rounds;

        @Setup(Level.Iteration)
        public void setUp() {
            book = new LedgerBook(zone(), new InMemoryJournal(), (attachment, result) -> { });
            rounds = new Rounds();
            for (Mint m : rounds.mints()) book.submit(m, null);
        }

        @TearDown(Level.Iteration)
        public void tearDown() {
            if (!book.audit().balanced() || book.leaseCount() != 0 || book.snapshot().nextLeaseId() != rounds.nextLease)
                throw new IllegalStateException("the rounds did not fill and release as planned");
        }
    }

    @State(Scope.Benchmark)
    public static class Ring {
        @Param({"MULTI", "SINGLE"})
        public ProducerType producers;

        ZoneLedger zone;
        Rounds rounds;

        @Setup(Level.Iteration)
        public void setUp() {
            RingOptions options = new RingOptions(1 << 14, producers, new YieldingWaitStrategy(), r -> {
                Thread t = new Thread(r, "teg-ledger-bench");
                t.setDaemon(true);
                return t;
            });
            zone = ZoneLedger.start(zone(), new InMemoryJournal(), options);
            rounds = new Rounds();
            for (Mint m : rounds.mints()) zone.publish(m);
        }

        @TearDown(Level.Iteration)
        public void tearDown() {
            Result r = zone.submit(new Inspect(0)).join();
            LedgerSnapshot s = ((Inspection) r).snapshot();
            if (!s.audit().balanced() || zone.failure() != null || !s.leases().isEmpty() || s.nextLeaseId() != rounds.nextLease)
                throw new IllegalStateException("the rounds did not fill and release as planned: " + zone.failure());
            zone.close();
        }
    }

    @Benchmark
    @OperationsPerInvocation(ORDERS_PER_ROUND)
    public void core(Core s) {
        Rounds r = s.rounds;
        Bid[] bids = r.bids[r.node];
        LedgerBook book = s.book;
        book.submit(bids[0], null);
        book.submit(bids[1], null);
        book.submit(bids[2], null);
        book.submit(bids[3], null);
        book.submit(r.close, null);
        book.submit(new Release(r.nextLease, ACCOUNTS[0], 0), null);
        book.submit(new Release(r.nextLease + 1, ACCOUNTS[1], 0), null);
        r.nextLease += 2;
        r.node = r.node + 1 == NODES ? 0 : r.node + 1;
    }

    @Benchmark
    @OperationsPerInvocation(ORDERS_PER_ROUND)
    public void ring(Ring s) {
        Rounds r = s.rounds;
        Bid[] bids = r.bids[r.node];
        ZoneLedger zone = s.zone;
        zone.publish(bids[0]);
        zone.publish(bids[1]);
        zone.publish(bids[2]);
        zone.publish(bids[3]);
        zone.publish(r.close);
        zone.publish(new Release(r.nextLease, ACCOUNTS[0], 0));
        zone.publish(new Release(r.nextLease + 1, ACCOUNTS[1], 0));
        r.nextLease += 2;
        r.node = r.node + 1 == NODES ? 0 : r.node + 1;
    }
}

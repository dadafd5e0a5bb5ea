package io.teg.ledger;

import io.teg.model.NodeSpec;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Zones, recorders and a synchronous harness shared by the ledger tests. */
final class LedgerFixtures {

    static final long SECOND = Tokens.NANOS_PER_SECOND;

    private LedgerFixtures() {
    }

    /** {@code count} nodes n0.. with 64 cores, {@code memMiB} MiB and {@code gpus} GPUs each. */
    static List<NodeSpec> nodes(int count, long memMiB, int gpus) {
        List<NodeSpec> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) out.add(new NodeSpec("n" + i, 64_000, memMiB, gpus, gpus > 0 ? "H100" : "", gpus > 0 ? 0 : -1));
        return out;
    }

    /**
     * A quiet zone: {@code count} nodes of 8 GPUs and 1,000,000 MiB, base price {@code base} µtokens per unit-second,
     * no decay, no tax, no friction, μ = 1, bids clearing on arrival.
     */
    static LedgerConfig quietZone(int count, long base) {
        return new LedgerConfig(nodes(count, 1_000_000, 8), 8, new MultiplicativePricing(base), 0.0, 0L, 0L, 1.0, 0.05, 0L, 64);
    }

    /** Results by attachment, and every delivery in order. */
    static final class Recorder implements ResultSink {
        final Map<Object, Result> byAttachment = new HashMap<>();
        final List<Result> inOrder = new ArrayList<>();

        @Override
        public void deliver(Object attachment, Result result) {
            if (byAttachment.put(attachment, result) != null) throw new AssertionError("second result for " + attachment);
            inOrder.add(result);
        }
    }

    /** A book with an in-memory journal and a recorder; each submission gets the next integer attachment. */
    static final class Harness {
        final LedgerConfig config;
        final InMemoryJournal journal = new InMemoryJournal();
        final Recorder recorder = new Recorder();
        final LedgerBook book;
        private int next;

        Harness(LedgerConfig config) {
            this.config = config;
            this.book = new LedgerBook(config, journal, recorder);
        }

        /** Submits and returns the submission's index. */
        int send(Command c) {
            int id = next++;
            book.submit(c, id);
            return id;
        }

        /** Submits and returns the result, which must have come at once. */
        Result apply(Command c) {
            int id = send(c);
            Result r = recorder.byAttachment.get(id);
            if (r == null) throw new AssertionError("no immediate result for " + c);
            return r;
        }

        Result result(int id) {
            return recorder.byAttachment.get(id);
        }

        Fill fill(Command c) {
            Result r = apply(c);
            if (!(r instanceof Fill f)) throw new AssertionError("expected a fill, got " + r);
            return f;
        }

        Reject reject(Command c) {
            Result r = apply(c);
            if (!(r instanceof Reject j)) throw new AssertionError("expected a reject, got " + r);
            return j;
        }
    }

    /** A real node bid at {@code rate} µtokens per unit-second for {@code durationS}. */
    static Bid nodeBid(long job, String account, Demand d, long rate, long durationS, double mass, long now, int... candidates) {
        return Bid.perUnitSecond(job, account, Target.Nodes.of(d, candidates), rate, durationS, mass, now);
    }

    /** A real whale bid for {@code gpus} contiguous GPUs. */
    static Bid blockBid(long job, String account, int gpus, long rate, long durationS, long now) {
        return Bid.perUnitSecond(job, account, new Target.Block(gpus, 1_000, 1_024), rate, durationS, 10.0, now);
    }
}

package io.teg.ledger;

import com.lmax.disruptor.BlockingWaitStrategy;
import com.lmax.disruptor.WaitStrategy;
import com.lmax.disruptor.dsl.ProducerType;

import java.util.concurrent.ThreadFactory;

/**
 * How a {@link ZoneLedger}'s ring is built.
 *
 * @param ringSize slots in the ring, a power of two; producers wait when it is full
 * @param producers {@link ProducerType#MULTI} unless exactly one thread ever publishes
 * @param waitStrategy how the matcher waits for work: {@link BlockingWaitStrategy} costs no CPU while idle but adds
 *        wake-up latency; {@code YieldingWaitStrategy} and {@code BusySpinWaitStrategy} keep a core busy for
 *        microsecond latency
 * @param threadFactory makes the one matcher thread
 */
public record RingOptions(int ringSize, ProducerType producers, WaitStrategy waitStrategy, ThreadFactory threadFactory) {

    public RingOptions {
        if (ringSize < 1 || Integer.bitCount(ringSize) != 1)
            throw new IllegalArgumentException("ringSize must be a power of two, got " + ringSize);
        if (producers == null || waitStrategy == null || threadFactory == null)
            throw new IllegalArgumentException("producers, waitStrategy and threadFactory are required");
    }

    /** 65,536 slots, many producers, a blocking wait, a daemon thread named {@code teg-ledger-<zone>}. */
    public static RingOptions defaults(String zone) {
        return new RingOptions(1 << 16, ProducerType.MULTI, new BlockingWaitStrategy(), r -> {
            Thread t = new Thread(r, "teg-ledger-" + zone);
            t.setDaemon(true);
            return t;
        });
    }
}

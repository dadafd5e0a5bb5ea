package io.teg.ledger;

import com.lmax.disruptor.EventHandler;
import com.lmax.disruptor.RingBuffer;
import com.lmax.disruptor.TimeoutException;
import com.lmax.disruptor.dsl.Disruptor;

import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * One zone's ledger: commands from any number of producer threads enter an LMAX Disruptor ring, and one matcher
 * thread hands them, in ring sequence order, to the zone's {@link LedgerBook}. The book is the whole logic; this class
 * is plumbing, so the ring-driven ledger gives exactly the results the book gives on the same command sequence.
 *
 * <pre>
 *   ZoneLedger zone = ZoneLedger.start(LedgerConfig.defaults(nodes), new InMemoryJournal(), RingOptions.defaults("z0"));
 *   zone.submit(new Mint("alice", Tokens.ofTokens(100), clock.nanos()));
 *   CompletableFuture&lt;Result&gt; r = zone.submit(Bid.perUnitSecond(42, "alice",
 *           Target.Nodes.of(Demand.of(4000, 65536, 2), 3, 7), 1_500, 3600, 1.0, clock.nanos()));
 * </pre>
 *
 * <h2>Threading</h2>
 * {@link #submit} and {@link #publish} may be called from any thread (with {@link RingOptions#producers()} MULTI);
 * they block only while the ring is full. Results complete their futures on the matcher thread, so stages attached
 * with non-async methods ({@code thenApply}) run there and delay the zone: attach with {@code *Async} or hand off.
 * A bid's future completes when its auction window clears. The book is touched only by the matcher thread until
 * {@link #close()} returns. The journal is written by the matcher thread.
 *
 * <h2>Failure</h2>
 * An exception out of the book means a broken invariant: the zone halts, the failing command's future and every
 * later one complete exceptionally, and the journal up to the last good entry is what a successor replays.
 */
public final class ZoneLedger implements AutoCloseable {

    private final Disruptor<OrderEvent> disruptor;
    private final RingBuffer<OrderEvent> ring;
    private final LedgerBook book;
    private volatile Thread matcherThread;
    private volatile Throwable failure;
    private volatile boolean closed;

    private ZoneLedger(LedgerConfig config, Journal journal, RingOptions options) {
        this.book = LedgerBook.replay(config, journal, ZoneLedger::complete);
        this.disruptor = new Disruptor<>(OrderEvent::new, options.ringSize(), r -> {
            Thread t = options.threadFactory().newThread(r);
            matcherThread = t;
            return t;
        }, options.producers(), options.waitStrategy());
        this.disruptor.handleEventsWith(new Matcher());
        this.ring = disruptor.start();
    }

    /**
     * Builds the zone's book, replaying {@code journal} first when it holds entries (a member taking over the zone),
     * and starts the matcher thread.
     */
    public static ZoneLedger start(LedgerConfig config, Journal journal, RingOptions options) {
        if (config == null || journal == null || options == null) throw new IllegalArgumentException("config, journal and options are required");
        return new ZoneLedger(config, journal, options);
    }

    /**
     * Publishes {@code command}; the future completes with its {@link Result} on the matcher thread (for a bid, when
     * its auction window clears). Allocates the future; use {@link #publish} where nobody awaits the result.
     */
    public CompletableFuture<Result> submit(Command command) {
        CompletableFuture<Result> future = new CompletableFuture<>();
        if (closed) {
            future.completeExceptionally(new IllegalStateException("zone ledger is closed"));
            return future;
        }
        ring.publishEvent(OrderEvent.WITH_FUTURE, command, future);
        return future;
    }

    /** Publishes {@code command} and forgets it: no allocation beyond the command the caller made. */
    public void publish(Command command) {
        if (closed) throw new IllegalStateException("zone ledger is closed");
        ring.publishEvent(OrderEvent.FIRE_AND_FORGET, command);
    }

    /** The failure that halted the zone, or null while it runs. */
    public Throwable failure() {
        return failure;
    }

    /**
     * Stops taking commands, lets the matcher handle everything already published, and stops the thread. Bids still
     * waiting in an open auction window then complete exceptionally with a {@link CancellationException}: publish a
     * {@link CloseAuction} first to clear them. Call once no producer publishes any more.
     */
    @Override
    public void close() {
        if (closed) return;
        closed = true;
        try {
            disruptor.shutdown(30, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            disruptor.halt();
        }
        Thread t = matcherThread;
        if (t != null) {
            try {
                t.join(TimeUnit.SECONDS.toMillis(30));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        for (Object a : book.pendingAttachments())
            if (a instanceof CompletableFuture<?> f)
                f.completeExceptionally(new CancellationException("zone ledger closed before the auction window cleared"));
    }

    @SuppressWarnings("unchecked")
    private static void complete(Object attachment, Result result) {
        if (attachment instanceof CompletableFuture<?> f) ((CompletableFuture<Result>) f).complete(result);
    }

    /** The one consumer of the ring: runs every command through the book, in sequence. */
    private final class Matcher implements EventHandler<OrderEvent> {

        @Override
        public void onEvent(OrderEvent event, long sequence, boolean endOfBatch) {
            Command command = event.command;
            CompletableFuture<Result> future = event.future;
            event.clear();
            if (failure != null) {
                if (future != null) future.completeExceptionally(new IllegalStateException("zone ledger halted", failure));
                return;
            }
            try {
                book.submit(command, future);
            } catch (RuntimeException | Error e) {
                failure = e;
                if (future != null) future.completeExceptionally(e);
                for (Object a : book.pendingAttachments())
                    if (a instanceof CompletableFuture<?> f) f.completeExceptionally(new IllegalStateException("zone ledger halted", e));
            }
        }
    }
}

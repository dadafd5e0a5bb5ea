package io.teg.grid;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.IExecutorService;
import io.teg.ledger.Command;

import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The sender's side of the ledgers (the slurmctld client, the governor's mint): signs a command with the site key and
 * sends it to the member that owns its zone, over executor {@code teg-orders}. {@link #place} answers once; callers that
 * must survive a member's departure use {@link #placeUntilAnswered}, which sends the same signed order again while the
 * answer says to retry or the member left. Every order carries this desk's sender identity and its own number, so a
 * zone host answers a resend of an order it applied with the recorded outcome instead of applying it again (see
 * {@link ZoneHosting}). Thread-safe.
 */
public final class OrderDesk {

    private final IExecutorService executor;
    private final SiteKey key;
    private final AtomicLong ids = new AtomicLong();
    private final String sender = UUID.randomUUID().toString();

    /** A desk on {@code hz} (a member or a client) signing with {@code key}. */
    public OrderDesk(HazelcastInstance hz, SiteKey key) {
        this.executor = hz.getExecutorService(GridNames.ORDERS);
        this.key = key;
    }

    /** Signs {@code command} for {@code zone} as this desk's next order ({@link #sender()}, then 1, 2, 3, ...). */
    public SignedOrder sign(String zone, Command command) {
        return SignedOrder.sign(zone, sender, ids.incrementAndGet(), command, key);
    }

    /** This desk's sender identity, a random UUID drawn when the desk was made. */
    public String sender() {
        return sender;
    }

    /** Sends {@code order} once to its zone's owner and waits up to {@code timeoutMillis} for the answer. */
    public OrderOutcome place(SignedOrder order, long timeoutMillis) throws ExecutionException, TimeoutException,
            InterruptedException {
        Future<OrderOutcome> f = executor.submitToKeyOwner(new PlaceOrder(order), order.zone());
        return f.get(timeoutMillis, TimeUnit.MILLISECONDS);
    }

    /**
     * Sends {@code order} until an answer that is final (not {@link OrderOutcome.Status#retryable()}) arrives, the
     * owner changing in between, or until {@code deadlineMillis} of waiting in all have passed.
     *
     * @return the final answer
     * @throws TimeoutException when no final answer came in time; the last failure is its cause
     */
    public OrderOutcome placeUntilAnswered(SignedOrder order, long deadlineMillis) throws TimeoutException,
            InterruptedException {
        long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(deadlineMillis);
        Throwable last = null;
        while (System.nanoTime() < end) {
            long left = Math.max(1, TimeUnit.NANOSECONDS.toMillis(end - System.nanoTime()));
            try {
                OrderOutcome o = place(order, Math.min(left, 5_000));
                if (!o.status().retryable()) return o;
                last = new IllegalStateException(o.status() + ": " + o.message());
            } catch (ExecutionException | TimeoutException | RuntimeException e) {
                last = e;
            }
            Thread.sleep(20);
        }
        TimeoutException t = new TimeoutException("no final answer to " + order + " within " + deadlineMillis + " ms");
        if (last != null) t.initCause(last);
        throw t;
    }
}

package io.teg.grid;

import com.hazelcast.cluster.Member;
import com.hazelcast.cluster.MembershipEvent;
import com.hazelcast.cluster.MembershipListener;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import com.hazelcast.partition.MigrationListener;
import com.hazelcast.partition.MigrationState;
import com.hazelcast.partition.ReplicaMigrationEvent;
import io.teg.ledger.Command;
import io.teg.ledger.Credited;
import io.teg.ledger.Fill;
import io.teg.ledger.Inspect;
import io.teg.ledger.Inspection;
import io.teg.ledger.LedgerConfig;
import io.teg.ledger.LedgerSnapshot;
import io.teg.ledger.Reject;
import io.teg.ledger.Result;
import io.teg.ledger.RingOptions;
import io.teg.ledger.Settled;
import io.teg.ledger.Ticked;
import io.teg.ledger.ZoneLedger;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs, on one member, the zone ledgers whose zone key this member owns (the owner of the zone's partition). The
 * journal, leases and telemetry of a zone live on the same partition ({@link ZoneKey}), so the ledger works on local
 * data, and the partition's backup is what a successor replays.
 *
 * <p>Ownership follows the partition table: after a migration or a member's departure, and once a second, the host
 * starts the ledgers of zones it now owns (replaying the journal first, so no order is taken before the book is
 * rebuilt) and stops those it lost. An order that reaches a member which does not own its zone is answered
 * {@link OrderOutcome.Status#NOT_OWNER}; the sender retries. Every order's signature is verified against the site key
 * before the ledger sees it.
 *
 * <p>Exactly once: an order with a sender ({@link SignedOrder#key()}) that fills, settles or mints is journaled with its
 * key ({@link JournalRecord}). A resend of a key the journal holds is answered with the recorded outcome and never
 * reaches the ledger again, also on the member that replayed the journal after the owner died between the journal
 * write and the answer; a resend that arrives while the first copy is still being applied waits for its answer. A
 * refused order leaves no record: sent again, it is decided again. Ticks carry no identity. Wallet balances are published to {@code teg-wallets} through {@link SetBalance} every
 * {@value #WALLET_PUBLISH_MILLIS} ms.
 *
 * <p>Threading: {@link #place} runs on Hazelcast executor threads and may be called concurrently; starting and
 * stopping ledgers is serialized by this object's lock.
 */
public final class ZoneHosting implements AutoCloseable {

    /** Where a member's hosting is found in the Hazelcast user context. */
    public static final String USER_CONTEXT_KEY = "teg.zone-hosting";

    /** How often wallet balances are published, milliseconds. */
    public static final long WALLET_PUBLISH_MILLIS = 250;

    /** The longest an order waits for its ledger's answer, seconds. */
    private static final long ORDER_TIMEOUT_S = 10;

    private static final Logger LOG = LogManager.getLogger(ZoneHosting.class);

    private final HazelcastInstance hz;
    private final Map<String, LedgerConfig> zones;
    private final SiteKey siteKey;
    private final GridMetrics metrics;
    private final Map<String, Hosted> running = new ConcurrentHashMap<>();
    private final Map<String, Long> publishedBalances = new HashMap<>();
    private final ScheduledExecutorService timer;
    private final UUID migrationListener;
    private final UUID membershipListener;
    private final Map<String, CompletableFuture<OrderOutcome>> inFlight = new ConcurrentHashMap<>();
    private volatile BeforeReply beforeReply;
    private volatile boolean closed;

    private record Hosted(ZoneLedger ledger, GridJournal journal) {
    }

    /**
     * Starts hosting on member {@code hz}: registers itself in the user context and the listeners, and starts the
     * ledgers of the zones this member owns now.
     *
     * @param zones every zone of the site and its ledger configuration
     */
    public ZoneHosting(HazelcastInstance hz, Map<String, LedgerConfig> zones, SiteKey siteKey, GridMetrics metrics) {
        if (zones.isEmpty()) throw new IllegalArgumentException("no zones to host (set teg.zones)");
        this.hz = hz;
        this.zones = Map.copyOf(zones);
        this.siteKey = siteKey;
        this.metrics = metrics;
        hz.getUserContext().put(USER_CONTEXT_KEY, this);
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "teg-zone-hosting");
            t.setDaemon(true);
            return t;
        });
        this.migrationListener = hz.getPartitionService().addMigrationListener(new MigrationListener() {
            @Override public void migrationStarted(MigrationState state) { }
            @Override public void migrationFinished(MigrationState state) { reconcileSoon(); }
            @Override public void replicaMigrationCompleted(ReplicaMigrationEvent event) { }
            @Override public void replicaMigrationFailed(ReplicaMigrationEvent event) { }
        });
        this.membershipListener = hz.getCluster().addMembershipListener(new MembershipListener() {
            @Override public void memberAdded(MembershipEvent e) { reconcileSoon(); }
            @Override public void memberRemoved(MembershipEvent e) { reconcileSoon(); }
        });
        timer.scheduleWithFixedDelay(this::reconcileQuietly, 0, 1, TimeUnit.SECONDS);
        timer.scheduleWithFixedDelay(this::publishWallets, WALLET_PUBLISH_MILLIS, WALLET_PUBLISH_MILLIS,
                TimeUnit.MILLISECONDS);
    }

    /** The zones whose ledgers run here now. */
    public Set<String> hostedZones() {
        return Set.copyOf(running.keySet());
    }

    /** True when this member owns {@code zone}'s partition. */
    public boolean owns(String zone) {
        Member owner = hz.getPartitionService().getPartition(zone).getOwner();
        return owner != null && owner.localMember();
    }

    private void reconcileSoon() {
        if (!closed) timer.execute(this::reconcileQuietly);
    }

    private void reconcileQuietly() {
        try {
            for (String zone : zones.keySet()) ensure(zone);
        } catch (RuntimeException e) {
            if (!closed) LOG.warn("zone reconciliation failed: {}", e.toString());
        }
    }

    /**
     * Makes the ledger of {@code zone} run here exactly when this member owns it, rebuilding it from the journal after
     * a halt. Returns the running ledger, or null when another member owns the zone.
     */
    private synchronized Hosted ensure(String zone) {
        Hosted h = running.get(zone);
        if (closed || !owns(zone)) {
            if (h != null) stop(zone, h, "ownership moved");
            return null;
        }
        if (h != null && h.ledger.failure() == null) return h;
        if (h != null) stop(zone, h, "halted: " + h.ledger.failure());
        GridJournal journal = new GridJournal(hz, zone);
        long replayed = journal.lastSequence();
        ZoneLedger ledger = ZoneLedger.start(zones.get(zone), journal, RingOptions.defaults(zone));
        Hosted started = new Hosted(ledger, journal);
        LedgerSnapshot snapshot = inspect(started);
        journal.syncLeases(snapshot.leases());
        running.put(zone, started);
        metrics.replays.inc();
        metrics.zonesHosted.set(running.size());
        LOG.info("zone {}: ledger started on {} after replaying {} journal entries", zone,
                hz.getCluster().getLocalMember().getUuid(), replayed);
        return started;
    }

    private void stop(String zone, Hosted h, String why) {
        running.remove(zone);
        h.ledger.close();
        metrics.zonesHosted.set(running.size());
        LOG.info("zone {}: ledger stopped on {} ({})", zone, hz.getCluster().getLocalMember().getUuid(), why);
    }

    private static LedgerSnapshot inspect(Hosted h) {
        try {
            Result r = h.ledger.submit(new Inspect(0)).get(ORDER_TIMEOUT_S, TimeUnit.SECONDS);
            return ((Inspection) r).snapshot();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while inspecting a zone ledger", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("zone ledger did not answer an inspection: " + e, e);
        }
    }

    /** The current state of {@code zone}'s ledger when it runs here, for audits. */
    public LedgerSnapshot snapshot(String zone) {
        Hosted h = ensure(zone);
        if (h == null) throw new IllegalStateException("zone " + zone + " is not owned by this member");
        return inspect(h);
    }

    /** Verifies {@code order}, hands its command to the zone's ledger and answers with the outcome. */
    public OrderOutcome place(SignedOrder order) {
        OrderOutcome outcome = decide(order);
        metrics.orders.labelValues(outcome.status().name()).inc();
        return outcome;
    }

    private OrderOutcome decide(SignedOrder order) {
        String self = hz.getCluster().getLocalMember().getUuid().toString();
        if (!order.verifiedBy(siteKey)) {
            LOG.warn("order {} refused: its signature does not verify against the site key", order);
            return new OrderOutcome(OrderOutcome.Status.BAD_SIGNATURE, 0, 0, -1,
                    "signature does not verify against the site key", self);
        }
        if (!zones.containsKey(order.zone()))
            return new OrderOutcome(OrderOutcome.Status.REJECTED, 0, 0, -1, "unknown zone '" + order.zone()
                    + "' (known: " + zones.keySet() + ")", self);
        Command command;
        try {
            command = order.command();
        } catch (IllegalArgumentException e) {
            return new OrderOutcome(OrderOutcome.Status.REJECTED, 0, 0, -1, e.getMessage(), self);
        }
        Hosted h = ensure(order.zone());
        if (h == null)
            return new OrderOutcome(OrderOutcome.Status.NOT_OWNER, 0, 0, -1,
                    "member " + self + " does not own zone " + order.zone(), self);
        String key = order.key();
        String effect = GridJournal.effectKey(command);
        if (key.isEmpty() || effect == null) return answered(order, apply(h, command, null, null, self));
        CompletableFuture<OrderOutcome> mine = new CompletableFuture<>();
        CompletableFuture<OrderOutcome> earlier = inFlight.putIfAbsent(key, mine);
        if (earlier != null) return awaitEarlier(order, earlier, self);
        try {
            OrderOutcome recorded = h.journal.recorded(key);
            if (recorded != null) {
                metrics.ordersRepeated.inc();
                LOG.info("order {} was applied already: answering the recorded outcome {}", order, recorded.status());
                mine.complete(recorded);
                return answered(order, recorded);
            }
            if (!h.journal.expect(effect, key)) {
                OrderOutcome busy = new OrderOutcome(OrderOutcome.Status.REJECTED, 0, 0, -1,
                        "another order for the same effect (" + effect + ") is in flight", self);
                mine.complete(busy);
                return busy;
            }
            OrderOutcome o = apply(h, command, effect, key, self);
            mine.complete(o);
            return answered(order, o);
        } catch (RuntimeException e) {
            mine.completeExceptionally(e);
            throw e;
        } finally {
            inFlight.remove(key, mine);
        }
    }

    /** A resend that arrived while the first copy is still being applied here: the first copy's answer is its answer. */
    private static OrderOutcome awaitEarlier(SignedOrder order, CompletableFuture<OrderOutcome> earlier, String self) {
        try {
            return earlier.get(ORDER_TIMEOUT_S, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new OrderOutcome(OrderOutcome.Status.HALTED, 0, 0, -1, "interrupted", self);
        } catch (ExecutionException | TimeoutException e) {
            return new OrderOutcome(OrderOutcome.Status.HALTED, 0, 0, -1,
                    "the first copy of " + order + " has no answer yet: " + e, self);
        }
    }

    /**
     * Hands {@code command} to the ledger and turns its result into an outcome. With an {@code effect}, a refusal
     * withdraws the expectation; a timeout keeps it, so that a fill that clears later is still recorded for the order.
     */
    private OrderOutcome apply(Hosted h, Command command, String effect, String key, String self) {
        Result r;
        try {
            r = h.ledger.submit(command).get(ORDER_TIMEOUT_S, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new OrderOutcome(OrderOutcome.Status.HALTED, 0, 0, -1, "interrupted", self);
        } catch (ExecutionException | TimeoutException e) {
            reconcileSoon();
            return new OrderOutcome(OrderOutcome.Status.HALTED, 0, 0, -1, String.valueOf(e.getCause()), self);
        }
        if (effect != null && !(r instanceof Fill || r instanceof Settled || r instanceof Credited))
            h.journal.forget(effect, key);
        return switch (r) {
            case Fill f -> new OrderOutcome(OrderOutcome.Status.FILLED, f.leaseId(), f.tokensBurnedMicros(),
                    f.firstNode(), "", self);
            case Settled s -> new OrderOutcome(OrderOutcome.Status.SETTLED, s.leaseId(), s.taxBurnedMicros(), -1, "", self);
            case Credited c -> new OrderOutcome(OrderOutcome.Status.CREDITED, 0, c.micros(), -1, "", self);
            case Ticked t -> new OrderOutcome(OrderOutcome.Status.TICKED, 0, 0, -1, "", self);
            case Reject j -> new OrderOutcome(OrderOutcome.Status.REJECTED, 0, 0, -1, j.message(), self);
            default -> new OrderOutcome(OrderOutcome.Status.REJECTED, 0, 0, -1, "unexpected answer " + r, self);
        };
    }

    /**
     * Runs the test seam between the ledger's answer (the journal written) and the reply leaving this member; see
     * {@link #beforeReply}.
     */
    private OrderOutcome answered(SignedOrder order, OrderOutcome outcome) {
        BeforeReply hook = beforeReply;
        if (hook != null) hook.reached(order, outcome);
        return outcome;
    }

    /**
     * A test seam: called on the executor thread after an order's outcome is known (its journal entry written) and
     * before the reply leaves this member. Tests use it to stop a member exactly there. Null (the default) for none.
     */
    @FunctionalInterface
    public interface BeforeReply {
        /** Called with the order and the outcome about to be sent. */
        void reached(SignedOrder order, OrderOutcome outcome);
    }

    /** Installs (or, with null, removes) the {@link BeforeReply} seam. */
    public void beforeReply(BeforeReply hook) {
        this.beforeReply = hook;
    }

    private void publishWallets() {
        if (closed) return;
        IMap<String, WalletBalance> wallets = hz.getMap(GridNames.WALLETS);
        for (Map.Entry<String, Hosted> e : running.entrySet()) {
            try {
                LedgerSnapshot s = inspect(e.getValue());
                for (Map.Entry<String, Long> b : s.balances().entrySet()) {
                    String key = WalletBalance.key(e.getKey(), b.getKey());
                    if (b.getValue().equals(publishedBalances.get(key))) continue;
                    wallets.executeOnKey(key, new SetBalance(new WalletBalance(e.getKey(), b.getKey(), b.getValue(),
                            s.lastSequence())));
                    publishedBalances.put(key, b.getValue());
                }
            } catch (RuntimeException ex) {
                if (!closed) LOG.debug("zone {}: wallet publication skipped: {}", e.getKey(), ex.toString());
            }
        }
    }

    @Override
    public synchronized void close() {
        if (closed) return;
        closed = true;
        timer.shutdownNow();
        try {
            hz.getPartitionService().removeMigrationListener(migrationListener);
            hz.getCluster().removeMembershipListener(membershipListener);
        } catch (RuntimeException e) {
            LOG.debug("listeners not removed: {}", e.toString());
        }
        for (Map.Entry<String, Hosted> e : Map.copyOf(running).entrySet()) {
            running.remove(e.getKey());
            e.getValue().ledger.close();
        }
        metrics.zonesHosted.set(0);
        try {
            hz.getUserContext().remove(USER_CONTEXT_KEY);
        } catch (RuntimeException e) {
            LOG.debug("user context not cleared (the member is down): {}", e.toString());
        }
    }
}

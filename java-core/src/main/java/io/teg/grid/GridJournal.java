package io.teg.grid;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import io.teg.ledger.Bid;
import io.teg.ledger.Command;
import io.teg.ledger.Journal;
import io.teg.ledger.JournalEntry;
import io.teg.ledger.Lease;
import io.teg.ledger.Mint;
import io.teg.ledger.Release;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * A zone's journal in map {@code teg-journal} (key {@code ZoneKey(zone, sequence)}), on the zone's partition, with the
 * map's synchronous backups: once {@link #append} returns, the entry is on the owner and on its backup member, so a
 * survivor replays it. Each append also updates the zone's open leases in map {@code teg-leases}.
 *
 * <p>Fencing: an entry is written with {@code putIfAbsent}; when another owner already wrote that sequence (two
 * members both believed they owned the zone during a migration) the append throws, the zone's ledger halts on this
 * member, and the host rebuilds it from the journal. Written by the ledger's matcher thread only.
 *
 * <p>Order identity: before the host hands an order's command to the ledger it {@linkplain #expect expects} it under
 * the command's <em>effect key</em> (a bid: job and account; a release: the lease; a mint: account, amount and time).
 * The entry with that effect key is written together with the order's key ({@link JournalRecord}), and from then on
 * {@link #recorded} answers for the order, on this member and, after a replay, on its successor.
 */
final class GridJournal implements Journal {

    /** Keys fetched per round trip when reading the journal. */
    private static final int BATCH = 512;

    private final String zone;
    private final IMap<ZoneKey, JournalRecord> entries;
    private final IMap<ZoneKey, Lease> leases;
    private final Set<Long> closedDuringReplay = new HashSet<>();
    private final Map<String, String> expected = new ConcurrentHashMap<>();
    private final Map<String, OrderOutcome> recorded = new ConcurrentHashMap<>();
    private final String member;
    private long last;

    GridJournal(HazelcastInstance hz, String zone) {
        this.zone = zone;
        this.member = hz.getCluster().getLocalMember().getUuid().toString();
        this.entries = hz.getMap(GridNames.JOURNAL);
        this.leases = hz.getMap(GridNames.LEASES);
        long n = 0;
        while (true) {
            Set<ZoneKey> keys = keys(n + 1, n + BATCH);
            Map<ZoneKey, JournalRecord> got = entries.getAll(keys);
            n += got.size();
            if (got.size() < BATCH) break;
        }
        this.last = n;
    }

    private Set<ZoneKey> keys(long from, long to) {
        Set<ZoneKey> keys = new HashSet<>();
        for (long s = from; s <= to; s++) keys.add(new ZoneKey(zone, s));
        return keys;
    }

    @Override
    public void append(JournalEntry entry) {
        if (entry.sequence() != last + 1)
            throw new IllegalStateException("zone " + zone + ": journal entry " + entry.sequence() + " does not follow " + last);
        String effect = effectKey(entry);
        String order = effect == null ? null : expected.get(effect);
        JournalRecord previous = entries.putIfAbsent(new ZoneKey(zone, entry.sequence()),
                new JournalRecord(entry, order == null ? "" : order));
        if (previous != null)
            throw new IllegalStateException("zone " + zone + ": journal entry " + entry.sequence()
                    + " was already written by another owner");
        last = entry.sequence();
        if (order != null) {
            expected.remove(effect, order);
            remember(order, entry);
        }
        project(entry);
    }

    /**
     * The effect key of a command that takes effect through exactly one journal entry (bid, release, mint), or null
     * for one that does not (a tick's entries are not one order's effect).
     */
    static String effectKey(Command command) {
        return switch (command) {
            case Bid b -> "BID " + b.jobId() + " " + b.account();
            case Release r -> "RELEASE " + r.leaseId();
            case Mint m -> "MINT " + m.account() + " " + m.micros() + " " + m.nowNanos();
            default -> null;
        };
    }

    /** The effect key of the command whose effect {@code entry} is, or null for an entry no single order caused. */
    static String effectKey(JournalEntry entry) {
        return switch (entry) {
            case JournalEntry.Filled f -> "BID " + f.lease().jobId() + " " + f.lease().account();
            case JournalEntry.Released r -> "RELEASE " + r.leaseId();
            case JournalEntry.Minted m -> "MINT " + m.account() + " " + m.micros() + " " + m.nowNanos();
            default -> null;
        };
    }

    /**
     * Marks order {@code orderKey} as the cause of the next entry with effect key {@code effect}.
     *
     * @return false when another order already waits for the same effect (a second bid for the same job in flight)
     */
    boolean expect(String effect, String orderKey) {
        String had = expected.putIfAbsent(effect, orderKey);
        return had == null || had.equals(orderKey);
    }

    /** Withdraws the expectation of {@link #expect}, after the ledger refused the order. */
    void forget(String effect, String orderKey) {
        expected.remove(effect, orderKey);
    }

    /** The outcome recorded in the journal for order {@code orderKey}, or null when the journal has no effect of it. */
    OrderOutcome recorded(String orderKey) {
        return recorded.get(orderKey);
    }

    private void remember(String orderKey, JournalEntry entry) {
        OrderOutcome o = switch (entry) {
            case JournalEntry.Filled f -> new OrderOutcome(OrderOutcome.Status.FILLED, f.lease().id(), f.paidMicros(),
                    f.lease().firstNode(), "", member);
            case JournalEntry.Released r -> new OrderOutcome(OrderOutcome.Status.SETTLED, r.leaseId(), r.taxMicros(), -1,
                    "", member);
            case JournalEntry.Minted m -> new OrderOutcome(OrderOutcome.Status.CREDITED, 0, m.micros(), -1, "", member);
            default -> throw new IllegalArgumentException("entry " + entry + " is no order's effect");
        };
        recorded.put(orderKey, o);
    }

    /** Applies {@code entry} to the lease map. */
    private void project(JournalEntry entry) {
        switch (entry) {
            case JournalEntry.Filled f -> leases.set(new ZoneKey(zone, f.lease().id()), f.lease());
            case JournalEntry.Expanded e -> {
                ZoneKey k = new ZoneKey(zone, e.leaseId());
                Lease l = leases.get(k);
                if (l != null) leases.set(k, l.expandedBy(e.extra(), e.addedGpuMask()));
            }
            case JournalEntry.UsageSet u -> {
                ZoneKey k = new ZoneKey(zone, u.leaseId());
                Lease l = leases.get(k);
                if (l != null) leases.set(k, l.withIdleUnits(u.idleUnits()));
            }
            case JournalEntry.Released r -> leases.delete(new ZoneKey(zone, r.leaseId()));
            case JournalEntry.Evicted v -> leases.delete(new ZoneKey(zone, v.leaseId()));
            default -> { }
        }
    }

    @Override
    public long lastSequence() {
        return last;
    }

    @Override
    public void forEach(long fromSequence, Consumer<? super JournalEntry> action) {
        for (long from = Math.max(1, fromSequence); from <= last; from += BATCH) {
            long to = Math.min(last, from + BATCH - 1);
            Map<ZoneKey, JournalRecord> got = entries.getAll(keys(from, to));
            for (long s = from; s <= to; s++) {
                JournalRecord rec = got.get(new ZoneKey(zone, s));
                if (rec == null) throw new IllegalStateException("zone " + zone + ": journal entry " + s + " is missing");
                JournalEntry e = rec.entry();
                if (!rec.orderKey().isEmpty()) remember(rec.orderKey(), e);
                if (e instanceof JournalEntry.Released r) closedDuringReplay.add(r.leaseId());
                if (e instanceof JournalEntry.Evicted v) closedDuringReplay.add(v.leaseId());
                action.accept(e);
            }
        }
    }

    /**
     * After a replay, makes map {@code teg-leases} match the rebuilt book: writes every open lease and removes those
     * the replayed journal closed (a previous owner may have died between its journal write and its lease write).
     */
    void syncLeases(Iterable<Lease> open) {
        for (Lease l : open) leases.set(new ZoneKey(zone, l.id()), l);
        for (long id : closedDuringReplay) leases.delete(new ZoneKey(zone, id));
        closedDuringReplay.clear();
    }
}

package io.teg.grid;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import io.teg.ledger.Journal;
import io.teg.ledger.JournalEntry;
import io.teg.ledger.Lease;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * A zone's journal in map {@code teg-journal} (key {@code ZoneKey(zone, sequence)}), on the zone's partition, with the
 * map's synchronous backups: once {@link #append} returns, the entry is on the owner and on its backup member, so a
 * survivor replays it. Each append also updates the zone's open leases in map {@code teg-leases}.
 *
 * <p>Fencing: an entry is written with {@code putIfAbsent}; when another owner already wrote that sequence (two
 * members both believed they owned the zone during a migration) the append throws, the zone's ledger halts on this
 * member, and the host rebuilds it from the journal. Written by the ledger's matcher thread only.
 */
final class GridJournal implements Journal {

    /** Keys fetched per round trip when reading the journal. */
    private static final int BATCH = 512;

    private final String zone;
    private final IMap<ZoneKey, JournalEntry> entries;
    private final IMap<ZoneKey, Lease> leases;
    private final Set<Long> closedDuringReplay = new HashSet<>();
    private long last;

    GridJournal(HazelcastInstance hz, String zone) {
        this.zone = zone;
        this.entries = hz.getMap(GridNames.JOURNAL);
        this.leases = hz.getMap(GridNames.LEASES);
        long n = 0;
        while (true) {
            Set<ZoneKey> keys = keys(n + 1, n + BATCH);
            Map<ZoneKey, JournalEntry> got = entries.getAll(keys);
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
        JournalEntry previous = entries.putIfAbsent(new ZoneKey(zone, entry.sequence()), entry);
        if (previous != null)
            throw new IllegalStateException("zone " + zone + ": journal entry " + entry.sequence()
                    + " was already written by another owner");
        last = entry.sequence();
        project(entry);
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
            Map<ZoneKey, JournalEntry> got = entries.getAll(keys(from, to));
            for (long s = from; s <= to; s++) {
                JournalEntry e = got.get(new ZoneKey(zone, s));
                if (e == null) throw new IllegalStateException("zone " + zone + ": journal entry " + s + " is missing");
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

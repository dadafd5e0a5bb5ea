package io.teg.grid;

import com.hazelcast.core.EntryEvent;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import com.hazelcast.map.listener.EntryAddedListener;
import com.hazelcast.map.listener.EntryUpdatedListener;
import io.teg.field.FieldSnapshot;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * A reader's local copy of every zone's field: an entry listener on {@code teg-field} hands each new
 * {@link SignedField} here, its signature is verified against the site key once, and only then does it replace the
 * zone's copy. A snapshot whose signature does not verify is counted ({@code teg_field_rejected_total}), logged, and
 * dropped: the previous field stays. A snapshot older than the held one (lower term, or same term and lower epoch) is
 * ignored. Reads are a lock-free map look-up.
 */
public final class FieldView implements AutoCloseable {

    private static final Logger LOG = LogManager.getLogger(FieldView.class);

    private final IMap<String, SignedField> map;
    private final SiteKey key;
    private final GridMetrics metrics;
    private final Consumer<SignedField> onAccepted;
    private final Map<String, SignedField> held = new ConcurrentHashMap<>();
    private final UUID listener;

    /**
     * Starts watching {@code teg-field} on {@code hz} (a member or a client) and takes what is there now.
     *
     * @param onAccepted called on Hazelcast's event thread with every field taken (keep it short)
     */
    public FieldView(HazelcastInstance hz, SiteKey key, GridMetrics metrics, Consumer<SignedField> onAccepted) {
        this.map = hz.getMap(GridNames.FIELD);
        this.key = key;
        this.metrics = metrics;
        this.onAccepted = onAccepted;
        this.listener = map.addEntryListener(new Listener(), true);
        for (SignedField f : map.values()) offer(f);
    }

    /** A view with no callback. */
    public FieldView(HazelcastInstance hz, SiteKey key, GridMetrics metrics) {
        this(hz, key, metrics, f -> { });
    }

    private final class Listener implements EntryAddedListener<String, SignedField>, EntryUpdatedListener<String, SignedField> {
        @Override
        public void entryAdded(EntryEvent<String, SignedField> event) {
            offer(event.getValue());
        }

        @Override
        public void entryUpdated(EntryEvent<String, SignedField> event) {
            offer(event.getValue());
        }
    }

    /** Verifies {@code f} and takes it when it is newer than the zone's copy; returns whether it was taken. */
    boolean offer(SignedField f) {
        if (f == null) return false;
        if (!f.verifiedBy(key)) {
            metrics.fieldRejected.inc();
            LOG.warn("field of zone {} (term {}, epoch {}) rejected: its signature does not verify against the site key",
                    f.zone(), f.governorTerm(), f.snapshot().epoch());
            return false;
        }
        SignedField now = held.merge(f.zone(), f, (old, neu) -> newer(neu, old) ? neu : old);
        if (now != f) return false;
        metrics.fieldAccepted.inc();
        onAccepted.accept(f);
        return true;
    }

    private static boolean newer(SignedField a, SignedField b) {
        if (a.governorTerm() != b.governorTerm()) return a.governorTerm() > b.governorTerm();
        return a.snapshot().epoch() > b.snapshot().epoch();
    }

    /** The zone's verified field, if one has arrived. */
    public Optional<FieldSnapshot> snapshot(String zone) {
        SignedField f = held.get(zone);
        return f == null ? Optional.empty() : Optional.of(f.snapshot());
    }

    /** The zone's verified field with its term and signature, if one has arrived. */
    public Optional<SignedField> signed(String zone) {
        return Optional.ofNullable(held.get(zone));
    }

    @Override
    public void close() {
        try {
            map.removeEntryListener(listener);
        } catch (RuntimeException e) {
            LOG.debug("field listener not removed: {}", e.toString());
        }
    }
}

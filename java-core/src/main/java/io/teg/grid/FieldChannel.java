package io.teg.grid;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import io.teg.field.FieldSnapshot;

/**
 * The governor's side of the field: signs each zone's {@link FieldSnapshot} with the site key and writes it to map
 * {@code teg-field} (key = zone). Readers see it through {@link FieldView}. Thread-safe.
 */
public final class FieldChannel {

    private final IMap<String, SignedField> map;
    private final SiteKey key;
    private final GridMetrics metrics;

    /** A channel on {@code hz} (a member or a client) signing with {@code key}, which must hold the private half. */
    public FieldChannel(HazelcastInstance hz, SiteKey key, GridMetrics metrics) {
        if (!key.canSign()) throw new IllegalArgumentException("the governor needs the private site key to sign the field");
        this.map = hz.getMap(GridNames.FIELD);
        this.key = key;
        this.metrics = metrics;
    }

    /** Signs and publishes {@code snapshot} as {@code zone}'s field under governor term {@code term}. */
    public SignedField publish(String zone, long term, FieldSnapshot snapshot) {
        SignedField f = SignedField.sign(zone, term, snapshot, key);
        map.set(zone, f);
        metrics.fieldPublished.inc();
        return f;
    }
}

package io.teg.grid;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import com.hazelcast.query.Predicates;

import java.util.Collection;
import java.util.concurrent.CompletionStage;

/**
 * Node telemetry on the grid, in micro-batches (ARCHITECTURE §2: 50 ms): each sender writes its latest
 * {@link TelemetryBatch} per zone to map {@code teg-telemetry} under {@code ZoneKey(zone, source)}, so a zone's
 * telemetry lands on the member that owns the zone. One write carries every node sample of the batch. Thread-safe.
 *
 * <p>This is the seam for {@code teg agent}: an agent builds one batch per flush interval and calls
 * {@link #publishAsync}; the governor reads a zone's batches with {@link #zone}.
 */
public final class TelemetryBus {

    private final IMap<ZoneKey, TelemetryBatch> map;
    private final GridMetrics metrics;

    /** A bus on {@code hz}, a member or a client. */
    public TelemetryBus(HazelcastInstance hz, GridMetrics metrics) {
        this.map = hz.getMap(GridNames.TELEMETRY);
        this.metrics = metrics;
    }

    /** Writes {@code batch} and waits for the owner (and its backups) to have it. */
    public void publish(TelemetryBatch batch) {
        map.set(batch.key(), batch);
        metrics.telemetryUpdates.inc(batch.size());
    }

    /** Writes {@code batch} without waiting; the stage completes when the owner has it. */
    public CompletionStage<Void> publishAsync(TelemetryBatch batch) {
        metrics.telemetryUpdates.inc(batch.size());
        return map.setAsync(batch.key(), batch);
    }

    /** The latest batch of every source of {@code zone}. */
    public Collection<TelemetryBatch> zone(String zone) {
        return map.values(Predicates.equal("zone", zone));
    }
}

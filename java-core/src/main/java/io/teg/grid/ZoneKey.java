package io.teg.grid;

import com.hazelcast.partition.PartitionAware;

/**
 * A map key that lives on the partition of its zone: every journal entry, lease and telemetry stream of one zone sits
 * on the member that owns the zone, so the zone's ledger reads and writes them locally and their backups move with it.
 *
 * @param zone the zone (the partition key)
 * @param id the entry within the zone: a journal sequence, a lease id, or a telemetry source
 */
public record ZoneKey(String zone, long id) implements PartitionAware<String> {

    public ZoneKey {
        if (zone == null || zone.isBlank()) throw new IllegalArgumentException("zone must not be blank");
    }

    @Override
    public String getPartitionKey() {
        return zone;
    }
}

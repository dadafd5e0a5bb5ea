package io.teg.node.airlock;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;

/**
 * One node at one instant, as the driver saw it.
 *
 * @param at when the observation was taken (the injected time)
 * @param capacityMiB the node's memory C_max in MiB, &gt; 0
 * @param compressedSwap true when the node has compressed swap (zram) to push a frozen job's pages to
 * @param tenants the jobs on the node, each once
 */
public record NodeObservation(Instant at, long capacityMiB, boolean compressedSwap, List<TenantObservation> tenants) {

    public NodeObservation {
        if (at == null) throw new IllegalArgumentException("at is required");
        if (capacityMiB <= 0) throw new IllegalArgumentException("capacityMiB must be > 0, got " + capacityMiB);
        tenants = List.copyOf(tenants);
        HashSet<Long> ids = new HashSet<>();
        for (TenantObservation t : tenants)
            if (!ids.add(t.jobId())) throw new IllegalArgumentException("job " + t.jobId() + " observed twice");
    }

    /** Resident memory of all tenants, in MiB. */
    public long usedMiB() {
        long s = 0;
        for (TenantObservation t : tenants) s += t.usageMiB();
        return s;
    }

    /** The tenant with this id, if present. */
    public Optional<TenantObservation> tenant(long jobId) {
        for (TenantObservation t : tenants) if (t.jobId() == jobId) return Optional.of(t);
        return Optional.empty();
    }
}

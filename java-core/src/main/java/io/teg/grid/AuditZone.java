package io.teg.grid;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastInstanceAware;
import io.teg.ledger.Audit;
import io.teg.ledger.LedgerSnapshot;

import java.util.concurrent.Callable;

/**
 * Reads a zone's {@link ZoneAudit} on the member that owns the zone (submit with {@code submitToKeyOwner(task, zone)}
 * on executor {@code teg-orders}). Fails with {@link IllegalStateException} when the member does not own it.
 */
public final class AuditZone implements Callable<ZoneAudit>, HazelcastInstanceAware {

    private final String zone;
    private transient HazelcastInstance instance;

    /** An audit of {@code zone}. */
    public AuditZone(String zone) {
        this.zone = zone;
    }

    /** The zone. */
    public String zone() {
        return zone;
    }

    @Override
    public void setHazelcastInstance(HazelcastInstance hazelcastInstance) {
        this.instance = hazelcastInstance;
    }

    @Override
    public ZoneAudit call() {
        if (!(instance.getUserContext().get(ZoneHosting.USER_CONTEXT_KEY) instanceof ZoneHosting h))
            throw new IllegalStateException("member hosts no zone ledgers");
        LedgerSnapshot s = h.snapshot(zone);
        Audit a = s.audit();
        return new ZoneAudit(zone, instance.getCluster().getLocalMember().getUuid().toString(), s.lastSequence(),
                a.mintedMicros(), a.burnedMicros(), a.balancesMicros(), a.escrowedMicros(),
                s.leases().stream().mapToLong(l -> l.id()).toArray());
    }
}

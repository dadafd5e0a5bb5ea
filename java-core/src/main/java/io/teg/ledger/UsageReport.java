package io.teg.ledger;

/**
 * Says how many of a lease's units are allocated but idle (from node telemetry). The holding tax γ is charged on idle
 * units; a lease counts as fully busy until a report says otherwise.
 *
 * @param leaseId the lease
 * @param idleUnits idle units, 0..the lease's units
 * @param nowNanos the producer's clock, nanoseconds
 */
public record UsageReport(long leaseId, int idleUnits, long nowNanos) implements Command {

    public UsageReport {
        if (idleUnits < 0) throw new IllegalArgumentException("idleUnits must be >= 0, got " + idleUnits);
    }
}

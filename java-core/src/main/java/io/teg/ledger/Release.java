package io.teg.ledger;

/**
 * Ends a lease and settles it: the holding tax accrued since the last tick on its idle units is burned, and its
 * resources go back to the zone. Nothing is refunded (paid tokens were burned at the fill).
 *
 * @param leaseId the lease
 * @param account the lease's account (checked)
 * @param nowNanos the producer's clock, nanoseconds
 */
public record Release(long leaseId, String account, long nowNanos) implements Command {

    public Release {
        if (account == null || account.isBlank()) throw new IllegalArgumentException("account must not be blank");
    }
}

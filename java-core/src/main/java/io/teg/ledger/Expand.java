package io.teg.ledger;

/**
 * A just-in-time, fill-or-kill expansion of a single-node lease by {@code extra} on the lease's own node. It clears in
 * the auction window like a bid (second price for {@code extra.units()} units over {@code durationS}) and also pays
 * the fixed transaction friction C_txn. Expansions never evict, and whole-block leases do not expand.
 *
 * @param leaseId the lease to grow
 * @param account the lease's account (checked)
 * @param extra the added resources
 * @param price the offer in µtokens, read according to {@code basis}; &ge; 0
 * @param basis per unit-second or per lease
 * @param durationS the seconds the extra resources are bought for, &ge; 1
 * @param nowNanos the producer's clock, nanoseconds
 */
public record Expand(long leaseId, String account, Demand extra, long price, PriceBasis basis, long durationS,
                     long nowNanos) implements Command {

    public Expand {
        if (account == null || account.isBlank()) throw new IllegalArgumentException("account must not be blank");
        if (extra == null || basis == null) throw new IllegalArgumentException("extra and basis are required");
        if (price < 0) throw new IllegalArgumentException("price must be >= 0, got " + price);
        if (durationS < 1) throw new IllegalArgumentException("durationS must be >= 1, got " + durationS);
    }
}

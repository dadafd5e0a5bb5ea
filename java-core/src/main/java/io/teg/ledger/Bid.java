package io.teg.ledger;

/**
 * A fill-or-kill bid for a new lease: it gets all of its {@link Target} or a {@link Reject}, never a part.
 *
 * <p>Real bids wait in the zone's auction window and clear together (see {@link LedgerBook}): the winner pays the
 * second price, which is burned. A <em>virtual</em> bid is a zero-cost probe: it is answered at once with a
 * {@link Quote} or a {@link Reject} as if it bid alone now, and it locks, pays and records nothing.
 *
 * @param jobId the job's id
 * @param account the paying account
 * @param target the nodes or the block asked for
 * @param price the offer in µtokens, read according to {@code basis}; &ge; 0
 * @param basis per unit-second or per lease
 * @param durationS the seconds the lease is bought for, &ge; 1
 * @param mass the agent's inertial mass m = α·MemSize + β·log(E_init) (dimensionless, &ge; 0); once seated it
 *        protects the lease against eviction (threshold μ·m)
 * @param virtual true for a probe that changes nothing
 * @param nowNanos the producer's clock, nanoseconds
 */
public record Bid(long jobId, String account, Target target, long price, PriceBasis basis, long durationS,
                  double mass, boolean virtual, long nowNanos) implements Command {

    public Bid {
        if (account == null || account.isBlank()) throw new IllegalArgumentException("account must not be blank");
        if (target == null || basis == null) throw new IllegalArgumentException("target and basis are required");
        if (price < 0) throw new IllegalArgumentException("price must be >= 0, got " + price);
        if (durationS < 1) throw new IllegalArgumentException("durationS must be >= 1, got " + durationS);
        if (!(mass >= 0) || Double.isInfinite(mass)) throw new IllegalArgumentException("mass must be finite and >= 0, got " + mass);
    }

    /** A real bid at {@code ratePerUnitSecond} µtokens per unit-second. */
    public static Bid perUnitSecond(long jobId, String account, Target target, long ratePerUnitSecond, long durationS,
                                    double mass, long nowNanos) {
        return new Bid(jobId, account, target, ratePerUnitSecond, PriceBasis.PER_UNIT_SECOND, durationS, mass, false, nowNanos);
    }

    /** The same bid as a zero-cost probe. */
    public Bid asProbe() {
        return new Bid(jobId, account, target, price, basis, durationS, mass, true, nowNanos);
    }

    /** The same bid stamped at another time. */
    public Bid at(long nanos) {
        return new Bid(jobId, account, target, price, basis, durationS, mass, virtual, nanos);
    }
}

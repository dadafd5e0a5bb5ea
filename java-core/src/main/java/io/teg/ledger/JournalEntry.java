package io.teg.ledger;

/**
 * One accepted event of a zone ledger, immutable, numbered by {@link #sequence()} from 1 without gaps. The journal
 * holds effects, not requests: what was decided (a lease and its price, a tax charged), so that
 * {@link LedgerBook#replay} rebuilds the state without re-running auctions. Amounts are µtokens, times nanoseconds.
 */
public sealed interface JournalEntry {

    /** Position in the zone's journal, from 1. */
    long sequence();

    /** The book's clock when the event happened, nanoseconds. */
    long nowNanos();

    /** Tokens created in a wallet. */
    record Minted(long sequence, long nowNanos, String account, long micros) implements JournalEntry {
    }

    /** A bid cleared: {@code lease} opened, {@code paidMicros} burned from its account. */
    record Filled(long sequence, long nowNanos, Lease lease, long paidMicros) implements JournalEntry {
    }

    /** A lease grown by {@code extra} (GPUs {@code addedGpuMask}); {@code paidMicros + frictionMicros} burned. */
    record Expanded(long sequence, long nowNanos, long leaseId, Demand extra, long addedGpuMask, long paidMicros,
                    long frictionMicros) implements JournalEntry {
    }

    /** A lease released by its holder; {@code taxMicros} of accrued holding tax burned. */
    record Released(long sequence, long nowNanos, long leaseId, long taxMicros) implements JournalEntry {
    }

    /** A lease evicted by job {@code byJobId}'s bid; {@code taxMicros} of accrued holding tax burned. */
    record Evicted(long sequence, long nowNanos, long leaseId, long taxMicros, long byJobId) implements JournalEntry {
    }

    /** Holding tax charged on one lease at a tick (capped at the balance). */
    record Taxed(long sequence, long nowNanos, long leaseId, String account, long micros) implements JournalEntry {
    }

    /**
     * A tick's wallet decay, B → ⌊B·exp(−λ·Δt)⌋ for every wallet, Δt since the previous tick; {@code burnedMicros}
     * is the total evaporated, which replay recomputes and checks.
     */
    record Decayed(long sequence, long nowNanos, long burnedMicros) implements JournalEntry {
    }

    /** A node's price multipliers set. */
    record ConditionSet(long sequence, long nowNanos, int node, double thermal, double external, double demand)
            implements JournalEntry {
    }

    /** The holding tax γ set, µtokens per idle unit-second. */
    record TaxRateSet(long sequence, long nowNanos, long microsPerUnitSecond) implements JournalEntry {
    }

    /** A lease's idle units set. */
    record UsageSet(long sequence, long nowNanos, long leaseId, int idleUnits) implements JournalEntry {
    }
}

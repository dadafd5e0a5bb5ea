package io.teg.ledger;

/** How a bid states its price. Both are converted to a rate in µtokens per unit-second before clearing. */
public enum PriceBasis {
    /** The price is µtokens per unit per second; the lease total is price × units × durationS. */
    PER_UNIT_SECOND,
    /**
     * The price is µtokens for the whole lease; its rate is {@code floor(price / (units × durationS))}, so a lease
     * bid never pays more than it offered.
     */
    PER_LEASE
}

package io.teg.grid;

/**
 * What the zone's host answered to a {@link SignedOrder}: an immutable value that crosses the grid back to the sender.
 *
 * @param status the kind of answer
 * @param leaseId the lease filled or settled, or 0
 * @param micros µtokens paid (FILLED), tax burned (SETTLED), µtokens credited (CREDITED), else 0
 * @param firstNode the first node of a filled lease, or -1
 * @param message the refusal in words for REJECTED, BAD_SIGNATURE, NOT_OWNER and HALTED, else ""
 * @param member the member that answered (its UUID)
 */
public record OrderOutcome(Status status, long leaseId, long micros, int firstNode, String message, String member) {

    /** The kinds of answer. */
    public enum Status {
        /** A bid cleared and opened a lease. */
        FILLED,
        /** A lease was released and settled. */
        SETTLED,
        /** A mint was applied. */
        CREDITED,
        /** A tick was applied. */
        TICKED,
        /** The ledger refused the order; nothing changed. */
        REJECTED,
        /** The signature did not verify against the site key; the order never reached the ledger. */
        BAD_SIGNATURE,
        /** The member does not own the zone (ownership moved in flight): send it again. */
        NOT_OWNER,
        /** The zone's ledger halted on this member; it is being rebuilt from the journal: send it again. */
        HALTED;

        /** True when sending the same order again may succeed. */
        public boolean retryable() {
            return this == NOT_OWNER || this == HALTED;
        }
    }

    public OrderOutcome {
        if (status == null) throw new IllegalArgumentException("status is required");
        if (message == null) message = "";
        if (member == null) member = "";
    }
}

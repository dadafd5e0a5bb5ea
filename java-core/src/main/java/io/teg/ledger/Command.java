package io.teg.ledger;

/**
 * Anything a zone ledger is asked to do. Every command is an immutable value; producers build it and publish it into
 * the ring, the matcher thread hands it to {@link LedgerBook#submit(Command, Object)}.
 *
 * <p>Time is injected: each command carries the producer's {@code nowNanos} (any monotone nanosecond clock shared by
 * the zone's producers). The book never reads a clock; it treats time as monotone in sequence order, so a stamp
 * earlier than one already seen counts as the latest seen.
 */
public sealed interface Command
        permits Bid, Expand, Release, Mint, Tick, CloseAuction, NodeCondition, UsageReport, TaxRate, Inspect {

    /** The producer's clock reading when the command was made, in nanoseconds. */
    long nowNanos();
}

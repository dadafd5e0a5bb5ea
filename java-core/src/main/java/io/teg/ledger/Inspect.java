package io.teg.ledger;

/**
 * Asks for a {@link LedgerSnapshot} of the book, answered with an {@link Inspection}. Changes nothing, not even the
 * book's clock; bids still waiting in an open window are not part of the state.
 *
 * @param nowNanos the producer's clock, nanoseconds (ignored)
 */
public record Inspect(long nowNanos) implements Command {
}

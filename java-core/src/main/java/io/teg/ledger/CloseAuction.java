package io.teg.ledger;

/**
 * Clears the open auction window now, whatever its end time. Also the way to flush a zone before it shuts down.
 *
 * @param nowNanos the producer's clock, nanoseconds
 */
public record CloseAuction(long nowNanos) implements Command {
}

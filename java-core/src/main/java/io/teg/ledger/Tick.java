package io.teg.ledger;

/**
 * The epoch tick: clears the open auction window, charges the holding tax γ on every lease's idle units since the
 * last tick, then decays every wallet by exp(−λ·Δt). Both charges are burned.
 *
 * @param nowNanos the producer's clock, nanoseconds
 */
public record Tick(long nowNanos) implements Command {
}

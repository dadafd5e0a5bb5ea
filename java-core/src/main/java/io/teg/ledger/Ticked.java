package io.teg.ledger;

/**
 * An epoch tick, applied.
 *
 * @param taxBurnedMicros µtokens of holding tax burned over all leases
 * @param decayBurnedMicros µtokens evaporated from wallets by the decay exp(−λ·Δt), rounding included
 */
public record Ticked(long taxBurnedMicros, long decayBurnedMicros) implements Result {
}

package io.teg.ledger;

/**
 * A released lease, settled: {@code taxBurnedMicros} µtokens of holding tax accrued since the last tick were burned.
 *
 * @param leaseId the closed lease
 * @param taxBurnedMicros µtokens burned at settlement
 */
public record Settled(long leaseId, long taxBurnedMicros) implements Result {
}

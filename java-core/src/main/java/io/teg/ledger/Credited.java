package io.teg.ledger;

/**
 * A mint, applied.
 *
 * @param account the credited account
 * @param micros µtokens minted
 * @param balanceMicros the balance after, in µtokens
 */
public record Credited(String account, long micros, long balanceMicros) implements Result {
}

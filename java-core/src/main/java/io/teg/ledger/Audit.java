package io.teg.ledger;

/**
 * The token books of a zone, in µtokens. The invariant, checked by {@link #balanced()}:
 *
 * <pre>   minted − burned = Σ balances + Σ escrowed   (exactly)</pre>
 *
 * Escrow holds a winning bid's maximum payment only while its window clears; outside a clearing it is 0.
 *
 * @param mintedMicros every µtoken ever minted
 * @param burnedMicros every µtoken burned: payments, friction, holding tax, decay and its rounding
 * @param balancesMicros the sum of all wallet balances, summed afresh by the audit
 * @param escrowedMicros the sum of all escrowed amounts
 */
public record Audit(long mintedMicros, long burnedMicros, long balancesMicros, long escrowedMicros) {

    /** True when minted − burned equals balances + escrowed exactly. */
    public boolean balanced() {
        return mintedMicros - burnedMicros == balancesMicros + escrowedMicros;
    }
}

package io.teg.ledger;

/**
 * Creates {@code micros} new µtokens in {@code account}'s wallet (the governor mints each account's energy share
 * once per epoch). The only way tokens come into being; it also opens the wallet.
 *
 * @param account the credited account
 * @param micros µtokens, &gt; 0
 * @param nowNanos the producer's clock, nanoseconds
 */
public record Mint(String account, long micros, long nowNanos) implements Command {

    public Mint {
        if (account == null || account.isBlank()) throw new IllegalArgumentException("account must not be blank");
        if (micros <= 0) throw new IllegalArgumentException("mint amount must be > 0, got " + micros);
    }
}

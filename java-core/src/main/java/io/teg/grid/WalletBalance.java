package io.teg.grid;

/**
 * One account's balance in one zone's ledger, as published to map {@code teg-wallets} (key {@code zone/account}) for
 * readers such as {@code teg wallet}. The zone's ledger is the authority; this is its read model, changed only through
 * the {@link SetBalance} entry processor, which never lets an older journal position overwrite a newer one.
 *
 * @param zone the zone
 * @param account the account
 * @param micros the balance, µtokens
 * @param sequence the zone journal's last sequence when the balance was read
 */
public record WalletBalance(String zone, String account, long micros, long sequence) {

    /** The map key of {@code account} in {@code zone}. */
    public static String key(String zone, String account) {
        return zone + "/" + account;
    }
}

package io.teg.ledger;

/**
 * One account's tokens inside a {@link LedgerBook}, in µtokens. Mutable, confined to the matcher thread; never
 * leaves the book (snapshots copy the numbers).
 */
final class Wallet {

    final String account;
    long balance;
    long escrow;

    Wallet(String account) {
        this.account = account;
    }
}

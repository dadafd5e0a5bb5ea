package io.teg.grid;

import io.teg.ledger.JournalEntry;

/**
 * One value of map {@code teg-journal}: a zone ledger's journal entry and the identity of the order that caused it.
 * Both are written in one {@code putIfAbsent}, so an entry never reaches the journal without the order it answers: a
 * member that replays the journal after the owner died between the write and the answer knows the order was applied.
 *
 * @param entry the ledger's journal entry
 * @param orderKey {@link SignedOrder#key()} of the order whose effect the entry is (a fill, a settlement, a mint), or
 *                 "" for an entry that no single order caused (taxes, decay, evictions) or an order without a sender
 */
public record JournalRecord(JournalEntry entry, String orderKey) {

    public JournalRecord {
        if (entry == null) throw new IllegalArgumentException("entry is required");
        if (orderKey == null) orderKey = "";
    }
}

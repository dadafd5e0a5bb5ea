package io.teg.ledger;

import java.util.function.Consumer;

/**
 * The append-only record of a zone's accepted events, from which {@link LedgerBook#replay} rebuilds the zone.
 * One writer: the zone's matcher thread. Implementations say what else they allow; the in-memory one is
 * {@link InMemoryJournal}, a replicated grid one lives with the grid.
 */
public interface Journal {

    /**
     * Appends {@code entry}, whose sequence must be {@link #lastSequence()} + 1.
     *
     * @throws IllegalStateException when the sequence does not follow on
     */
    void append(JournalEntry entry);

    /** The sequence of the last entry, 0 when empty. */
    long lastSequence();

    /** Hands every entry with sequence &ge; {@code fromSequence} to {@code action}, in order. */
    void forEach(long fromSequence, Consumer<? super JournalEntry> action);
}

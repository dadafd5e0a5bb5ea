package io.teg.ledger;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Consumer;

/**
 * A journal held in a list on the heap. Not thread-safe: written by the matcher thread only; read it from another
 * thread only after the ledger is closed (or from the matcher thread).
 */
public final class InMemoryJournal implements Journal {

    private final ArrayList<JournalEntry> entries;

    /** An empty journal. */
    public InMemoryJournal() {
        entries = new ArrayList<>();
    }

    /** An empty journal with room for {@code expectedEntries} before it grows. */
    public InMemoryJournal(int expectedEntries) {
        entries = new ArrayList<>(expectedEntries);
    }

    @Override
    public void append(JournalEntry entry) {
        long expected = entries.size() + 1L;
        if (entry.sequence() != expected)
            throw new IllegalStateException("journal entry " + entry.sequence() + " does not follow " + (expected - 1));
        entries.add(entry);
    }

    @Override
    public long lastSequence() {
        return entries.size();
    }

    @Override
    public void forEach(long fromSequence, Consumer<? super JournalEntry> action) {
        for (int i = (int) Math.max(0, fromSequence - 1); i < entries.size(); i++) action.accept(entries.get(i));
    }

    /** The entries, in order, as an unmodifiable view. */
    public List<JournalEntry> entries() {
        return Collections.unmodifiableList(entries);
    }

    /** Entry count. */
    public int size() {
        return entries.size();
    }
}

package io.teg.ledger;

import java.util.AbstractList;
import java.util.ArrayList;
import java.util.List;
import java.util.RandomAccess;
import java.util.function.Consumer;

/**
 * A journal held on the heap in fixed chunks of 16,384 entries, so that appending never copies what is already
 * there (no growing array, no humongous allocation). Not thread-safe: written by the matcher thread only; read it from
 * another thread only after the ledger is closed (or from the matcher thread).
 */
public final class InMemoryJournal implements Journal {

    private static final int CHUNK_BITS = 14;
    private static final int CHUNK = 1 << CHUNK_BITS;

    private final ArrayList<JournalEntry[]> chunks = new ArrayList<>();
    private JournalEntry[] tail;
    private int tailSize = CHUNK;
    private long size;

    /** An empty journal. */
    public InMemoryJournal() {
    }

    @Override
    public void append(JournalEntry entry) {
        if (entry.sequence() != size + 1)
            throw new IllegalStateException("journal entry " + entry.sequence() + " does not follow " + size);
        if (tailSize == CHUNK) {
            tail = new JournalEntry[CHUNK];
            chunks.add(tail);
            tailSize = 0;
        }
        tail[tailSize++] = entry;
        size++;
    }

    @Override
    public long lastSequence() {
        return size;
    }

    @Override
    public void forEach(long fromSequence, Consumer<? super JournalEntry> action) {
        for (long i = Math.max(0, fromSequence - 1); i < size; i++) action.accept(get(i));
    }

    /** The entries, in order, as an unmodifiable view (at most {@link Integer#MAX_VALUE} of them). */
    public List<JournalEntry> entries() {
        return new View();
    }

    /** Entry count. */
    public int size() {
        return Math.toIntExact(size);
    }

    private JournalEntry get(long index) {
        return chunks.get((int) (index >>> CHUNK_BITS))[(int) (index & (CHUNK - 1))];
    }

    private final class View extends AbstractList<JournalEntry> implements RandomAccess {
        @Override
        public JournalEntry get(int index) {
            if (index < 0 || index >= size) throw new IndexOutOfBoundsException(index);
            return InMemoryJournal.this.get(index);
        }

        @Override
        public int size() {
            return InMemoryJournal.this.size();
        }
    }
}

package io.teg.ledger;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Open leases by id: an open-addressing hash table on primitive {@code long} keys (no boxing on the hot path), linear
 * probing, backward-shift deletion. Iteration order depends only on the sequence of puts and removes, so a replayed
 * book iterates alike. Confined to the matcher thread.
 */
final class LeaseTable {

    private long[] keys;
    private Lease[] values;
    private int size;
    private int mask;

    LeaseTable() {
        keys = new long[64];
        values = new Lease[64];
        mask = 63;
    }

    int size() {
        return size;
    }

    /** Slots to iterate over with {@link #at(int)}. */
    int capacity() {
        return keys.length;
    }

    /** The lease in slot {@code i}, or null. */
    Lease at(int i) {
        return values[i];
    }

    Lease get(long id) {
        for (int i = slot(id); ; i = (i + 1) & mask) {
            long k = keys[i];
            if (k == id) return values[i];
            if (k == 0) return null;
        }
    }

    /** Inserts or replaces the lease with {@code lease.id()}. */
    void put(Lease lease) {
        long id = lease.id();
        for (int i = slot(id); ; i = (i + 1) & mask) {
            long k = keys[i];
            if (k == id) {
                values[i] = lease;
                return;
            }
            if (k == 0) {
                keys[i] = id;
                values[i] = lease;
                if (++size * 2 > keys.length) grow();
                return;
            }
        }
    }

    /** Removes and returns the lease with {@code id}, or null. */
    Lease remove(long id) {
        int i = slot(id);
        while (true) {
            long k = keys[i];
            if (k == 0) return null;
            if (k == id) break;
            i = (i + 1) & mask;
        }
        Lease removed = values[i];
        int hole = i;
        for (int j = (i + 1) & mask; keys[j] != 0; j = (j + 1) & mask) {
            int home = slot(keys[j]);
            boolean movable = hole <= j ? (home <= hole || home > j) : (home <= hole && home > j);
            if (movable) {
                keys[hole] = keys[j];
                values[hole] = values[j];
                hole = j;
            }
        }
        keys[hole] = 0;
        values[hole] = null;
        size--;
        return removed;
    }

    /** Every lease, by ascending id. */
    List<Lease> sortedById() {
        List<Lease> all = new ArrayList<>(size);
        for (Lease l : values) if (l != null) all.add(l);
        all.sort(Comparator.comparingLong(Lease::id));
        return all;
    }

    private int slot(long id) {
        return (int) ((id * 0x9E3779B97F4A7C15L) >>> 40) & mask;
    }

    private void grow() {
        long[] oldKeys = keys;
        Lease[] oldValues = values;
        keys = new long[oldKeys.length * 2];
        values = new Lease[oldKeys.length * 2];
        mask = keys.length - 1;
        size = 0;
        for (int i = 0; i < oldKeys.length; i++) if (oldKeys[i] != 0) put(oldValues[i]);
    }
}

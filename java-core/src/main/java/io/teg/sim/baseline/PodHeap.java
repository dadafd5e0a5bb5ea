package io.teg.sim.baseline;

import java.util.Arrays;
import java.util.function.Consumer;

/**
 * A binary min-heap of entries ordered by (priority descending, timestamp ascending, sequence ascending), the order
 * of kube-scheduler's PrioritySort queue as {@link KubeScheduler} keys it. The keys are copied into primitive
 * arrays when an entry is added, so that sifting compares contiguous numbers instead of following a reference per
 * comparison; with distinct sequence numbers the order is total and {@link #poll} yields exactly the order of a
 * {@link java.util.PriorityQueue} with the same comparator.
 *
 * <p>Mutable, single-threaded. An entry's keys must not change while it is in the heap (they are not re-read).
 *
 * @param <T> the entries
 */
final class PodHeap<T> {

    private int[] priority = new int[16];
    private long[] timestamp = new long[16];
    private long[] sequence = new long[16];
    private Object[] entry = new Object[16];
    private int size;

    int size() {
        return size;
    }

    boolean isEmpty() {
        return size == 0;
    }

    /** Adds {@code e} with its keys: higher {@code prio} first, then smaller {@code ts}, then smaller {@code seq}. */
    void add(T e, int prio, long ts, long seq) {
        if (size == entry.length) {
            int n = size * 2;
            priority = Arrays.copyOf(priority, n);
            timestamp = Arrays.copyOf(timestamp, n);
            sequence = Arrays.copyOf(sequence, n);
            entry = Arrays.copyOf(entry, n);
        }
        int i = size++;
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            if (!before(prio, ts, seq, parent)) break;
            move(parent, i);
            i = parent;
        }
        set(i, e, prio, ts, seq);
    }

    /** The first entry, or null when empty. */
    @SuppressWarnings("unchecked")
    T peek() {
        return size == 0 ? null : (T) entry[0];
    }

    /** Removes and returns the first entry, or null when empty. */
    @SuppressWarnings("unchecked")
    T poll() {
        if (size == 0) return null;
        T first = (T) entry[0];
        int last = --size;
        if (last > 0) {
            int prio = priority[last];
            long ts = timestamp[last];
            long seq = sequence[last];
            Object e = entry[last];
            int i = 0;
            int half = last >>> 1;
            while (i < half) {
                int child = 2 * i + 1;
                int right = child + 1;
                if (right < last && lessAt(right, child)) child = right;
                if (!lessAt(child, prio, ts, seq)) break;
                move(child, i);
                i = child;
            }
            priority[i] = prio;
            timestamp[i] = ts;
            sequence[i] = seq;
            entry[i] = e;
        }
        entry[last] = null;
        return first;
    }

    /** Every entry, in no particular order. */
    @SuppressWarnings("unchecked")
    void forEach(Consumer<? super T> action) {
        for (int i = 0; i < size; i++) action.accept((T) entry[i]);
    }

    private boolean before(int prio, long ts, long seq, int j) {
        if (prio != priority[j]) return prio > priority[j];
        if (ts != timestamp[j]) return ts < timestamp[j];
        return seq < sequence[j];
    }

    private boolean lessAt(int a, int b) {
        return before(priority[a], timestamp[a], sequence[a], b);
    }

    private boolean lessAt(int a, int prio, long ts, long seq) {
        if (priority[a] != prio) return priority[a] > prio;
        if (timestamp[a] != ts) return timestamp[a] < ts;
        return sequence[a] < seq;
    }

    private void move(int from, int to) {
        priority[to] = priority[from];
        timestamp[to] = timestamp[from];
        sequence[to] = sequence[from];
        entry[to] = entry[from];
    }

    private void set(int i, Object e, int prio, long ts, long seq) {
        priority[i] = prio;
        timestamp[i] = ts;
        sequence[i] = seq;
        entry[i] = e;
    }
}

package io.teg.node.sensor;

import java.util.ArrayDeque;
import java.util.List;

/** Keeps the last {@code capacity} batches in memory; thread-safe. */
public final class InMemoryTelemetrySink implements TelemetrySink {

    private final int capacity;
    private final ArrayDeque<List<NodeSample>> batches = new ArrayDeque<>();
    private long published;

    public InMemoryTelemetrySink(int capacity) {
        if (capacity < 1) throw new IllegalArgumentException("capacity must be >= 1, got " + capacity);
        this.capacity = capacity;
    }

    @Override
    public synchronized void publish(List<NodeSample> batch) {
        if (batches.size() == capacity) batches.removeFirst();
        batches.addLast(List.copyOf(batch));
        published++;
    }

    /** The kept batches, oldest first. */
    public synchronized List<List<NodeSample>> batches() {
        return List.copyOf(batches);
    }

    /** Batches published since start (kept or not). */
    public synchronized long published() {
        return published;
    }
}

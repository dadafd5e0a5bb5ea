package io.teg.grid;

import java.util.Arrays;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * Gathers one sender's node samples into {@link TelemetryBatch}es: a batch closes when it holds {@code capacity}
 * samples, or at the first {@link #poll()} at least {@code flushIntervalNanos} after its first sample (call
 * {@code poll} from a timer at the flush interval, 50 ms in ARCHITECTURE §2). Closed batches go to the sink, usually
 * {@code TelemetryBus::publishAsync}. Time comes from the injected clock. Thread-safe (one lock); the column buffers
 * are reused, each batch copies them once.
 */
public final class TelemetryBatcher {

    private final String zone;
    private final long source;
    private final long flushIntervalNanos;
    private final LongSupplier nanoClock;
    private final Consumer<TelemetryBatch> sink;
    private final int[] nodes;
    private final float[] cpu;
    private final float[] gpu;
    private final float[] mem;
    private final float[] power;
    private final float[] temperature;
    private int size;
    private long openedAtNanos;
    private long sequence;

    /**
     * @param zone the zone of every node this sender reports
     * @param source the sender's id within the zone
     * @param capacity samples per batch at most, &ge; 1
     * @param flushIntervalNanos the longest a sample waits in an open batch (checked at each poll), &gt; 0
     * @param nanoClock a monotone clock, nanoseconds
     * @param sink receives each closed batch, on the thread that closed it
     */
    public TelemetryBatcher(String zone, long source, int capacity, long flushIntervalNanos, LongSupplier nanoClock,
                            Consumer<TelemetryBatch> sink) {
        if (zone == null || zone.isBlank()) throw new IllegalArgumentException("zone must not be blank");
        if (capacity < 1) throw new IllegalArgumentException("capacity must be >= 1, got " + capacity);
        if (flushIntervalNanos <= 0) throw new IllegalArgumentException("flushIntervalNanos must be > 0, got " + flushIntervalNanos);
        this.zone = zone;
        this.source = source;
        this.flushIntervalNanos = flushIntervalNanos;
        this.nanoClock = nanoClock;
        this.sink = sink;
        this.nodes = new int[capacity];
        this.cpu = new float[capacity];
        this.gpu = new float[capacity];
        this.mem = new float[capacity];
        this.power = new float[capacity];
        this.temperature = new float[capacity];
    }

    /** Adds one node sample (uses as fractions in [0, 1], power in W, temperature in °C); closes a full batch. */
    public synchronized void add(int node, float cpuUse, float gpuUse, float memUse, float powerW, float temperatureC) {
        if (size == 0) openedAtNanos = nanoClock.getAsLong();
        nodes[size] = node;
        cpu[size] = cpuUse;
        gpu[size] = gpuUse;
        mem[size] = memUse;
        power[size] = powerW;
        temperature[size] = temperatureC;
        size++;
        if (size == nodes.length) flush();
    }

    /** Closes the open batch when its first sample is at least the flush interval old. */
    public synchronized void poll() {
        if (size > 0 && nanoClock.getAsLong() - openedAtNanos >= flushIntervalNanos) flush();
    }

    /** Closes the open batch now, if it holds any sample. */
    public synchronized void flush() {
        if (size == 0) return;
        TelemetryBatch b = new TelemetryBatch(zone, source, ++sequence, nanoClock.getAsLong(), Arrays.copyOf(nodes, size),
                Arrays.copyOf(cpu, size), Arrays.copyOf(gpu, size), Arrays.copyOf(mem, size), Arrays.copyOf(power, size),
                Arrays.copyOf(temperature, size));
        size = 0;
        sink.accept(b);
    }
}

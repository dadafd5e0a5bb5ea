package io.teg.grid;

import java.util.Arrays;

/**
 * One micro-batch of node telemetry from one source (a node agent, or a rack collector), for one zone. Written to map
 * {@code teg-telemetry} under {@code ZoneKey(zone, source)}, so a zone's telemetry sits on the member that owns the
 * zone. Arrays are parallel, one element per node sample; copied on the way in and out.
 *
 * @param zone the zone of every node in the batch
 * @param source the sender's id within the zone
 * @param sequence the sender's batch counter, from 1
 * @param sampledAtNanos when the batch was closed, nanoseconds of the sender's clock
 * @param nodes node index within the zone
 * @param cpuUse CPU in use, fraction of capacity [0, 1]
 * @param gpuUse GPU in use, fraction [0, 1]
 * @param memUse memory in use, fraction [0, 1]
 * @param powerW board power, watts
 * @param temperatureC hottest sensor, °C
 */
public record TelemetryBatch(String zone, long source, long sequence, long sampledAtNanos, int[] nodes, float[] cpuUse,
                             float[] gpuUse, float[] memUse, float[] powerW, float[] temperatureC) {

    public TelemetryBatch {
        if (zone == null || zone.isBlank()) throw new IllegalArgumentException("zone must not be blank");
        if (nodes == null || cpuUse == null || gpuUse == null || memUse == null || powerW == null || temperatureC == null)
            throw new IllegalArgumentException("every telemetry column is required");
        int n = nodes.length;
        if (cpuUse.length != n || gpuUse.length != n || memUse.length != n || powerW.length != n || temperatureC.length != n)
            throw new IllegalArgumentException("telemetry columns must have the same length, nodes has " + n);
        nodes = nodes.clone();
        cpuUse = cpuUse.clone();
        gpuUse = gpuUse.clone();
        memUse = memUse.clone();
        powerW = powerW.clone();
        temperatureC = temperatureC.clone();
    }

    /** Node samples in the batch. */
    public int size() {
        return nodes.length;
    }

    /** The key the batch is stored under. */
    public ZoneKey key() {
        return new ZoneKey(zone, source);
    }

    @Override public int[] nodes() { return nodes.clone(); }
    @Override public float[] cpuUse() { return cpuUse.clone(); }
    @Override public float[] gpuUse() { return gpuUse.clone(); }
    @Override public float[] memUse() { return memUse.clone(); }
    @Override public float[] powerW() { return powerW.clone(); }
    @Override public float[] temperatureC() { return temperatureC.clone(); }

    @Override
    public boolean equals(Object o) {
        return o instanceof TelemetryBatch b && zone.equals(b.zone) && source == b.source && sequence == b.sequence
                && sampledAtNanos == b.sampledAtNanos && Arrays.equals(nodes, b.nodes) && Arrays.equals(cpuUse, b.cpuUse)
                && Arrays.equals(gpuUse, b.gpuUse) && Arrays.equals(memUse, b.memUse) && Arrays.equals(powerW, b.powerW)
                && Arrays.equals(temperatureC, b.temperatureC);
    }

    @Override
    public int hashCode() {
        return ((zone.hashCode() * 31 + Long.hashCode(source)) * 31 + Long.hashCode(sequence)) * 31 + Arrays.hashCode(nodes);
    }

    @Override
    public String toString() {
        return "TelemetryBatch[zone=" + zone + ", source=" + source + ", seq=" + sequence + ", nodes=" + nodes.length + "]";
    }
}

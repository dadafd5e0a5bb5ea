package io.teg.node.sensor;

import io.teg.node.gpu.GpuReading;

import java.time.Instant;
import java.util.List;

/**
 * One sample of a node's sensors. Sources that are absent on the node give empty lists or −1.
 *
 * @param at                    when it was taken
 * @param thermalMilliCelsius   each thermal zone's temperature, m°C, in zone order
 * @param raplEnergyMicrojoules each top-level RAPL domain's energy counter, µJ (wraps; rate = Δ/Δt)
 * @param memTotalKiB           /proc/meminfo MemTotal, KiB
 * @param memAvailableKiB       /proc/meminfo MemAvailable, KiB
 * @param psiMemorySomeAvg10    /proc/pressure/memory "some avg10": percent of the last 10 s some task stalled on memory
 * @param gpus                  one reading per GPU
 */
public record NodeSample(Instant at, List<Long> thermalMilliCelsius, List<Long> raplEnergyMicrojoules, long memTotalKiB,
                         long memAvailableKiB, double psiMemorySomeAvg10, List<GpuReading> gpus) {

    public NodeSample {
        thermalMilliCelsius = List.copyOf(thermalMilliCelsius);
        raplEnergyMicrojoules = List.copyOf(raplEnergyMicrojoules);
        gpus = List.copyOf(gpus);
    }
}

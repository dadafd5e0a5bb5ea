package io.teg.sim.metrics;

/**
 * Values sampled over a run, averaged into buckets of equal width for plotting.
 *
 * @param bucketS bucket width, seconds
 * @param timesS bucket start times, seconds since the start of the replay
 * @param utilization allocated share of the primary resource (GPU where the cluster has GPUs, else CPU), [0, 1]
 * @param itPowerW IT power, W
 * @param coolingPowerW cooling power, W
 * @param racks the racks whose series are kept (the hottest by mean inlet temperature)
 * @param rackPowerW per kept rack, its power, W
 * @param rackInletC per kept rack, its hottest inlet temperature, degrees Celsius
 */
public record TimeSeries(long bucketS, long[] timesS, double[] utilization, double[] itPowerW, double[] coolingPowerW,
                         int[] racks, double[][] rackPowerW, double[][] rackInletC) {
}

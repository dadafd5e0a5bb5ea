package io.teg.sim.metrics;

import org.HdrHistogram.Histogram;

/**
 * Percentiles of the wall time a scheduler spent per decision, in microseconds. Immutable.
 *
 * <p>Read from an HdrHistogram of nanoseconds kept to 3 significant digits: each value is the highest value
 * equivalent to the recorded ones at that resolution, so it may lie up to 0.1% above the exact order statistic.
 * Wall-clock figures: they differ between runs and machines (see docs/metrics.md).
 *
 * @param p50Us median decision latency, microseconds
 * @param p99Us 99th percentile, microseconds
 * @param maxUs largest decision latency, microseconds
 */
public record DecisionLatency(double p50Us, double p99Us, double maxUs) {

    private static final double NS_PER_US = 1_000.0;

    /** The percentiles of {@code latencyNs}, a histogram of nanoseconds; all 0 when it is empty. */
    public static DecisionLatency of(Histogram latencyNs) {
        if (latencyNs.getTotalCount() == 0) return new DecisionLatency(0, 0, 0);
        return new DecisionLatency(latencyNs.getValueAtPercentile(50.0) / NS_PER_US,
                latencyNs.getValueAtPercentile(99.0) / NS_PER_US, latencyNs.getMaxValue() / NS_PER_US);
    }
}

package io.teg.sim.metrics;

import org.HdrHistogram.Histogram;

import java.util.Arrays;

/**
 * Builds {@link RunMetrics} values for tests, with plain defaults for everything a test does not set. One builder
 * per run.
 */
public final class RunBuilder {

    private String scheduler = "slurm";
    private long seed = 1;
    private int jobs = 1000;
    private int completed = 990;
    private long makespanS = 86_400;
    private double throughputJobsPerHour = 41.25;
    private double meanWaitS = 120.5;
    private double p95WaitS = 900;
    private double meanBoundedSlowdown = 3.25;
    private double utilization = 0.8125;
    private double strandedCapacity = 0.015625;
    private long oomKills = 3;
    private long powerViolations = 2;
    private double powerViolationSeconds = 180;
    private double throttleSeconds = 600;
    private double coolingEnergyKwh = 512.5;
    private double itEnergyKwh = 2048.25;
    private long deadlockedGangs;
    private long evacuations;
    private double lostWorkS;
    private final Histogram latencyNs = new Histogram(3_600_000_000_000L, 3);
    private long nodesTouched = 0;
    private long events = 50_000;
    private long wallNs = 2_000_000_000L;
    private double[] waitsS = {0, 0, 5, 30, 60, 120, 600, 3600};
    private TimeSeries series = series(new int[] {3, 1}, 0);

    public static RunBuilder run(String scheduler, long seed) {
        RunBuilder b = new RunBuilder();
        b.scheduler = scheduler;
        b.seed = seed;
        return b;
    }

    /** A series of 12 buckets of 10 minutes starting at {@code originS}, with deterministic made-up values. */
    public static TimeSeries series(int[] racks, long originS) {
        int n = 12;
        long[] t = new long[n];
        double[] u = new double[n];
        double[] it = new double[n];
        double[] cool = new double[n];
        double[][] rp = new double[racks.length][n];
        double[][] ri = new double[racks.length][n];
        for (int i = 0; i < n; i++) {
            t[i] = originS + i * 600L;
            u[i] = Math.min(1.0, i / 10.0);
            it[i] = 50_000 + 1_000 * i;
            cool[i] = 15_000 + 300 * i;
            for (int r = 0; r < racks.length; r++) {
                rp[r][i] = 8_000 + 500 * i - 700 * r;
                ri[r][i] = 22 + 0.5 * i - r;
            }
        }
        return new TimeSeries(600, t, u, it, cool, racks, rp, ri);
    }

    public RunBuilder jobs(int v) { jobs = v; return this; }
    public RunBuilder completed(int v) { completed = v; return this; }
    public RunBuilder makespanS(long v) { makespanS = v; return this; }
    public RunBuilder throughput(double v) { throughputJobsPerHour = v; return this; }
    public RunBuilder meanWaitS(double v) { meanWaitS = v; return this; }
    public RunBuilder p95WaitS(double v) { p95WaitS = v; return this; }
    public RunBuilder boundedSlowdown(double v) { meanBoundedSlowdown = v; return this; }
    public RunBuilder utilization(double v) { utilization = v; return this; }
    public RunBuilder stranded(double v) { strandedCapacity = v; return this; }
    public RunBuilder oomKills(long v) { oomKills = v; return this; }
    public RunBuilder powerViolations(long v) { powerViolations = v; return this; }
    public RunBuilder powerViolationSeconds(double v) { powerViolationSeconds = v; return this; }
    public RunBuilder throttleSeconds(double v) { throttleSeconds = v; return this; }
    public RunBuilder coolingKwh(double v) { coolingEnergyKwh = v; return this; }
    public RunBuilder itKwh(double v) { itEnergyKwh = v; return this; }
    public RunBuilder deadlockedGangs(long v) { deadlockedGangs = v; return this; }
    public RunBuilder evacuations(long v) { evacuations = v; return this; }
    public RunBuilder lostWorkS(double v) { lostWorkS = v; return this; }
    public RunBuilder nodesTouched(long v) { nodesTouched = v; return this; }
    public RunBuilder events(long v) { events = v; return this; }
    public RunBuilder wallNs(long v) { wallNs = v; return this; }
    public RunBuilder waitsS(double... v) { waitsS = v.clone(); Arrays.sort(waitsS); return this; }
    public RunBuilder series(TimeSeries v) { series = v; return this; }

    /** Records one decision per value, nanoseconds. */
    public RunBuilder latenciesNs(long... ns) {
        for (long v : ns) latencyNs.recordValue(v);
        return this;
    }

    public RunMetrics build() {
        return new RunMetrics(scheduler, seed, jobs, completed, makespanS, throughputJobsPerHour, meanWaitS, p95WaitS,
                meanBoundedSlowdown, utilization, strandedCapacity, oomKills, powerViolations, powerViolationSeconds,
                throttleSeconds, coolingEnergyKwh, itEnergyKwh, deadlockedGangs > 0, deadlockedGangs, latencyNs.copy(),
                latencyNs.getTotalCount(), nodesTouched, events, wallNs, waitsS.clone(), series,
                evacuations, lostWorkS);
    }
}

package io.teg.sim.metrics;

import io.teg.sim.ClusterView;
import io.teg.sim.SimJob;
import io.teg.sim.physics.Plant;
import io.teg.sim.physics.PlantTotals;
import org.HdrHistogram.Histogram;

import java.util.Arrays;

/**
 * Collects one run's metrics as the simulation goes. The simulator calls it; nothing else does. Single-threaded.
 *
 * <p>Time integrals (utilisation, stranded capacity) are exact: the simulator calls {@link #advanceTo} before
 * every change of allocation, and the allocated amount is constant in between.
 */
public final class MetricsRecorder {

    /** Bounded-slowdown threshold tau: runs shorter than this count as this long, seconds. */
    public static final double SLOWDOWN_TAU_S = 10.0;
    /** Buckets per series. */
    public static final int SERIES_POINTS = 400;
    /** Racks kept for the per-rack plots. */
    public static final int RACKS_KEPT = 4;

    private final String scheduler;
    private final long seed;
    private final int jobs;
    private final boolean gpuPrimary;
    private final double capacity;
    private final int rackCount;
    private final long bucketS;
    private final Histogram latency = new Histogram(3_600_000_000_000L, 3);
    private final double[] waits;
    private final boolean[] hasStarted;
    private int started;
    private long evacuations;
    private double lostWorkS;
    private int completed;
    private double slowdownSum;
    private long oomKills;
    private long deadlockedGangs;
    private long decisions;
    private long touched;
    private long firstSubmitS = Long.MAX_VALUE;
    private long lastEndS;
    private long lastT = -1;
    private double allocIntegral;
    private double allocIntegralAtLastEnd;
    private int lastBucket = -1;
    private double strandedIntegral;
    private double strandedIntegralAtLastEnd;
    private double strandedNow;
    // series buckets
    private double[] sUtil = new double[SERIES_POINTS + 1];
    private double[] sIt = new double[SERIES_POINTS + 1];
    private double[] sCool = new double[SERIES_POINTS + 1];
    private int[] sCount = new int[SERIES_POINTS + 1];
    private float[][] rackPower;
    private float[][] rackInlet;
    private double[] rackInletSum;

    /**
     * @param horizonS expected length of the run in simulated seconds, for the series bucket width
     */
    public MetricsRecorder(String scheduler, long seed, int jobs, ClusterView cluster, int rackCount, long horizonS) {
        this.scheduler = scheduler;
        this.seed = seed;
        this.jobs = jobs;
        this.gpuPrimary = cluster.totalGpuMilli() > 0;
        this.capacity = gpuPrimary ? cluster.totalGpuMilli() : cluster.totalCpuMilli();
        this.rackCount = rackCount;
        this.bucketS = Math.max(1, (horizonS + SERIES_POINTS - 1) / SERIES_POINTS);
        this.waits = new double[jobs];
        this.hasStarted = new boolean[jobs];
        this.rackPower = new float[rackCount][SERIES_POINTS + 1];
        this.rackInlet = new float[rackCount][SERIES_POINTS + 1];
        this.rackInletSum = new double[rackCount];
    }

    private double primaryAllocated(ClusterView c) {
        return gpuPrimary ? c.allocatedGpuMilli() : c.allocatedCpuMilli();
    }

    /** Primary-resource amount of one task of {@code job}. */
    public double primaryOf(SimJob job) {
        return gpuPrimary ? job.task().gpuMilliTotal() : job.task().cpuMilli();
    }

    /** Integrates allocation up to {@code nowS}; call before any allocation changes. */
    public void advanceTo(long nowS, ClusterView cluster) {
        if (lastT >= 0 && nowS > lastT) {
            double dt = nowS - lastT;
            allocIntegral += dt * primaryAllocated(cluster) / capacity;
            strandedIntegral += dt * strandedNow / capacity;
        }
        lastT = Math.max(lastT, nowS);
    }

    public void submitted(SimJob job) {
        firstSubmitS = Math.min(firstSubmitS, job.submitS());
        if (lastT < 0) lastT = job.submitS();
    }

    /** Primary resource held by tasks of gangs that have not started changed by {@code delta}. */
    public void strandedChanged(double delta) {
        strandedNow += delta;
    }

    /** A job started; a job started again after an evacuation counts once, with its wait up to the last start. */
    public void started(SimJob job, long startS) {
        if (!hasStarted[job.index()]) started++;
        hasStarted[job.index()] = true;
        waits[job.index()] = startS - job.submitS();
    }

    /**
     * The memory airlock evacuated a running job (a requeue).
     *
     * @param lostWorkS the work it had done and lost, seconds at full speed
     */
    public void evacuated(SimJob job, double lostWorkS) {
        evacuations++;
        this.lostWorkS += Math.max(0, lostWorkS);
    }

    public void completed(SimJob job, long startS, long endS) {
        completed++;
        markEnd(endS);
        double run = endS - startS;
        double wait = startS - job.submitS();
        slowdownSum += Math.max(1.0, (wait + run) / Math.max(run, SLOWDOWN_TAU_S));
    }

    public void oomKilled(SimJob job, long endS) {
        oomKills++;
        markEnd(endS);
    }

    /** The makespan ends at the last job end, so the integrals are kept as they stood then. */
    private void markEnd(long endS) {
        if (endS >= lastEndS) {
            lastEndS = endS;
            allocIntegralAtLastEnd = allocIntegral;
            strandedIntegralAtLastEnd = strandedIntegral;
        }
    }

    public void deadlock(SimJob job) {
        deadlockedGangs++;
    }

    public void decision(long nanos, long nodeReads) {
        decisions++;
        touched += nodeReads;
        latency.recordValue(Math.max(0, Math.min(nanos, latency.getHighestTrackableValue())));
    }

    /** Samples the series at {@code nowS}. */
    public void sample(long nowS, ClusterView cluster, Plant plant) {
        long origin = firstSubmitS == Long.MAX_VALUE ? 0 : firstSubmitS;
        int b = (int) Math.min(SERIES_POINTS, Math.max(0, (nowS - origin) / bucketS));
        // buckets skipped by an idle jump saw the same constant state as this sample
        int from = lastBucket < 0 ? b : Math.min(b, lastBucket + 1);
        double util = primaryAllocated(cluster) / capacity;
        double it = plant.itPowerW();
        double cool = plant.coolingPowerW();
        for (int k = from; k <= b; k++) {
            if (k < b && sCount[k] > 0) continue;
            sUtil[k] += util;
            sIt[k] += it;
            sCool[k] += cool;
            for (int r = 0; r < rackCount; r++) {
                double t = plant.rackMaxInletC(r);
                rackPower[r][k] += (float) plant.rackPowerW(r);
                rackInlet[r][k] += (float) t;
                if (k == b) rackInletSum[r] += t;
            }
            sCount[k]++;
        }
        lastBucket = Math.max(lastBucket, b);
    }

    /** The run's metrics; call once, at the end. */
    public RunMetrics finish(PlantTotals plant, long events, long wallNs) {
        double[] w = new double[started];
        for (int i = 0, k = 0; i < waits.length; i++) if (hasStarted[i]) w[k++] = waits[i];
        Arrays.sort(w);
        long origin = firstSubmitS == Long.MAX_VALUE ? 0 : firstSubmitS;
        long makespan = Math.max(0, lastEndS - origin);
        double meanWait = w.length == 0 ? 0 : Arrays.stream(w).sum() / w.length;
        double p95 = w.length == 0 ? 0 : w[(int) Math.min(w.length - 1, Math.ceil(0.95 * w.length) - 1)];
        double util = makespan == 0 ? 0 : allocIntegralAtLastEnd / makespan;
        double stranded = makespan == 0 ? 0 : strandedIntegralAtLastEnd / makespan;
        double thr = makespan == 0 ? 0 : completed * 3600.0 / makespan;
        return new RunMetrics(scheduler, seed, jobs, completed, makespan, thr, meanWait, p95,
                completed == 0 ? 0 : slowdownSum / completed, util, stranded, oomKills, plant.powerViolations(),
                plant.powerViolationSeconds(), plant.throttleSeconds(), plant.coolingEnergyKwh(), plant.itEnergyKwh(),
                deadlockedGangs > 0, deadlockedGangs, latency, decisions, touched, events, wallNs, w, series(origin), evacuations,
                lostWorkS);
    }

    private TimeSeries series(long origin) {
        int n = 0;
        for (int i = 0; i <= SERIES_POINTS; i++) if (sCount[i] > 0) n = i + 1;
        long[] t = new long[n];
        double[] u = new double[n];
        double[] it = new double[n];
        double[] cool = new double[n];
        for (int i = 0; i < n; i++) {
            t[i] = origin + i * bucketS;
            int c = Math.max(1, sCount[i]);
            u[i] = sUtil[i] / c;
            it[i] = sIt[i] / c;
            cool[i] = sCool[i] / c;
        }
        Integer[] order = new Integer[rackCount];
        for (int r = 0; r < rackCount; r++) order[r] = r;
        Arrays.sort(order, (a, b) -> a.equals(b) ? 0
                : rackInletSum[b] != rackInletSum[a] ? Double.compare(rackInletSum[b], rackInletSum[a]) : Integer.compare(a, b));
        int k = Math.min(RACKS_KEPT, rackCount);
        int[] racks = new int[k];
        double[][] rp = new double[k][n];
        double[][] ri = new double[k][n];
        for (int j = 0; j < k; j++) {
            racks[j] = order[j];
            for (int i = 0; i < n; i++) {
                int c = Math.max(1, sCount[i]);
                rp[j][i] = rackPower[order[j]][i] / c;
                ri[j][i] = rackInlet[order[j]][i] / c;
            }
        }
        return new TimeSeries(bucketS, t, u, it, cool, racks, rp, ri);
    }
}

package io.teg.sim.metrics;

import org.HdrHistogram.Histogram;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * The runs of one scheduler, one per seed, summarised. Definitions of every metric: docs/metrics.md.
 *
 * <p>Per-run metrics become an {@link Estimate}: the mean over the R runs and the half-width of its 95% confidence
 * interval (Student t, 0 when R = 1), in the metric's unit. Decision latency and nodes touched are pooled over every
 * decision of every run instead: the latency histograms are merged before the percentiles are read, and nodes
 * touched per decision is total node reads over total decisions (not a mean of per-run means).
 *
 * <p>The runs are kept in ascending seed order whatever order they were given in, so a summary does not depend on
 * which run finished first. Immutable once built (the runs' arrays and histograms are not copied: do not change
 * them afterwards).
 */
public final class SchedulerSummary {

    private final String scheduler;
    private final List<RunMetrics> runs;
    private final Estimate jobs;
    private final Estimate completed;
    private final Estimate makespanS;
    private final Estimate throughputJobsPerHour;
    private final Estimate meanWaitS;
    private final Estimate p95WaitS;
    private final Estimate meanBoundedSlowdown;
    private final Estimate utilization;
    private final Estimate strandedCapacity;
    private final Estimate oomKills;
    private final Estimate powerViolations;
    private final Estimate powerViolationSeconds;
    private final Estimate throttleSeconds;
    private final Estimate coolingEnergyKwh;
    private final Estimate itEnergyKwh;
    private final Estimate deadlockedGangs;
    private final Estimate evacuations;
    private final Estimate lostWorkS;
    private final int deadlockRuns;
    private final long decisions;
    private final long nodesTouched;
    private final Histogram latencyNs;
    private final DecisionLatency latency;
    private final long events;
    private final long wallNs;

    private SchedulerSummary(List<RunMetrics> sorted) {
        this.runs = List.copyOf(sorted);
        this.scheduler = sorted.getFirst().scheduler();
        this.jobs = estimate(RunMetrics::jobs);
        this.completed = estimate(RunMetrics::completed);
        this.makespanS = estimate(RunMetrics::makespanS);
        this.throughputJobsPerHour = estimate(RunMetrics::throughputJobsPerHour);
        this.meanWaitS = estimate(RunMetrics::meanWaitS);
        this.p95WaitS = estimate(RunMetrics::p95WaitS);
        this.meanBoundedSlowdown = estimate(RunMetrics::meanBoundedSlowdown);
        this.utilization = estimate(RunMetrics::utilization);
        this.strandedCapacity = estimate(RunMetrics::strandedCapacity);
        this.oomKills = estimate(RunMetrics::oomKills);
        this.powerViolations = estimate(RunMetrics::powerViolations);
        this.powerViolationSeconds = estimate(RunMetrics::powerViolationSeconds);
        this.throttleSeconds = estimate(RunMetrics::throttleSeconds);
        this.coolingEnergyKwh = estimate(RunMetrics::coolingEnergyKwh);
        this.itEnergyKwh = estimate(RunMetrics::itEnergyKwh);
        this.deadlockedGangs = estimate(RunMetrics::deadlockedGangs);
        this.evacuations = estimate(RunMetrics::evacuations);
        this.lostWorkS = estimate(RunMetrics::lostWorkS);
        int dl = 0;
        long dec = 0;
        long touched = 0;
        long ev = 0;
        long wall = 0;
        Histogram merged = new Histogram(3); // auto-resizing: accepts any run's range
        for (RunMetrics r : runs) {
            if (r.deadlocked()) dl++;
            dec += r.decisions();
            touched += r.nodesTouched();
            ev += r.events();
            wall += r.wallNs();
            if (r.decisionLatencyNs() != null) merged.add(r.decisionLatencyNs());
        }
        this.deadlockRuns = dl;
        this.decisions = dec;
        this.nodesTouched = touched;
        this.events = ev;
        this.wallNs = wall;
        this.latencyNs = merged;
        this.latency = DecisionLatency.of(merged);
    }

    /**
     * Summarises the runs of one scheduler.
     *
     * @param runs one or more runs, all of the same scheduler, in any order
     * @throws IllegalArgumentException when {@code runs} is empty or mixes schedulers
     */
    public static SchedulerSummary of(List<RunMetrics> runs) {
        if (runs.isEmpty()) throw new IllegalArgumentException("a summary needs at least one run");
        String name = runs.getFirst().scheduler();
        for (RunMetrics r : runs) {
            if (!r.scheduler().equals(name))
                throw new IllegalArgumentException("runs of " + name + " and " + r.scheduler() + " mixed in one summary");
        }
        List<RunMetrics> sorted = new ArrayList<>(runs);
        sorted.sort(Comparator.comparingLong(RunMetrics::seed));
        return new SchedulerSummary(sorted);
    }

    private Estimate estimate(ToDoubleFunction<RunMetrics> metric) {
        double[] v = new double[runs.size()];
        for (int i = 0; i < v.length; i++) v[i] = metric.applyAsDouble(runs.get(i));
        return Estimate.of(v);
    }

    /** Scheduler name. */
    public String scheduler() {
        return scheduler;
    }

    /** R, the number of runs (seeds). */
    public int runs() {
        return runs.size();
    }

    /** The runs, in ascending seed order. */
    public List<RunMetrics> perRun() {
        return runs;
    }

    /** The run with the lowest seed: the one whose time series are plotted. */
    public RunMetrics firstRun() {
        return runs.getFirst();
    }

    /** Jobs in the workload, jobs. */
    public Estimate jobs() {
        return jobs;
    }

    /** Jobs run to completion, jobs. */
    public Estimate completed() {
        return completed;
    }

    /** First submission to last job end, seconds. */
    public Estimate makespanS() {
        return makespanS;
    }

    /** Completed jobs per hour of makespan, jobs/h. */
    public Estimate throughputJobsPerHour() {
        return throughputJobsPerHour;
    }

    /** Mean wait (start - submit) over started jobs, seconds. */
    public Estimate meanWaitS() {
        return meanWaitS;
    }

    /** 95th percentile (nearest rank) of the wait over started jobs, seconds. */
    public Estimate p95WaitS() {
        return p95WaitS;
    }

    /** Mean bounded slowdown over completed jobs, tau = 10 s, dimensionless (&gt;= 1 when any job completed). */
    public Estimate meanBoundedSlowdown() {
        return meanBoundedSlowdown;
    }

    /** Time-average allocated share of the primary resource over the makespan, [0, 1]. */
    public Estimate utilization() {
        return utilization;
    }

    /** Time-average share of the primary resource held by gangs not yet started, [0, 1]. */
    public Estimate strandedCapacity() {
        return strandedCapacity;
    }

    /** Jobs killed out of memory (cgroup limit or node exhaustion), jobs. */
    public Estimate oomKills() {
        return oomKills;
    }

    /** Jobs evacuated (requeued) by the memory airlock, count. */
    public Estimate evacuations() {
        return evacuations;
    }

    /** Work lost by evacuations, seconds at full speed. */
    public Estimate lostWorkS() {
        return lostWorkS;
    }

    /** PDU cap crossings (within to over), count. */
    public Estimate powerViolations() {
        return powerViolations;
    }

    /** PDU-seconds over cap, summed over PDUs, seconds. */
    public Estimate powerViolationSeconds() {
        return powerViolationSeconds;
    }

    /** Node-seconds thermally throttled, seconds. */
    public Estimate throttleSeconds() {
        return throttleSeconds;
    }

    /** Electrical energy of the cooling units, kWh. */
    public Estimate coolingEnergyKwh() {
        return coolingEnergyKwh;
    }

    /** Electrical energy of the nodes, kWh. */
    public Estimate itEnergyKwh() {
        return itEnergyKwh;
    }

    /** Gangs evicted as deadlocked per run, count. */
    public Estimate deadlockedGangs() {
        return deadlockedGangs;
    }

    /** Runs in which at least one gang deadlocked, out of {@link #runs()}. */
    public int deadlockRuns() {
        return deadlockRuns;
    }

    /** Scheduling decisions over all runs, count. */
    public long decisions() {
        return decisions;
    }

    /** Node-state reads over all decisions of all runs, count. */
    public long nodesTouched() {
        return nodesTouched;
    }

    /** Node-state reads per decision over all decisions of all runs (0 when there were none), reads/decision. */
    public double nodesTouchedPerDecision() {
        return decisions == 0 ? 0.0 : (double) nodesTouched / decisions;
    }

    /** Percentiles of decision latency over all decisions of all runs, microseconds. Wall-clock. */
    public DecisionLatency decisionLatency() {
        return latency;
    }

    /** A copy of the merged latency histogram of all runs, nanoseconds. Wall-clock. */
    public Histogram decisionLatencyNs() {
        return latencyNs.copy();
    }

    /** Simulation events over all runs, count. */
    public long events() {
        return events;
    }

    /** Wall time of all runs together, nanoseconds. Wall-clock. */
    public long wallNs() {
        return wallNs;
    }

    /** Wall time of all runs together, seconds. Wall-clock. */
    public double wallS() {
        return wallNs / 1e9;
    }

    /** Events over all runs per second of their total wall time (0 when no time was measured), events/s. */
    public double eventsPerSecond() {
        return wallNs == 0 ? 0.0 : events * 1e9 / wallNs;
    }

    @Override
    public String toString() {
        return "SchedulerSummary[" + scheduler + ", runs=" + runs.size() + "]";
    }
}

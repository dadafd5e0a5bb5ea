package io.teg.sim.metrics;

import org.HdrHistogram.Histogram;

/**
 * Everything measured in one run of one scheduler on one seed. Definitions: docs/metrics.md.
 *
 * @param scheduler scheduler name
 * @param seed the run's seed
 * @param jobs jobs in the workload
 * @param completed jobs that ran to completion
 * @param makespanS first submission to last job end, seconds
 * @param throughputJobsPerHour completed / makespan, jobs per hour
 * @param meanWaitS mean of start - submit over started jobs, seconds
 * @param p95WaitS 95th percentile of the same, seconds
 * @param meanBoundedSlowdown mean of max(1, (wait + run) / max(run, 10 s)) over completed jobs
 * @param utilization time-average allocated share of the primary resource over the makespan, [0, 1]
 * @param strandedCapacity time-average share of the primary resource held by gangs that have not started, [0, 1]
 * @param oomKills jobs killed by an out-of-memory condition (cgroup limit or node exhaustion)
 * @param powerViolations PDU cap crossings
 * @param powerViolationSeconds PDU-seconds over cap
 * @param throttleSeconds node-seconds thermally throttled
 * @param coolingEnergyKwh cooling energy, kWh
 * @param itEnergyKwh IT energy, kWh
 * @param deadlocked true when some gang held a partial allocation with no progress longer than the deadlock timeout
 * @param deadlockedGangs how many times that happened
 * @param decisionLatencyNs wall time per scheduling decision, nanoseconds
 * @param decisions number of decisions
 * @param nodesTouched node reads summed over all decisions
 * @param events simulation events processed
 * @param wallNs wall time of the whole run, nanoseconds
 * @param waitsS wait of every started job, seconds, ascending
 * @param series sampled series for plots
 * @param evacuations jobs the memory airlock evacuated (requeued), counted once per evacuation
 * @param lostWorkS work lost by those evacuations, seconds at full speed
 */
public record RunMetrics(String scheduler, long seed, int jobs, int completed, long makespanS,
                         double throughputJobsPerHour, double meanWaitS, double p95WaitS, double meanBoundedSlowdown,
                         double utilization, double strandedCapacity, long oomKills, long powerViolations,
                         double powerViolationSeconds, double throttleSeconds, double coolingEnergyKwh,
                         double itEnergyKwh, boolean deadlocked, long deadlockedGangs, Histogram decisionLatencyNs,
                         long decisions, long nodesTouched, long events, long wallNs, double[] waitsS,
                         TimeSeries series, long evacuations, double lostWorkS) {

    /** Mean node reads per decision. */
    public double nodesTouchedPerDecision() {
        return decisions == 0 ? 0.0 : (double) nodesTouched / decisions;
    }

    /** Simulation events per second of wall time. */
    public double eventsPerSecond() {
        return wallNs == 0 ? 0.0 : events * 1e9 / wallNs;
    }
}

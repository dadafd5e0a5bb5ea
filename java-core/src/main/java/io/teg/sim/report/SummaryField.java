package io.teg.sim.report;

import io.teg.sim.metrics.Estimate;
import io.teg.sim.metrics.SchedulerSummary;

import java.util.function.Function;

/**
 * The per-run metrics that are reported as a mean with a confidence half-width, with their stable key (JSON, CSV)
 * and their terminal label. Declaration order is report order. Keys are read by other tools: never rename one.
 */
enum SummaryField {
    JOBS("jobs", "jobs", 1, false, SchedulerSummary::jobs),
    COMPLETED("completed", "completed (jobs)", 1, false, SchedulerSummary::completed),
    MAKESPAN("makespan_s", "makespan (s)", 1, false, SchedulerSummary::makespanS),
    THROUGHPUT("throughput_jobs_per_hour", "throughput (jobs/h)", 1, false, SchedulerSummary::throughputJobsPerHour),
    MEAN_WAIT("mean_wait_s", "mean wait (s)", 1, false, SchedulerSummary::meanWaitS),
    P95_WAIT("p95_wait_s", "p95 wait (s)", 1, false, SchedulerSummary::p95WaitS),
    BOUNDED_SLOWDOWN("mean_bounded_slowdown", "mean bounded slowdown (tau 10 s)", 1, false,
            SchedulerSummary::meanBoundedSlowdown),
    UTILIZATION("utilization", "utilization (%)", 100, false, SchedulerSummary::utilization),
    OOM_KILLS("oom_kills", "OOM kills (jobs)", 1, false, SchedulerSummary::oomKills),
    POWER_VIOLATIONS("power_violations", "power cap violations (count)", 1, false,
            SchedulerSummary::powerViolations),
    POWER_VIOLATION_SECONDS("power_violation_seconds", "time over power cap (PDU-s)", 1, false,
            SchedulerSummary::powerViolationSeconds),
    THROTTLE_SECONDS("throttle_seconds", "thermal throttling (node-s)", 1, false, SchedulerSummary::throttleSeconds),
    COOLING_ENERGY("cooling_energy_kwh", "cooling energy (kWh)", 1, false, SchedulerSummary::coolingEnergyKwh),
    STRANDED_CAPACITY("stranded_capacity", "stranded capacity (%)", 100, true, SchedulerSummary::strandedCapacity),
    IT_ENERGY("it_energy_kwh", "IT energy (kWh)", 1, true, SchedulerSummary::itEnergyKwh),
    DEADLOCKED_GANGS("deadlocked_gangs", "deadlocked gangs (count)", 1, true, SchedulerSummary::deadlockedGangs),
    EVACUATIONS("evacuations", "evacuations (jobs requeued)", 1, true, SchedulerSummary::evacuations),
    LOST_WORK("lost_work_s", "work lost to evacuations (s)", 1, true, SchedulerSummary::lostWorkS);

    /** Stable key in results.json, results.csv and the ci95 object. */
    final String key;
    /** Terminal label, with the unit in parentheses. */
    final String label;
    /** Factor from the stored unit to the terminal unit (100 for shares shown in percent). */
    final double tableScale;
    /** True for keys written after the required ones. */
    final boolean extra;
    private final Function<SchedulerSummary, Estimate> value;

    SummaryField(String key, String label, double tableScale, boolean extra, Function<SchedulerSummary, Estimate> value) {
        this.key = key;
        this.label = label;
        this.tableScale = tableScale;
        this.extra = extra;
        this.value = value;
    }

    Estimate of(SchedulerSummary summary) {
        return value.apply(summary);
    }
}

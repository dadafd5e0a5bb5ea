package io.teg.sim.experiment;

import io.teg.sim.metrics.RunMetrics;

import java.util.List;
import java.util.Map;

/**
 * What an {@link Experiment} produced.
 *
 * @param experiment what was run
 * @param traceSummary one line about the trace as read (jobs, malformed and skipped lines)
 * @param nodes nodes in the simulated cluster
 * @param jobs jobs replayed per run
 * @param offeredLoad the offered load of the replayed workload (after any --load), dimensionless
 * @param runs per scheduler, in {@link Experiment#schedulers()} order, its runs in seed order
 * @param wallNs wall time of the whole experiment, nanoseconds
 */
public record ExperimentResult(Experiment experiment, String traceSummary, int nodes, int jobs, double offeredLoad,
                               Map<String, List<RunMetrics>> runs, long wallNs) {
}

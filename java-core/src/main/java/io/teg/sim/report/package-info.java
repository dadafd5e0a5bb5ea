/**
 * What {@code teg sim} shows and writes once its runs are done. Definitions of every metric: docs/metrics.md.
 *
 * <pre>
 *  Simulation.run() --RunMetrics, one per (scheduler, seed)--+
 *        ^                                                    |  SchedulerSummary.of(runs of one scheduler)
 *        | onProgress(progress.run())                         v
 *  ProgressDisplay (stderr)                   SchedulerSummary, one per scheduler, in the order given
 *                                                             |
 *          +-------------------+------------------------------+----------------+
 *          v                   v                              v                v
 *     TerminalTable        ResultsJson                    ResultsCsv          Plots
 *     (stdout, wall        results.json (byte-stable)     results.csv         wait_cdf.png, utilization.png,
 *      clock included)     timing.json  (wall clock)      (byte-stable)       rack_power.png, rack_inlet.png
 * </pre>
 *
 * <p>Byte-stable means: the same arguments give the same bytes. Wall-clock figures (decision latency, wall time,
 * events/s) are kept out of the byte-stable files unless asked for.
 */
package io.teg.sim.report;

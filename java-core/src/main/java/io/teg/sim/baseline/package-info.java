/**
 * The baseline schedulers TEG is compared with, behind the simulator's {@link io.teg.sim.Scheduler} interface.
 *
 * <pre>
 *   Baselines.create(name)
 *     |-- "slurm"   SlurmScheduler    priority FIFO, EASY backfill, cons_tres best fit; gangs all or nothing
 *     |-- "k8s"     KubeScheduler     pod by pod: Filter (rotating, percentageOfNodesToScore) and Score
 *     |                               (LeastAllocated + BalancedAllocation); gangs with no co-scheduling
 *     '-- "sparrow" SparrowScheduler  batch sampling (d = 2), late binding; tasks launch independently
 *
 *   shared, package-private:
 *     NodeLedger     a scheduler's own record of free CPU / memory / GPU per node (never a node touch)
 *     BestFitIndex   nodes ordered by ledger free space, per GPU model   (slurm)
 *     FreeSpaceTree  segment tree of ledger maxima over node indices     (k8s)
 *     NodeClasses    nodes grouped by capacity: "could this ever run"   (all)
 *     TaskFit        how many tasks fit on a node, the simulator's own rule
 * </pre>
 *
 * <p>Every placement attempt runs inside {@link io.teg.sim.SchedulerContext#decide}, and every node state a decision
 * depends on is read through {@link io.teg.sim.ClusterView}, so decision latency and nodes touched are measured the
 * same way for every scheduler. The indexes only order or prune the nodes to examine; they change no decision.
 */
package io.teg.sim.baseline;

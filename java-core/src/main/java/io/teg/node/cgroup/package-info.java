/**
 * Linux control groups for the node agent: {@link io.teg.node.cgroup.CgroupController} with v1 and v2 hierarchies
 * chosen per controller ({@link io.teg.node.cgroup.HybridCgroups}), and where job cgroups live
 * ({@link io.teg.node.cgroup.JobCgroups}: Slurm's {@code slurm/uid_X/job_Y} or the agent's own {@code teg/job_Y}).
 *
 * <pre>
 *   /proc/self/mounts ──► CgroupMounts ──► HybridCgroups
 *                                           ├─ memory : V2Memory (memory.max/high/current/events)
 *                                           │           or V1Memory (limit_in_bytes/soft_limit/usage/failcnt/oom_control)
 *                                           └─ freezer: v2 cgroup.freeze, or v1 freezer.state
 * </pre>
 */
package io.teg.node.cgroup;

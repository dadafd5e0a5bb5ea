package io.teg.node.cgroup;

/**
 * One reading of a cgroup's memory controller.
 *
 * @param usageBytes  charged memory now (v1 {@code memory.usage_in_bytes}, v2 {@code memory.current}), bytes
 * @param limitBytes  the hard limit (v1 {@code memory.limit_in_bytes}, v2 {@code memory.max}); {@link Long#MAX_VALUE}
 *                    when unlimited
 * @param highBytes   the reclaim/throttle threshold (v1 {@code memory.soft_limit_in_bytes}, v2 {@code memory.high});
 *                    {@link Long#MAX_VALUE} when unset
 * @param failcnt     times the job was refused memory: v1 {@code memory.failcnt} (hard limit hits), v2
 *                    {@code memory.events} "max" + "high" (limit hits and throttling at memory.high)
 * @param oomKills    processes the OOM killer killed in this cgroup (v1 {@code memory.oom_control} "oom_kill",
 *                    v2 {@code memory.events} "oom_kill")
 * @param underOom    v1 {@code memory.oom_control} "under_oom" (always false on v2)
 */
public record MemoryReading(long usageBytes, long limitBytes, long highBytes, long failcnt, long oomKills,
                            boolean underOom) {
}

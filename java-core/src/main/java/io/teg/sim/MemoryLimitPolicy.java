package io.teg.sim;

/**
 * How a platform turns a task's memory request into the limit that its cgroup enforces. A task whose use passes
 * its limit is OOM-killed by its cgroup; when the tasks on a node together pass the node's memory, the kernel's
 * OOM killer kills the task using the most.
 */
public enum MemoryLimitPolicy {
    /** Slurm with {@code ConstrainRAMSpace=yes}: every job's limit equals its request. */
    LIMIT_EQUALS_REQUEST,
    /**
     * Kubernetes: Guaranteed pods get limit = request, Burstable pods limit = {@code burstableLimitFactor} x
     * request, BestEffort pods no limit below the node.
     */
    BY_QOS,
    /**
     * TEG's glassy state: no task is killed by its own cgroup (memory.max is the node); each task starts with
     * memory.high = its request, and the node's {@link io.teg.node.airlock.Airlock} (the node agent's own policy)
     * moves memory.high, freezes, evacuates and thaws. A task held below what it asks for is reclaimed and runs
     * slower ({@link #reclaimSpeed}); the kernel's OOM killer still kills when the node itself is exhausted.
     */
    GLASSY;

    /**
     * Exponent k of the reclaim slowdown: a task that asks for {@code d} MiB but may hold only {@code h < d}
     * (memory.high) runs at speed {@code (h / d)^k}. An assumption (docs/model.md, "Memory pressure"): each
     * reclaimed page faults back in, so the slowdown is steeper than the resident share.
     */
    public static final double RECLAIM_SLOWDOWN_EXPONENT = 2.0;

    /**
     * The speed of a task that asks for {@code demandMiB} and holds {@code residentMiB} (kernel physics, the same
     * for any platform that sets memory.high): 1 when it holds all it asks for, else
     * {@code (resident / demand)^}{@link #RECLAIM_SLOWDOWN_EXPONENT}.
     */
    public static double reclaimSpeed(long residentMiB, long demandMiB) {
        if (demandMiB <= 0 || residentMiB >= demandMiB) return 1.0;
        return Math.pow((double) Math.max(0, residentMiB) / demandMiB, RECLAIM_SLOWDOWN_EXPONENT);
    }

    /** Burstable pods' limit as a multiple of their request (an assumption, see docs/model.md). */
    public static final double BURSTABLE_LIMIT_FACTOR = 2.0;

    /** The cgroup limit in MiB for a task of {@code job} whose node has {@code nodeMemMiB}. */
    public long limitMiB(SimJob job, long nodeMemMiB) {
        long request = job.task().memMiB();
        return switch (this) {
            case LIMIT_EQUALS_REQUEST -> request;
            case GLASSY -> nodeMemMiB;
            case BY_QOS -> switch (job.qos()) {
                case GUARANTEED -> request;
                case BURSTABLE -> Math.min(nodeMemMiB, (long) Math.ceil(request * BURSTABLE_LIMIT_FACTOR));
                case BEST_EFFORT -> nodeMemMiB;
            };
        };
    }
}

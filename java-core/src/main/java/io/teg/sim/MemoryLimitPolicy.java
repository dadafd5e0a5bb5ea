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
    BY_QOS;

    /** Burstable pods' limit as a multiple of their request (an assumption, see docs/model.md). */
    public static final double BURSTABLE_LIMIT_FACTOR = 2.0;

    /** The cgroup limit in MiB for a task of {@code job} whose node has {@code nodeMemMiB}. */
    public long limitMiB(SimJob job, long nodeMemMiB) {
        long request = job.task().memMiB();
        return switch (this) {
            case LIMIT_EQUALS_REQUEST -> request;
            case BY_QOS -> switch (job.qos()) {
                case GUARANTEED -> request;
                case BURSTABLE -> Math.min(nodeMemMiB, (long) Math.ceil(request * BURSTABLE_LIMIT_FACTOR));
                case BEST_EFFORT -> nodeMemMiB;
            };
        };
    }
}

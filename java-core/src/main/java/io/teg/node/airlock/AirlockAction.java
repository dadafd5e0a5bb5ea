package io.teg.node.airlock;

/**
 * What the airlock asks the driver to do, in order. Each action is idempotent for the driver.
 */
public sealed interface AirlockAction {

    /** The job the action applies to. */
    long jobId();

    /** Set the job's memory.high to {@code highMiB}: above it the kernel reclaims and throttles, never kills. */
    record SetMemoryHigh(long jobId, long highMiB) implements AirlockAction {}

    /** Remove the job's memory.high (set it to "max"). */
    record ClearMemoryHigh(long jobId) implements AirlockAction {}

    /**
     * Freeze the job (cgroup.freeze = 1: it makes no progress); with {@code pushToSwap}, then reclaim its pages to
     * compressed swap (v2 memory.reclaim; v1 a stepped-down memory.limit_in_bytes). Only a weaker job's freeze asks
     * for the push; the stronger is frozen only until the weaker has left, and keeps its pages.
     */
    record Freeze(long jobId, boolean pushToSwap) implements AirlockAction {}

    /**
     * Evacuate the job: it may use up to {@code reserveMiB} of the node's reserve on top of its usage while it
     * leaves in the given mode.
     */
    record Evacuate(long jobId, EvacuationMode mode, long reserveMiB) implements AirlockAction {}

    /** Thaw the job (cgroup.freeze = 0). */
    record Thaw(long jobId) implements AirlockAction {}
}

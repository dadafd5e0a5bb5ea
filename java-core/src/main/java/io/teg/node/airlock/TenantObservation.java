package io.teg.node.airlock;

import java.util.Comparator;

/**
 * What the driver saw of one job's tasks on the node at one instant.
 *
 * @param jobId the job's id
 * @param requestMiB the memory the job was sold (its guarantee), &ge; 0
 * @param usageMiB resident memory now (pages pushed to swap do not count), &ge; 0
 * @param highMiB the memory.high in effect, or {@link #NO_HIGH} when none is set
 * @param growing true when the job asked for more memory since the last observation (usage rose, or the
 *        kernel throttled it at memory.high: the memory.events {@code high} counter rose)
 * @param frozen true when the job's cgroup is frozen
 * @param strength what the job pays for memory, in tokens per MiB per second (the ledger's clearing price);
 *        the lower pays less and is the weaker; ties go against the larger job id (the younger job)
 */
public record TenantObservation(long jobId, long requestMiB, long usageMiB, long highMiB, boolean growing,
                                boolean frozen, double strength) {

    /** The value of {@link #highMiB} when no memory.high is set. */
    public static final long NO_HIGH = Long.MAX_VALUE;

    /** Weakest first: lower strength, then larger job id. */
    public static final Comparator<TenantObservation> WEAKEST_FIRST = Comparator
            .comparingDouble(TenantObservation::strength)
            .thenComparing(Comparator.comparingLong(TenantObservation::jobId).reversed());

    public TenantObservation {
        if (requestMiB < 0) throw new IllegalArgumentException("job " + jobId + ": requestMiB must be >= 0, got " + requestMiB);
        if (usageMiB < 0) throw new IllegalArgumentException("job " + jobId + ": usageMiB must be >= 0, got " + usageMiB);
        if (highMiB < 0) throw new IllegalArgumentException("job " + jobId + ": highMiB must be >= 0, got " + highMiB);
        if (!Double.isFinite(strength) || strength < 0)
            throw new IllegalArgumentException("job " + jobId + ": strength must be finite and >= 0, got " + strength);
    }

    /** True when the job runs, asks for more and already sits at its memory.high: the kernel is throttling it. */
    public boolean pressing() {
        return !frozen && growing && highMiB != NO_HIGH && usageMiB >= highMiB;
    }

    /** This observation with another frozen flag (what the driver sees after a freeze or thaw). */
    public TenantObservation withFrozen(boolean f) {
        return new TenantObservation(jobId, requestMiB, usageMiB, highMiB, growing, f, strength);
    }

    /** This observation with another memory.high. */
    public TenantObservation withHigh(long h) {
        return new TenantObservation(jobId, requestMiB, usageMiB, h, growing, frozen, strength);
    }
}

package io.teg.bridge;

/**
 * What slurmctld asks in one {@code job_test} ({@code teg_job_request_t} without the node arrays).
 *
 * @param jobId Slurm job id
 * @param userId the job's uid; its account in the ledger is {@code uid-<userId>}
 * @param minNodes least node count
 * @param maxNodes most node count, 0 = no limit
 * @param reqNodes desired node count
 * @param minCpus CPUs in the whole job
 * @param memPerNodeMiB memory per node, MiB, 0 when Slurm gives it per CPU or not at all
 * @param timeLimitMin time limit, minutes; {@link #NO_LIMIT} or above means none
 * @param priority Slurm's priority
 * @param wholeNodes the job takes whole nodes ({@code --exclusive}); TEG names a contiguous block
 * @param bidMicroTokens {@code --teg-bid} in micro-tokens, 0 when not given
 * @param sla {@code --teg-sla}
 * @param jobClass {@code --teg-class}, "" when not given: the cost centre whose ledger account pays the job's
 *                 leases ({@code class-<jobClass>} instead of {@code uid-<userId>})
 * @param memPerCpuMiB memory per allocated CPU, MiB ({@code --mem-per-cpu} or {@code DefMemPerCPU}), 0 when Slurm
 *                     gives it per node or not at all
 * @param gpusPerNode GPUs the job asks on each of its nodes ({@code --gres=gpu:N}, {@code --gpus-per-node}), 0 for
 *                    none
 */
public record JobQuestion(long jobId, long userId, int minNodes, int maxNodes, int reqNodes, int minCpus,
                          long memPerNodeMiB, long timeLimitMin, long priority, boolean wholeNodes,
                          long bidMicroTokens, Sla sla, String jobClass, long memPerCpuMiB, int gpusPerNode) {

    /** A question without GPUs. */
    public JobQuestion(long jobId, long userId, int minNodes, int maxNodes, int reqNodes, int minCpus,
                       long memPerNodeMiB, long timeLimitMin, long priority, boolean wholeNodes,
                       long bidMicroTokens, Sla sla, String jobClass, long memPerCpuMiB) {
        this(jobId, userId, minNodes, maxNodes, reqNodes, minCpus, memPerNodeMiB, timeLimitMin, priority, wholeNodes,
                bidMicroTokens, sla, jobClass, memPerCpuMiB, 0);
    }

    /** Longest {@code --teg-class}, characters (spank_teg.c refuses longer ones). */
    public static final int CLASS_MAX = 64;

    public JobQuestion {
        if (bidMicroTokens < 0) throw new IllegalArgumentException("job " + jobId + ": bid must be >= 0, got "
                + bidMicroTokens);
        if (sla == null) throw new IllegalArgumentException("job " + jobId + ": sla is required (Sla.NONE when not given)");
        if (memPerCpuMiB < 0 || memPerNodeMiB < 0)
            throw new IllegalArgumentException("job " + jobId + ": memory must be >= 0 MiB, got " + memPerNodeMiB
                    + " per node and " + memPerCpuMiB + " per CPU");
        if (gpusPerNode < 0) throw new IllegalArgumentException("job " + jobId + ": GPUs per node must be >= 0, got "
                + gpusPerNode);
        if (jobClass == null) throw new IllegalArgumentException("job " + jobId + ": class is required (\"\" when not given)");
        if (jobClass.length() > CLASS_MAX || !jobClass.chars().allMatch(JobQuestion::classChar))
            throw new IllegalArgumentException("job " + jobId + ": --teg-class=" + jobClass + " must be at most "
                    + CLASS_MAX + " letters, digits, '_', '.' or '-'");
    }

    /** A question without {@code --teg-class}. */
    public JobQuestion(long jobId, long userId, int minNodes, int maxNodes, int reqNodes, int minCpus,
                       long memPerNodeMiB, long timeLimitMin, long priority, boolean wholeNodes,
                       long bidMicroTokens, Sla sla) {
        this(jobId, userId, minNodes, maxNodes, reqNodes, minCpus, memPerNodeMiB, timeLimitMin, priority, wholeNodes,
                bidMicroTokens, sla, "", 0);
    }

    /** The memory one node must have free for {@code cpus} of this job's CPUs, MiB. */
    public long memMiBFor(int cpus) {
        return Math.max(memPerNodeMiB, memPerCpuMiB * cpus);
    }

    private static boolean classChar(int c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '.'
                || c == '-';
    }

    /** The ledger account that pays for this job: {@code class-<jobClass>}, or {@code uid-<userId>} without one. */
    public String account() {
        return jobClass.isEmpty() ? "uid-" + userId : "class-" + jobClass;
    }

    /** A question without SPANK values. */
    public JobQuestion(long jobId, long userId, int minNodes, int maxNodes, int reqNodes, int minCpus,
                       long memPerNodeMiB, long timeLimitMin, long priority, boolean wholeNodes) {
        this(jobId, userId, minNodes, maxNodes, reqNodes, minCpus, memPerNodeMiB, timeLimitMin, priority, wholeNodes,
                0, Sla.NONE);
    }

    /** Slurm's NO_VAL (0xfffffffe); INFINITE is 0xffffffff. */
    public static final long NO_LIMIT = 0xfffffffeL;

    /** Time limit used when the job has none: one day, seconds. */
    public static final long UNLIMITED_AS_S = 86_400L;

    /** The node count TEG should name: the desired count within [minNodes, maxNodes], at least 1. */
    public int nodesWanted() {
        int want = Math.max(Math.max(1, minNodes), reqNodes);
        return maxNodes > 0 ? Math.min(want, Math.max(maxNodes, minNodes)) : want;
    }

    /** Whether Slurm may give the job more nodes than {@link #nodesWanted()} (no {@code -N} upper bound). */
    public boolean nodeCountFlexible() {
        return maxNodes == 0 || maxNodes > nodesWanted();
    }

    /** The time limit in seconds, {@link #UNLIMITED_AS_S} when there is none. */
    public long timeLimitS() {
        return timeLimitMin == 0 || timeLimitMin >= NO_LIMIT ? UNLIMITED_AS_S : timeLimitMin * 60L;
    }
}

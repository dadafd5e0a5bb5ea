package io.teg.model;

/**
 * What one task of a job needs on a single node. A job is {@code tasks} identical tasks.
 *
 * @param cpuMilli CPU demand in thousandths of a core (1000 = one core); &gt; 0
 * @param memMiB memory request in MiB; this is also the cgroup limit where the platform sets limit = request
 * @param gpus whole GPUs (0..64); with {@code gpus == 1} and {@code gpuMilli < 1000} the task shares one GPU
 * @param gpuMilli per-GPU share in thousandths (1..1000) when {@code gpus > 0}, 0 otherwise
 * @param gpuModelMask bit {@code i} set allows GPU model id {@code i} (see {@link NodeSpec#gpuModelId()});
 *        0 means any model
 */
public record TaskShape(int cpuMilli, long memMiB, int gpus, int gpuMilli, long gpuModelMask) {

    public TaskShape {
        if (cpuMilli < 0) throw new IllegalArgumentException("cpuMilli must be >= 0, got " + cpuMilli);
        if (memMiB < 0) throw new IllegalArgumentException("memMiB must be >= 0, got " + memMiB);
        if (gpus < 0 || gpus > 64) throw new IllegalArgumentException("gpus must be in 0..64, got " + gpus);
        if (gpus == 0 && gpuMilli != 0) throw new IllegalArgumentException("gpuMilli must be 0 without GPUs, got " + gpuMilli);
        if (gpus > 0 && (gpuMilli < 1 || gpuMilli > 1000))
            throw new IllegalArgumentException("gpuMilli must be in 1..1000 with GPUs, got " + gpuMilli);
        if (gpus > 1 && gpuMilli != 1000)
            throw new IllegalArgumentException("a share below one GPU needs gpus == 1, got gpus=" + gpus + " gpuMilli=" + gpuMilli);
    }

    /** A CPU-only task. */
    public static TaskShape cpu(int cpuMilli, long memMiB) {
        return new TaskShape(cpuMilli, memMiB, 0, 0, 0L);
    }

    /** True when this task takes a share of a single GPU rather than whole GPUs. */
    public boolean sharesGpu() {
        return gpus == 1 && gpuMilli < 1000;
    }

    /** GPU demand in thousandths of a GPU: {@code gpus * gpuMilli}. */
    public long gpuMilliTotal() {
        return (long) gpus * gpuMilli;
    }
}

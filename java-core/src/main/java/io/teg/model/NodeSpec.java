package io.teg.model;

/**
 * The fixed capacity of one compute node.
 *
 * @param name host name, unique in a cluster
 * @param cpuMilli CPU capacity in thousandths of a core
 * @param memMiB memory in MiB
 * @param gpus number of GPUs (0..64)
 * @param gpuModel the GPU model name ("" for none), e.g. {@code V100M32}
 * @param gpuModelId a small dense id for {@code gpuModel} within its cluster (0..63), used by
 *        {@link TaskShape#gpuModelMask()}; -1 when the node has no GPU
 */
public record NodeSpec(String name, int cpuMilli, long memMiB, int gpus, String gpuModel, int gpuModelId) {

    public NodeSpec {
        if (name == null || name.isBlank()) throw new IllegalArgumentException("node name must not be blank");
        if (cpuMilli <= 0) throw new IllegalArgumentException(name + ": cpuMilli must be > 0, got " + cpuMilli);
        if (memMiB <= 0) throw new IllegalArgumentException(name + ": memMiB must be > 0, got " + memMiB);
        if (gpus < 0 || gpus > 64) throw new IllegalArgumentException(name + ": gpus must be in 0..64, got " + gpus);
        if (gpuModel == null) gpuModel = "";
        if (gpus > 0 && (gpuModelId < 0 || gpuModelId > 63))
            throw new IllegalArgumentException(name + ": gpuModelId must be in 0..63 for a GPU node, got " + gpuModelId);
    }

    /** A CPU-only node. */
    public static NodeSpec cpuOnly(String name, int cpuMilli, long memMiB) {
        return new NodeSpec(name, cpuMilli, memMiB, 0, "", -1);
    }

    /** True when a task of {@code shape} could run on this node when it is empty. */
    public boolean canEverHold(TaskShape shape) {
        if (shape.cpuMilli() > cpuMilli || shape.memMiB() > memMiB || shape.gpus() > gpus) return false;
        if (shape.gpus() > 0 && shape.gpuModelMask() != 0 && (shape.gpuModelMask() & (1L << gpuModelId)) == 0) return false;
        return true;
    }
}

package io.teg.bridge;

/**
 * One node as slurmctld configured it ({@code teg_node_t}).
 *
 * @param index the node's index in slurmctld's node table, which is its bit in Slurm's node bitmaps
 * @param name the node name
 * @param cpus configured CPUs
 * @param memMiB configured memory, MiB
 * @param gpus configured GPUs ({@code Gres=gpu:N}), 0 for none
 */
public record SlurmNode(int index, String name, int cpus, long memMiB, int gpus) {
    public SlurmNode {
        if (index < 0) throw new IllegalArgumentException("node index must be >= 0, got " + index);
        if (name == null || name.isBlank()) throw new IllegalArgumentException("node " + index + " has no name");
        if (cpus < 1) throw new IllegalArgumentException(name + ": cpus must be >= 1, got " + cpus);
        if (memMiB < 1) throw new IllegalArgumentException(name + ": memory must be >= 1 MiB, got " + memMiB);
        if (gpus < 0 || gpus > 64) throw new IllegalArgumentException(name + ": GPUs must be in 0..64, got " + gpus);
    }

    /** A node without GPUs. */
    public SlurmNode(int index, String name, int cpus, long memMiB) {
        this(index, name, cpus, memMiB, 0);
    }
}

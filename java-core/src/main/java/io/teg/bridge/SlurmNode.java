package io.teg.bridge;

/**
 * One node as slurmctld configured it ({@code teg_node_t}).
 *
 * @param index the node's index in slurmctld's node table, which is its bit in Slurm's node bitmaps
 * @param name the node name
 * @param cpus configured CPUs
 * @param memMiB configured memory, MiB
 */
public record SlurmNode(int index, String name, int cpus, long memMiB) {
    public SlurmNode {
        if (index < 0) throw new IllegalArgumentException("node index must be >= 0, got " + index);
        if (name == null || name.isBlank()) throw new IllegalArgumentException("node " + index + " has no name");
        if (cpus < 1) throw new IllegalArgumentException(name + ": cpus must be >= 1, got " + cpus);
        if (memMiB < 1) throw new IllegalArgumentException(name + ": memory must be >= 1 MiB, got " + memMiB);
    }
}

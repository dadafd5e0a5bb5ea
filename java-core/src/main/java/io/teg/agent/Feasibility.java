package io.teg.agent;

import io.teg.model.TaskShape;

/**
 * What an agent may ask about the free resources of nodes now. The fixed capacities (the topology's
 * {@link io.teg.model.NodeSpec}s) are static and read once per topology by {@link PlacementEngine}; this seam
 * answers only about what is free at this instant. Every call on a node counts as one node touched for the
 * decision in progress.
 *
 * <p>In the simulator it is backed by the cluster's allocation state; in production by the zone ledgers' view of
 * the leases. {@link FreeResources} is a self-contained implementation.
 */
public interface Feasibility {

    /** Number of nodes the answers are about; node ids are 0..nodeCount()−1, as in the topology. */
    int nodeCount();

    /** True when one task of {@code task} fits in the free resources of {@code node} now. */
    boolean canHost(int node, TaskShape task);

    /**
     * How many tasks of {@code task} fit on {@code node} now, all together, counting at most {@code atMost}
     * (0 when none fits). Used to pack several tasks of a gang on one node.
     */
    int hostable(int node, TaskShape task, int atMost);

    /**
     * A necessary condition from aggregates, touching no node: false when the free resources of all nodes together
     * (CPU, memory, GPU share) cannot hold {@code tasks} tasks of {@code task} now, so that no search can succeed.
     * True when it may; the default knows no aggregates and always says true.
     */
    default boolean mayHold(TaskShape task, int tasks) {
        return true;
    }

    /**
     * A zone drawn with probability proportional to its free capacity, for the free-capacity variant of the
     * maximum-entropy start ({@link StartMode#FREE_CAPACITY_ZONES}).
     *
     * @param u a uniform variate in [0, 1)
     * @return the zone index, or −1 when nothing is free anywhere
     */
    int sampleZone(double u);
}

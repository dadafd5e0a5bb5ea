package io.teg.sim.physics;

/**
 * The physical machine room a simulation runs in: node power, temperatures, cooling and power distribution.
 * Driven by the simulator: tasks start and end, and time advances in steps.
 *
 * <p>Contract: between two calls of {@link #advance} the set of running tasks is taken as constant over the
 * whole step (heat from tasks that started during a step counts from the next step). {@link #advance} accepts
 * any step length and integrates the thermal model exactly for constant power, so an idle stretch can be
 * crossed in one call.
 */
public interface Plant {

    /** A task of {@code shape} of a job with {@code profile} now runs on {@code node}. */
    void taskStarted(int node, io.teg.model.TaskShape shape, JobProfile profile);

    /** That task stopped. */
    void taskEnded(int node, io.teg.model.TaskShape shape, JobProfile profile);

    /**
     * Advances the room by {@code dtS} seconds, ending at {@code nowS}.
     *
     * @return the nodes whose {@link #speed} changed in this step (empty array when none)
     */
    int[] advance(long nowS, long dtS);

    /** Speed factor of the node in (0, 1]: 1 at full speed, lower while thermally throttled. */
    double speed(int node);

    /** Electrical power drawn by IT equipment right now, W. */
    double itPowerW();

    /** Electrical power drawn by cooling right now, W. */
    double coolingPowerW();

    /** Power drawn by a rack right now, W. */
    double rackPowerW(int rack);

    /** The hottest inlet temperature in a rack right now, degrees Celsius. */
    double rackMaxInletC(int rack);

    /** Accumulated totals since the start. */
    PlantTotals totals();
}

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

    // ---- power telemetry and caps, as node agents read RAPL / NVML and set their power limits ----

    /** Idle power of the node, W. */
    double nodeIdleW(int node);

    /** Dynamic power the node's running tasks would draw now without a power cap (thermal throttling included), W. */
    double nodeDynamicDemandW(int node);

    /** Cap of the rack PDU, W. */
    double rackCapW(int rack);

    /** Cap of the row PDU, W. */
    double rowCapW(int row);

    /** Cap of the zone feed, W. */
    double zoneCapW(int zone);

    /**
     * Sets the node's power cap to {@code share} of its dynamic power demand, in (0, 1] (1: no cap), from the next
     * step on. A capped node runs slower: see the implementation for the rule.
     */
    void capDynamicPower(int node, double share);
}

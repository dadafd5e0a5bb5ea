package io.teg.agent;

/**
 * The outcome of one placement decision: a {@link PlacementResult} or a {@link PlacementFailure}, each with what
 * the decision cost.
 */
public sealed interface Placement permits PlacementResult, PlacementFailure {

    /** The job decided about. */
    long jobId();

    /** Integration steps the agent's flight took (K, or 0 when the decision ended before the flight). */
    int steps();

    /**
     * Per-node reads the decision made: nodes whose free resources the spatial search tested, plus slots
     * quoted by probes and bid for. Bounded by the search budget and k, never by the cluster size.
     */
    int nodesTouched();

    /** True for a {@link PlacementResult}. */
    default boolean placed() {
        return this instanceof PlacementResult;
    }
}

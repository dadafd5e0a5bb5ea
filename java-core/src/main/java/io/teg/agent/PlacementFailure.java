package io.teg.agent;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A job that could not be placed, and why, with quantities and units. Immutable.
 *
 * @param jobId the job
 * @param reasons at least one reason
 * @param never true when no candidate node could ever hold the job, even empty (asking again later is futile
 *        until the candidates change); false when it is a matter of what is free now, of price or of the market
 * @param steps integration steps of the flight (0 when the decision ended before it)
 * @param nodesTouched per-node reads of the decision
 */
public record PlacementFailure(long jobId, List<Reason> reasons, boolean never, int steps, int nodesTouched)
        implements Placement {

    public PlacementFailure {
        reasons = List.copyOf(reasons);
        if (reasons.isEmpty()) throw new IllegalArgumentException("a failure needs at least one reason");
    }

    /** The reasons' messages joined with "; ". */
    public String message() {
        return reasons.stream().map(Reason::message).collect(Collectors.joining("; "));
    }

    /** True when some reason concerns {@code resource}. */
    public boolean concerns(Resource resource) {
        return reasons.stream().anyMatch(r -> r.resource() == resource);
    }
}

package io.teg.node.airlock;

import java.time.Instant;
import java.util.List;

/**
 * The airlock's memory between observations.
 *
 * @param phase where the airlock stands
 * @param strongerId the job that keeps running (only while {@link AirlockPhase#engaged()}; otherwise -1)
 * @param strongerFrozen true when the airlock froze the stronger job (step 2) and owes it a thaw
 * @param weakerIds the jobs being frozen and evacuated, weakest first (empty unless engaged)
 * @param mode the evacuation mode asked for last (meaningful in {@link AirlockPhase#EVACUATING})
 * @param since when the current phase (or evacuation mode) began
 */
public record AirlockState(AirlockPhase phase, long strongerId, boolean strongerFrozen, List<Long> weakerIds,
                           EvacuationMode mode, Instant since) {

    public AirlockState {
        if (phase == null || mode == null || since == null)
            throw new IllegalArgumentException("phase, mode and since are required");
        weakerIds = List.copyOf(weakerIds);
        if (phase.engaged() && weakerIds.isEmpty())
            throw new IllegalArgumentException(phase + " needs at least one weaker job");
    }

    /** The state of a node that has just started: calm. */
    public static AirlockState calm(Instant at) {
        return new AirlockState(AirlockPhase.CALM, -1, false, List.of(), EvacuationMode.CHECKPOINT, at);
    }
}

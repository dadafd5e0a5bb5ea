package io.teg.agent;

/**
 * Where an agent's flight begins: the maximum-entropy initial condition of Eq. 9, {@code P(x, 0) ~ Uniform(Ω)}.
 */
public enum StartMode {
    /** x0 uniform over the bounding box of the candidate nodes (the zones they span; see {@link MaxEntropyStart}). */
    BOUNDING_BOX,
    /**
     * A zone drawn with probability proportional to its free capacity ({@link Feasibility#sampleZone}), then x0
     * uniform over that zone's box; falls back to {@link #BOUNDING_BOX} when nothing is free among the candidates'
     * zones.
     */
    FREE_CAPACITY_ZONES
}

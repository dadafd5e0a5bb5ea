package io.teg.governor;

/** What set the governor's final γ in an epoch. */
public enum ConstraintKind {
    /** The Landau controller's γ* stood, inside [γ_min, γ_max], and no barrier raised it. */
    NONE,
    /** γ* was below γ_min and was clamped up to it. */
    GAMMA_MIN,
    /** γ* was above γ_max and was clamped down to it. */
    GAMMA_MAX,
    /** The Reynolds-number barrier (eq. 27–28) raised γ. */
    REYNOLDS_BARRIER,
    /** A power-budget barrier (eq. 27–28 with P in place of Re) raised γ. */
    POWER_BARRIER
}

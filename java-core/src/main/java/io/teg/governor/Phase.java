package io.teg.governor;

/**
 * The cluster's thermodynamic phase in the (Re, Ṡ) plane (paper §3.7.1), plus the two regions that the paper's three
 * phases leave uncovered. {@link PhaseClassifier} holds the thresholds and the exact rules.
 */
public enum Phase {
    /** Phase I: low Ṡ, low Re, and work is waiting. Frozen or starved; the governor subsidises (γ &lt; 0). */
    COLD_STASIS,
    /** Phase II: low Ṡ, high Re. Deadlocked or thrashing: much churn, little work. */
    HEAT_DEATH,
    /** Phase III: high Ṡ, Re not high. Optimal throughput. */
    LAMINAR_FLOW,
    /**
     * Fits none of the paper's phases: low Ṡ with moderate Re, or high Ṡ with high Re. The flow is between
     * regimes; the controller acts on Re alone, as everywhere.
     */
    TRANSITIONAL,
    /** Low Ṡ and low Re with nothing waiting: an idle cluster, not a frozen one. */
    IDLE
}

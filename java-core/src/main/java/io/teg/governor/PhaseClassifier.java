package io.teg.governor;

/**
 * Classifies an epoch's order parameters into a {@link Phase} (paper §3.7.1). Immutable and thread-safe.
 *
 * <p>With thresholds Ṡ_low, Re_low and Re_high (Re_low &lt; Re_high), and "low" meaning strictly below, "high"
 * strictly above:
 * <pre>
 *   Ṡ &lt; Ṡ_low and Re &gt; Re_high                      → HEAT_DEATH
 *   Ṡ &lt; Ṡ_low and Re &lt; Re_low and work waiting      → COLD_STASIS
 *   Ṡ &lt; Ṡ_low and Re &lt; Re_low and nothing waiting   → IDLE
 *   Ṡ ≥ Ṡ_low and Re ≤ Re_high                      → LAMINAR_FLOW
 *   otherwise                                        → TRANSITIONAL
 * </pre>
 * "Moderate Re" for laminar flow means "not above Re_high": a productive cluster with little or no churn is the
 * ideal laminar state, not a separate phase. The fallback for the two uncovered regions (low Ṡ with
 * Re_low ≤ Re ≤ Re_high; high Ṡ with Re &gt; Re_high) is {@link Phase#TRANSITIONAL}, not the nearest paper phase,
 * so that a report never claims a phase whose definition the state does not meet.
 */
public final class PhaseClassifier {

    private final double entropyProductionLow;
    private final double reLow;
    private final double reHigh;

    /**
     * @param entropyProductionLow Ṡ_low, in (0, 1): below it entropy production is "low"
     * @param reLow Re_low, in [0, +∞): below it Re is "low"
     * @param reHigh Re_high, in (Re_low, +∞): above it Re is "high"
     */
    public PhaseClassifier(double entropyProductionLow, double reLow, double reHigh) {
        this.entropyProductionLow = Bounds.open(0, 1).require("governor.entropyProductionLow", entropyProductionLow);
        this.reLow = Bounds.closedOpen(0, Double.POSITIVE_INFINITY).require("governor.reLow", reLow);
        this.reHigh = Bounds.open(reLow, Double.POSITIVE_INFINITY).require("governor.reHigh", reHigh);
    }

    /**
     * @param re Reynolds number, dimensionless, in [0, +∞]
     * @param entropyProduction Ṡ in [0, 1]
     * @param workWaiting whether some job waits for a placement
     */
    public Phase classify(double re, double entropyProduction, boolean workWaiting) {
        if (Double.isNaN(re) || re < 0) throw new IllegalArgumentException("re must be in [0, +inf], got " + re);
        Bounds.closed(0, 1).require("entropyProduction", entropyProduction);
        boolean lowEntropy = entropyProduction < entropyProductionLow;
        if (lowEntropy && re > reHigh) return Phase.HEAT_DEATH;
        if (lowEntropy && re < reLow) return workWaiting ? Phase.COLD_STASIS : Phase.IDLE;
        if (!lowEntropy && re <= reHigh) return Phase.LAMINAR_FLOW;
        return Phase.TRANSITIONAL;
    }

    /** Phase of one epoch's order parameters. */
    public Phase classify(OrderParameters parameters, boolean workWaiting) {
        return classify(parameters.re(), parameters.entropyProduction(), workWaiting);
    }

    public double entropyProductionLow() {
        return entropyProductionLow;
    }

    public double reLow() {
        return reLow;
    }

    public double reHigh() {
        return reHigh;
    }
}

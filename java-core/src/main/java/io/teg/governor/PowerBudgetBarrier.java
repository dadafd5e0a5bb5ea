package io.teg.governor;

/**
 * The barrier of eq. 27–28 for one power budget (rack, row or zone), with the power load in place of Re.
 * Immutable and thread-safe.
 *
 * <p>The guarded quantity is the normalised load x = P/P_max (dimensionless), so the limit is 1 and every budget,
 * whatever its size in watts, uses the same γ units and the same filter:
 * <pre>
 *   h_P = (1 − P/P_max) − ½ · m_P · (Ṗ⁺/P_max)² / β
 * </pre>
 * under the dynamics m_P·ẍ = f − γ of {@link BarrierState}: taxing (γ &gt; 0) sheds load, a subsidy adds it. The drive is
 * recovered from the measured acceleration under the γ that was in force during the epoch:
 * f = m_P·P̈/P_max + γ_in_force. The least γ per budget is the answer; when it exceeds γ_max
 * ({@link BarrierBound#feasible()} false) the tax alone cannot keep the budget, and the node agents' hard power caps
 * must hold it.
 */
public final class PowerBudgetBarrier {

    private final BarrierFilter filter;
    private final double inertiaSecondsSquared;

    /**
     * @param filter the filter (γ_max, α) shared with the Reynolds barrier
     * @param inertiaSecondsSquared m_P &gt; 0: seconds² per unit of γ, the inertia of a budget's normalised load
     */
    public PowerBudgetBarrier(BarrierFilter filter, double inertiaSecondsSquared) {
        if (filter == null) throw new IllegalArgumentException("filter is required");
        this.filter = filter;
        this.inertiaSecondsSquared = Bounds.open(0, Double.POSITIVE_INFINITY)
                .require("governor.powerInertiaSecondsSquared", inertiaSecondsSquared);
    }

    /** The normalised barrier state of a budget, with the drive recovered under {@code gammaInForce}. */
    public BarrierState state(PowerBudgetReading reading, double gammaInForce) {
        double cap = reading.capWatts();
        double drive = inertiaSecondsSquared * reading.powerAccelerationWattsPerSecondSquared() / cap + gammaInForce;
        return new BarrierState(reading.load(), reading.powerRateWattsPerSecond() / cap, 1.0, inertiaSecondsSquared, drive);
    }

    /** The least γ this budget demands for a hold of {@code holdSeconds}, named by the budget id. */
    public BarrierBound bound(PowerBudgetReading reading, double gammaInForce, double holdSeconds) {
        return filter.bound(ConstraintKind.POWER_BARRIER, reading.budgetId(), state(reading, gammaInForce), holdSeconds);
    }

    public double inertiaSecondsSquared() {
        return inertiaSecondsSquared;
    }
}

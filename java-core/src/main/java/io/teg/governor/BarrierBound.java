package io.teg.governor;

/**
 * What one barrier demands of γ for the coming hold: the least γ that keeps it safe. Immutable.
 *
 * @param kind {@link ConstraintKind#REYNOLDS_BARRIER} or {@link ConstraintKind#POWER_BARRIER}
 * @param name "re" for the Reynolds barrier, the budget id for a power budget
 * @param barrier h, the barrier's value now (eq. 27), in units of x; −∞ when x is infinite
 * @param leastGamma the least γ satisfying the barrier condition; −∞ when no γ is needed (the condition holds for
 *        every γ), +∞ when no γ satisfies it
 * @param gammaMax γ_max, the most the governor may apply
 */
public record BarrierBound(ConstraintKind kind, String name, double barrier, double leastGamma, double gammaMax) {

    public BarrierBound {
        if (kind != ConstraintKind.REYNOLDS_BARRIER && kind != ConstraintKind.POWER_BARRIER)
            throw new IllegalArgumentException("a barrier bound is a Reynolds or power barrier, got " + kind);
        if (name == null || name.isBlank()) throw new IllegalArgumentException("barrier name must not be blank");
        if (Double.isNaN(barrier) || Double.isNaN(leastGamma))
            throw new IllegalArgumentException(name + ": barrier and least gamma must not be NaN");
    }

    /** True when γ_max (or less) satisfies the barrier; false means that safety cannot be restored this hold. */
    public boolean feasible() {
        return leastGamma <= gammaMax;
    }

    /** True when {@code gamma} is below the least safe γ, so that this barrier must raise it. */
    public boolean binds(double gamma) {
        return leastGamma > gamma;
    }

    /** {@code gamma} raised to the least safe value, never above γ_max. */
    public double filter(double gamma) {
        return binds(gamma) ? Math.min(leastGamma, gammaMax) : gamma;
    }
}

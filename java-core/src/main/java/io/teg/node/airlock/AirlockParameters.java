package io.teg.node.airlock;

import java.time.Duration;

/**
 * The airlock's settings.
 *
 * <p>With node capacity {@code C} (MiB), the usable memory is {@code U = C (1 - reserveFraction)}; the reserve
 * {@code C - U} is kept for evacuations only. The node enters the glassy state when the tenants use at least
 * {@code glassyEnterFraction x U} and leaves it below {@code glassyExitFraction x U} (hysteresis).
 *
 * @param reserveFraction the share of capacity held back for evacuations, in [0, 0.5) (the ledger's 5 %: 0.05)
 * @param glassyEnterFraction the share of usable memory at which memory.high is set, in [0, 1]; 0 keeps every job
 *        under memory.high at all times (the safe setting when a job can burst faster than the driver observes)
 * @param glassyExitFraction the share below which memory.high is cleared, in [0, glassyEnterFraction]
 * @param evacuationTimeout how long an evacuation may take before the next, harder mode is asked for (&gt; 0)
 */
public record AirlockParameters(double reserveFraction, double glassyEnterFraction, double glassyExitFraction,
                                Duration evacuationTimeout) {

    /** The defaults: 5 % reserve, glassy from 90 % to 80 % of usable memory, 5 minutes per evacuation mode. */
    public static final AirlockParameters DEFAULTS = new AirlockParameters(0.05, 0.90, 0.80, Duration.ofMinutes(5));

    /**
     * Always glassy: every job carries memory.high from its start (enter and exit at 0), 5 % reserve, 5 minutes per
     * evacuation mode. The simulator uses this, because its memory steps are instantaneous.
     */
    public static final AirlockParameters ALWAYS_GLASSY = new AirlockParameters(0.05, 0.0, 0.0, Duration.ofMinutes(5));

    public AirlockParameters {
        if (!(reserveFraction >= 0 && reserveFraction < 0.5))
            throw new IllegalArgumentException("reserveFraction must be in [0, 0.5), got " + reserveFraction);
        if (!(glassyEnterFraction >= 0 && glassyEnterFraction <= 1))
            throw new IllegalArgumentException("glassyEnterFraction must be in [0, 1], got " + glassyEnterFraction);
        if (!(glassyExitFraction >= 0 && glassyExitFraction <= glassyEnterFraction))
            throw new IllegalArgumentException("glassyExitFraction must be in [0, glassyEnterFraction="
                    + glassyEnterFraction + "], got " + glassyExitFraction);
        if (evacuationTimeout == null || evacuationTimeout.isNegative() || evacuationTimeout.isZero())
            throw new IllegalArgumentException("evacuationTimeout must be > 0, got " + evacuationTimeout);
    }

    /** Usable memory {@code U = floor(C (1 - reserveFraction))} in MiB for a node of {@code capacityMiB}. */
    public long usableMiB(long capacityMiB) {
        return (long) Math.floor(capacityMiB * (1.0 - reserveFraction));
    }

    /** The evacuation reserve {@code C - U} in MiB. */
    public long reserveMiB(long capacityMiB) {
        return capacityMiB - usableMiB(capacityMiB);
    }
}

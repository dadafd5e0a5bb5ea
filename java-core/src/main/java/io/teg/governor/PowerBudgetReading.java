package io.teg.governor;

import io.teg.model.Level;

/**
 * One power budget (a rack, row or zone PDU limit) as the telemetry saw it at the end of an epoch. The rate and
 * the acceleration come from the 50 ms micro-batches, which resolve them far better than a difference of two epoch
 * samples could.
 *
 * @param budgetId a name unique among the budgets of one observation, e.g. {@code rack-12}
 * @param level the level the budget guards ({@link Level#RACK}, {@link Level#ROW} or {@link Level#ZONE})
 * @param capWatts the budget's limit P_max, watts (&gt; 0)
 * @param powerWatts the power drawn at the end of the epoch, watts (&ge; 0)
 * @param powerRateWattsPerSecond dP/dt at the end of the epoch, watts per second
 * @param powerAccelerationWattsPerSecondSquared d²P/dt² over the end of the epoch, watts per second², measured
 *        under the γ that was in force
 */
public record PowerBudgetReading(String budgetId, Level level, double capWatts, double powerWatts,
                                 double powerRateWattsPerSecond, double powerAccelerationWattsPerSecondSquared) {

    public PowerBudgetReading {
        if (budgetId == null || budgetId.isBlank()) throw new IllegalArgumentException("power budget id must not be blank");
        if (level == null) throw new IllegalArgumentException(budgetId + ": level is required");
        Bounds.open(0, Double.POSITIVE_INFINITY).require(budgetId + ".capWatts", capWatts);
        Bounds.closedOpen(0, Double.POSITIVE_INFINITY).require(budgetId + ".powerWatts", powerWatts);
        Bounds.open(Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY)
                .require(budgetId + ".powerRateWattsPerSecond", powerRateWattsPerSecond);
        Bounds.open(Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY)
                .require(budgetId + ".powerAccelerationWattsPerSecondSquared", powerAccelerationWattsPerSecondSquared);
    }

    /** Power as a fraction of the cap, P / P_max (dimensionless; 1 is the limit). */
    public double load() {
        return powerWatts / capWatts;
    }
}

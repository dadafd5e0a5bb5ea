package io.teg.governor;

/**
 * The governor's macroscopic order parameters for one epoch (paper §3.7.1; definitions from ARCHITECTURE §4).
 *
 * <h2>Reynolds number Re (dimensionless, in [0, +∞])</h2>
 * <pre>
 *   Re = churn rate / settlement rate
 *      = ((rejected bids + migrations + evictions) / Δt) / (placements / Δt)
 *      = churn events / placements
 * </pre>
 * Δt cancels. With no placement the ratio is defined explicitly:
 * <ul>
 *   <li>churn &gt; 0 and no placement: Re = +∞ (pure thrashing: activity without any settlement);</li>
 *   <li>no churn and no placement: Re = 0 (nothing moves at all; a frozen or empty market has no turbulence).</li>
 * </ul>
 *
 * <h2>Entropy production Ṡ (dimensionless, in [0, 1])</h2>
 * <pre>
 *   Ṡ = (useful resource-seconds / Δt) / capacity
 * </pre>
 * the fraction of the site's capacity that did useful work during the epoch. {@link EpochObservation} guarantees
 * useful resource-seconds ≤ capacity · Δt, so Ṡ ≤ 1.
 *
 * <h2>Rate Ṙe (per second)</h2>
 * <pre>
 *   Ṙe = (Re_τ − Re_{τ−1}) / Δt_τ
 * </pre>
 * the backward difference over the epoch just ended (the mean rate over that epoch). It is known only when the
 * previous epoch is the immediately preceding one (τ − 1) and both Re values are finite; otherwise
 * {@link #reRateKnown()} is false and the rate is reported as 0. A rate across an infinite Re has no meaning, and an
 * infinite Re already saturates the barrier on its own (see {@link BarrierFilter}).
 *
 * @param epoch the epoch index τ
 * @param epochSeconds Δt of the epoch, seconds
 * @param churnPerSecond (rejected + migrations + evictions) / Δt, events per second
 * @param settlementPerSecond placements / Δt, events per second
 * @param re Reynolds number, dimensionless, in [0, +∞]
 * @param entropyProduction Ṡ, dimensionless, in [0, 1]
 * @param reRatePerSecond Ṙe, per second (0 when not known)
 * @param reRateKnown whether {@code reRatePerSecond} is a measured difference
 */
public record OrderParameters(long epoch, double epochSeconds, double churnPerSecond, double settlementPerSecond,
                              double re, double entropyProduction, double reRatePerSecond, boolean reRateKnown) {

    public OrderParameters {
        Bounds.open(0, Double.POSITIVE_INFINITY).require("orderParameters.epochSeconds", epochSeconds);
        Bounds.closedOpen(0, Double.POSITIVE_INFINITY).require("orderParameters.churnPerSecond", churnPerSecond);
        Bounds.closedOpen(0, Double.POSITIVE_INFINITY).require("orderParameters.settlementPerSecond", settlementPerSecond);
        Bounds.closed(0, Double.POSITIVE_INFINITY).require("orderParameters.re", re);
        Bounds.closed(0, 1).require("orderParameters.entropyProduction", entropyProduction);
        Bounds.open(Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY).require("orderParameters.reRatePerSecond", reRatePerSecond);
        if (!reRateKnown && reRatePerSecond != 0)
            throw new IllegalArgumentException("orderParameters.reRatePerSecond must be 0 when the rate is not known, got "
                    + reRatePerSecond);
    }

    /** Order parameters of an epoch with no usable predecessor: Ṙe is not known. */
    public static OrderParameters measure(EpochObservation current) {
        double dt = current.epochSeconds();
        return new OrderParameters(current.epoch(), dt, current.churnEvents() / dt, current.placements() / dt,
                reynolds(current.churnEvents(), current.placements()),
                Math.min(1.0, current.usefulResourceSeconds() / dt / current.capacityUnits()), 0.0, false);
    }

    /**
     * Order parameters of {@code current}, with Ṙe taken from {@code previous} when that is the epoch right before
     * (τ − 1) and both Re values are finite.
     */
    public static OrderParameters measure(EpochObservation current, OrderParameters previous) {
        OrderParameters now = measure(current);
        if (previous.epoch() != current.epoch() - 1 || Double.isInfinite(now.re) || Double.isInfinite(previous.re))
            return now;
        double rate = (now.re - previous.re) / now.epochSeconds;
        return new OrderParameters(now.epoch, now.epochSeconds, now.churnPerSecond, now.settlementPerSecond, now.re,
                now.entropyProduction, rate, true);
    }

    /**
     * Re from event counts: churn / placements, with +∞ for churn without placements and 0 when both are 0.
     *
     * @param churnEvents rejected bids + migrations + evictions (&ge; 0)
     * @param placements successful placements (&ge; 0)
     */
    public static double reynolds(long churnEvents, long placements) {
        if (churnEvents < 0 || placements < 0)
            throw new IllegalArgumentException("event counts must be >= 0, got churn=" + churnEvents + " placements=" + placements);
        if (placements == 0) return churnEvents == 0 ? 0.0 : Double.POSITIVE_INFINITY;
        return (double) churnEvents / placements;
    }
}

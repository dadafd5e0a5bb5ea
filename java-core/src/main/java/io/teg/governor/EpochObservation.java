package io.teg.governor;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the governor sees over one epoch of length Δt = {@link #epochSeconds()}: counts of market events, the useful
 * work done, what waits, the power budgets and the accounts' shares of the site's energy budget. Immutable; the
 * collections are copied, and the shares are kept sorted by account so that iteration order never depends on the
 * caller's map.
 *
 * <p>Churn events are {@code rejectedBids + migrations + evictions}; settlement events are {@code placements}. See
 * {@link OrderParameters} for the order parameters computed from them.
 *
 * @param epoch the logical epoch index τ (&ge; 0), increasing by one per epoch
 * @param epochSeconds the epoch's length Δt in seconds (&gt; 0)
 * @param rejectedBids bids the zone ledgers refused during the epoch (outbid, fill-or-kill misses, reserve not met)
 * @param migrations leases that moved to another node during the epoch
 * @param evictions incumbents evicted by a stronger bid (eq. 14) during the epoch
 * @param placements successful placements (leases opened) during the epoch
 * @param usefulResourceSeconds resource-seconds of useful work performed during this epoch: one resource unit busy
 *        for one second on work that is kept counts 1. At most {@code capacityUnits · epochSeconds}.
 * @param capacityUnits the site's capacity in the same resource units (&gt; 0), e.g. GPUs or cores
 * @param queuedJobs jobs waiting for a placement at the end of the epoch (&ge; 0)
 * @param meanAgentMass the mean mass m̄ of the live agents (eq. 11), in agent-mass units (&gt; 0). With no live agent
 *        the reporter passes the mass of a default job, so that the barrier keeps a finite inertia.
 * @param powerBudgets the rack, row and zone budgets, ids unique
 * @param energyShares each account's share of the site's energy budget, as a non-negative integer weight (e.g. its
 *        allotted watts); the mint is proportional to these weights
 */
public record EpochObservation(long epoch, double epochSeconds, long rejectedBids, long migrations, long evictions,
                               long placements, double usefulResourceSeconds, double capacityUnits, long queuedJobs,
                               double meanAgentMass, List<PowerBudgetReading> powerBudgets,
                               Map<String, Long> energyShares) {

    private static final Bounds NON_NEGATIVE = Bounds.closedOpen(0, Double.POSITIVE_INFINITY);
    private static final Bounds POSITIVE = Bounds.open(0, Double.POSITIVE_INFINITY);

    public EpochObservation {
        NON_NEGATIVE.require("observation.epoch", epoch);
        POSITIVE.require("observation.epochSeconds", epochSeconds);
        NON_NEGATIVE.require("observation.rejectedBids", rejectedBids);
        NON_NEGATIVE.require("observation.migrations", migrations);
        NON_NEGATIVE.require("observation.evictions", evictions);
        NON_NEGATIVE.require("observation.placements", placements);
        POSITIVE.require("observation.capacityUnits", capacityUnits);
        Bounds.closed(0, capacityUnits * epochSeconds).require("observation.usefulResourceSeconds", usefulResourceSeconds);
        NON_NEGATIVE.require("observation.queuedJobs", queuedJobs);
        POSITIVE.require("observation.meanAgentMass", meanAgentMass);
        powerBudgets = List.copyOf(powerBudgets);
        if (powerBudgets.stream().map(PowerBudgetReading::budgetId).distinct().count() != powerBudgets.size())
            throw new IllegalArgumentException("observation.powerBudgets: budget ids must be unique");
        TreeMap<String, Long> sorted = new TreeMap<>();
        for (Map.Entry<String, Long> share : energyShares.entrySet()) {
            String account = share.getKey();
            if (account == null || account.isBlank())
                throw new IllegalArgumentException("observation.energyShares: account must not be blank");
            Long weight = share.getValue();
            if (weight == null || weight < 0)
                throw new IllegalArgumentException("observation.energyShares." + account + " must be in [0, +inf), got " + weight);
            sorted.put(account, weight);
        }
        energyShares = Collections.unmodifiableSortedMap(sorted);
        if (evictions > Long.MAX_VALUE - migrations || rejectedBids > Long.MAX_VALUE - migrations - evictions)
            throw new IllegalArgumentException("observation: rejectedBids + migrations + evictions overflows a long");
    }

    /** rejected bids + migrations + evictions in this epoch (a count). */
    public long churnEvents() {
        return rejectedBids + migrations + evictions;
    }

    /** True when some job waits for a placement. */
    public boolean workWaiting() {
        return queuedJobs > 0;
    }
}

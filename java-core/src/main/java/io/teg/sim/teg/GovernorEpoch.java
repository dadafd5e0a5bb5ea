package io.teg.sim.teg;

import io.teg.governor.EpochObservation;
import io.teg.governor.Governor;
import io.teg.governor.GovernorDecision;
import io.teg.governor.GovernorParameters;
import io.teg.sim.ClusterView;

import java.util.List;
import java.util.Map;

/**
 * The production {@link Governor} driven once per epoch from what the simulator's TEG scheduler counted during the
 * epoch:
 * <ul>
 *   <li>rejected bids: orders the zone ledgers refused (real bids and fill checks that failed);</li>
 *   <li>placements: jobs started (one lease set each); migrations and evictions are 0 (the simulator has no
 *       preemption and the ledgers' eviction is off);</li>
 *   <li>useful resource-seconds: the integral of allocated capacity over the epoch, in GPUs on a cluster with GPUs
 *       and in cores otherwise (the same unit as the capacity);</li>
 *   <li>queued jobs, and the mean mass of the agents placed in the epoch (the rest mass when none was).</li>
 * </ul>
 * No power budgets are passed (schedulers do not see the plant's power) and no energy shares (jobs are endowed by
 * the market, see {@link LedgerSlotMarket}), so the decision's mint plan is empty.
 *
 * <p>Mutable, not thread-safe; one scheduler owns it.
 */
final class GovernorEpoch {

    private final Governor governor;
    private final double restMass;
    private GovernorDecision last;
    private long epoch;
    private long placements;
    private double massSum;
    private long rejectedAtStart;
    private double usefulUnitSeconds;
    private double allocatedUnits;
    private long lastAccountedS = -1;

    /**
     * @param parameters the governor's parameters (its epoch length is the scheduler's epoch)
     * @param restMass the agents' rest mass, reported as the mean mass of an epoch with no placement, &gt; 0
     */
    GovernorEpoch(GovernorParameters parameters, double restMass) {
        this.governor = new Governor(parameters);
        this.restMass = restMass;
    }

    /** The epoch length, seconds. */
    double epochSeconds() {
        return governor.parameters().epochSeconds();
    }

    /** Adds the allocation held since the last call to the useful work, then notes the allocation now. */
    void account(long nowS, ClusterView view) {
        if (lastAccountedS >= 0 && nowS > lastAccountedS) usefulUnitSeconds += allocatedUnits * (nowS - lastAccountedS);
        lastAccountedS = nowS;
        allocatedUnits = units(view, view.allocatedCpuMilli(), view.allocatedGpuMilli());
    }

    /** A job was placed by an agent of mass {@code mass}. */
    void placed(double mass) {
        placements++;
        massSum += mass;
    }

    /**
     * Closes the epoch and decides γ for the next.
     *
     * @param epochS the epoch's length, seconds, &gt; 0
     * @param rejectedOrdersTotal the ledgers' refused orders since the start
     * @param queued jobs waiting now
     */
    GovernorDecision close(double epochS, long rejectedOrdersTotal, long queued, ClusterView view) {
        double capacity = Math.max(1e-9, units(view, view.totalCpuMilli(), view.totalGpuMilli()));
        double useful = Math.min(usefulUnitSeconds, capacity * epochS);
        double mass = placements == 0 ? restMass : massSum / placements;
        EpochObservation observation = new EpochObservation(epoch, epochS, rejectedOrdersTotal - rejectedAtStart, 0, 0,
                placements, useful, capacity, queued, mass, List.of(), Map.of());
        last = last == null ? governor.decide(observation) : governor.decide(observation, last);
        epoch++;
        placements = 0;
        massSum = 0;
        usefulUnitSeconds = 0;
        rejectedAtStart = rejectedOrdersTotal;
        return last;
    }

    /** The latest decision, or null before the first epoch closed. */
    GovernorDecision last() {
        return last;
    }

    /** Epochs closed so far. */
    long epochs() {
        return epoch;
    }

    private static double units(ClusterView view, long cpuMilli, long gpuMilli) {
        return view.totalGpuMilli() > 0 ? gpuMilli / 1000.0 : cpuMilli / 1000.0;
    }
}

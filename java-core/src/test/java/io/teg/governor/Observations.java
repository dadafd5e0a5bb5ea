package io.teg.governor;

import java.util.List;
import java.util.Map;

/** Synthetic epoch observations for tests: a base epoch, changed one field at a time. */
record Observations(long epoch, double epochSeconds, long rejectedBids, long migrations, long evictions,
                    long placements, double utilisation, double capacityUnits, long queuedJobs, double meanAgentMass,
                    List<PowerBudgetReading> powerBudgets, Map<String, Long> energyShares) {

    /** Epoch 1 of 60 s: 100 placements, no churn, half the capacity busy, nothing queued, one account. */
    static Observations base() {
        return new Observations(1, 60, 0, 0, 0, 100, 0.5, 1000, 0, 10, List.of(), Map.of("acct", 1L));
    }

    Observations epoch(long value) {
        return new Observations(value, epochSeconds, rejectedBids, migrations, evictions, placements, utilisation,
                capacityUnits, queuedJobs, meanAgentMass, powerBudgets, energyShares);
    }

    Observations seconds(double value) {
        return new Observations(epoch, value, rejectedBids, migrations, evictions, placements, utilisation,
                capacityUnits, queuedJobs, meanAgentMass, powerBudgets, energyShares);
    }

    Observations churn(long rejected, long migrated, long evicted) {
        return new Observations(epoch, epochSeconds, rejected, migrated, evicted, placements, utilisation,
                capacityUnits, queuedJobs, meanAgentMass, powerBudgets, energyShares);
    }

    Observations placements(long value) {
        return new Observations(epoch, epochSeconds, rejectedBids, migrations, evictions, value, utilisation,
                capacityUnits, queuedJobs, meanAgentMass, powerBudgets, energyShares);
    }

    /** Re exactly {@code churn / placements} through rejected bids only. */
    Observations reynolds(long churn, long settled) {
        return churn(churn, 0, 0).placements(settled);
    }

    /** Useful work = {@code value} × capacity × Δt, so Ṡ = value. */
    Observations utilisation(double value) {
        return new Observations(epoch, epochSeconds, rejectedBids, migrations, evictions, placements, value,
                capacityUnits, queuedJobs, meanAgentMass, powerBudgets, energyShares);
    }

    Observations queued(long value) {
        return new Observations(epoch, epochSeconds, rejectedBids, migrations, evictions, placements, utilisation,
                capacityUnits, value, meanAgentMass, powerBudgets, energyShares);
    }

    Observations mass(double value) {
        return new Observations(epoch, epochSeconds, rejectedBids, migrations, evictions, placements, utilisation,
                capacityUnits, queuedJobs, value, powerBudgets, energyShares);
    }

    Observations power(List<PowerBudgetReading> value) {
        return new Observations(epoch, epochSeconds, rejectedBids, migrations, evictions, placements, utilisation,
                capacityUnits, queuedJobs, meanAgentMass, value, energyShares);
    }

    Observations shares(Map<String, Long> value) {
        return new Observations(epoch, epochSeconds, rejectedBids, migrations, evictions, placements, utilisation,
                capacityUnits, queuedJobs, meanAgentMass, powerBudgets, value);
    }

    EpochObservation build() {
        return new EpochObservation(epoch, epochSeconds, rejectedBids, migrations, evictions, placements,
                utilisation * capacityUnits * epochSeconds, capacityUnits, queuedJobs, meanAgentMass, powerBudgets,
                energyShares);
    }
}

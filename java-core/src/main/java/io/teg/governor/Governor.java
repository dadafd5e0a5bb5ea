package io.teg.governor;

import java.util.ArrayList;
import java.util.List;

/**
 * The entropy governor (paper §3.7, ARCHITECTURE §4 "Governor, once per epoch"). Once per epoch:
 * <pre>
 *   observation ─► order parameters (Re, Ṡ, Ṙe) ─► phase
 *                         │
 *                         ├─► Landau γ* (eq. 16) ─► clamp [γ_min, γ_max] ─► γ_raw ─┐
 *                         │                                                        ├─► γ = min(γ_max, max(γ_raw, least γ))
 *                         └─► Reynolds estimate ─► barriers (eq. 27–28): Re, each power budget ─► least γ
 *   observation ─► energy budget ─► mint plan
 * </pre>
 * Immutable and thread-safe: the history is the previous {@link GovernorDecision}, passed in by the caller.
 *
 * <p>The Reynolds barrier's state is (Re, Ṙe at the epoch's end, Re_max, m, f), with
 * m = {@code governor.reInertiaSecondsSquaredPerMass} × the observed mean agent mass and Ṙe, f from
 * {@link ReynoldsEstimate}: exact from two consecutive measured rates, steady-state otherwise. Every barrier nets at
 * most {@code governor.barrierDriveBound} of drive out of γ_max (see {@link BarrierFilter}). The hold T of every
 * barrier is the observed epoch's length, on the assumption that the next epoch lasts as long. The barrier that
 * demands the most wins; ties go to the Reynolds barrier, then to the budgets in observation order.
 *
 * <p>The mint uses the observed Δt: E = round(site power budget × Δt) joules.
 */
public final class Governor {

    private static final String REYNOLDS = "re";

    private final GovernorParameters parameters;
    private final PhaseClassifier phases;
    private final LandauController landau;
    private final BarrierFilter barrier;
    private final PowerBudgetBarrier powerBarrier;
    private final TokenPolicy tokens;

    public Governor(GovernorParameters parameters) {
        if (parameters == null) throw new IllegalArgumentException("parameters are required");
        this.parameters = parameters;
        this.phases = parameters.phaseClassifier();
        this.landau = parameters.landauController();
        this.barrier = parameters.barrierFilter();
        this.powerBarrier = parameters.powerBudgetBarrier();
        this.tokens = parameters.tokenPolicy();
    }

    public GovernorParameters parameters() {
        return parameters;
    }

    /** The first decision, with no history: Ṙe unknown, γ in force 0. */
    public GovernorDecision decide(EpochObservation observation) {
        return decide(observation, OrderParameters.measure(observation), ReynoldsEstimate.steady(0.0), 0.0);
    }

    /**
     * The decision for {@code observation}, with {@code previous} as the history. {@code previous.gamma()} is taken
     * as the γ that was in force during the observed epoch.
     *
     * @throws IllegalArgumentException when {@code previous} is not from an earlier epoch
     */
    public GovernorDecision decide(EpochObservation observation, GovernorDecision previous) {
        if (previous.epoch() >= observation.epoch())
            throw new IllegalArgumentException("previous decision (epoch " + previous.epoch()
                    + ") must precede the observed epoch " + observation.epoch());
        OrderParameters now = OrderParameters.measure(observation, previous.orderParameters());
        double gammaInForce = previous.gamma();
        ReynoldsEstimate estimate;
        if (!now.reRateKnown()) {
            estimate = ReynoldsEstimate.steady(gammaInForce);
        } else if (previous.orderParameters().reRateKnown()) {
            estimate = ReynoldsEstimate.fromRates(reInertia(observation), previous.orderParameters().reRatePerSecond(),
                    previous.orderParameters().epochSeconds(), previous.gammaInForce(), now.reRatePerSecond(),
                    now.epochSeconds(), gammaInForce);
        } else {
            estimate = ReynoldsEstimate.fromRate(now.reRatePerSecond(), gammaInForce);
        }
        return decide(observation, now, estimate, gammaInForce);
    }

    private GovernorDecision decide(EpochObservation observation, OrderParameters order, ReynoldsEstimate estimate,
                                    double gammaInForce) {
        double hold = observation.epochSeconds();
        Phase phase = phases.classify(order, observation.workWaiting());
        double gammaLandau = landau.unclampedGamma(order.re());
        double gammaRaw = landau.gamma(order.re());

        List<BarrierBound> bounds = new ArrayList<>(1 + observation.powerBudgets().size());
        BarrierState reState = new BarrierState(order.re(), estimate.ratePerSecond(), parameters.reMax(),
                reInertia(observation), estimate.drive());
        bounds.add(barrier.bound(ConstraintKind.REYNOLDS_BARRIER, REYNOLDS, reState, hold));
        for (PowerBudgetReading reading : observation.powerBudgets())
            bounds.add(powerBarrier.bound(reading, gammaInForce, hold));

        BarrierBound strongest = bounds.getFirst();
        for (BarrierBound bound : bounds)
            if (bound.leastGamma() > strongest.leastGamma()) strongest = bound;

        double gamma;
        ActiveConstraint active;
        if (strongest.binds(gammaRaw)) {
            gamma = strongest.filter(gammaRaw);
            active = ActiveConstraint.of(strongest);
        } else {
            gamma = gammaRaw;
            if (gammaLandau < landau.gammaMin()) active = ActiveConstraint.of(ConstraintKind.GAMMA_MIN);
            else if (gammaLandau > landau.gammaMax()) active = ActiveConstraint.of(ConstraintKind.GAMMA_MAX);
            else active = ActiveConstraint.of(ConstraintKind.NONE);
        }

        long energyJoules = Math.round(parameters.sitePowerBudgetWatts() * hold);
        MintPlan mint = tokens.mint(energyJoules, observation.energyShares(), hold);
        return new GovernorDecision(observation.epoch(), order, phase, estimate, gammaLandau, gammaRaw, gamma,
                gammaInForce, active, bounds, mint);
    }

    private double reInertia(EpochObservation observation) {
        return parameters.reInertiaSecondsSquaredPerMass() * observation.meanAgentMass();
    }
}

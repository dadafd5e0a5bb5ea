package io.teg.governor;

import java.util.List;

/**
 * What the governor decided for one epoch, with everything it decided from. Immutable. The next epoch's decision
 * takes this one as its history ({@link Governor#decide(EpochObservation, GovernorDecision)}).
 *
 * @param epoch the epoch τ that was observed; γ applies during the epoch that follows
 * @param orderParameters Re, Ṡ, Ṙe of the epoch
 * @param phase the epoch's phase
 * @param reynolds the estimated rate and drive of Re at the end of the epoch
 * @param gammaLandau γ*, the unconstrained global minimiser of eq. 16 (dimensionless)
 * @param gammaRaw γ* clamped to [γ_min, γ_max]: the controller's proposal before the barriers
 * @param gamma the γ to apply: γ_raw raised by the barriers, at most γ_max
 * @param gammaInForce the γ that was in force during the observed epoch (0 before the first decision)
 * @param activeConstraint what set {@code gamma}
 * @param barriers every barrier's bound: the Reynolds barrier first, then the power budgets in observation order
 * @param mintPlan the epoch's token mint
 */
public record GovernorDecision(long epoch, OrderParameters orderParameters, Phase phase, ReynoldsEstimate reynolds,
                               double gammaLandau, double gammaRaw, double gamma, double gammaInForce,
                               ActiveConstraint activeConstraint, List<BarrierBound> barriers, MintPlan mintPlan) {

    public GovernorDecision {
        if (orderParameters == null || phase == null || reynolds == null || activeConstraint == null || mintPlan == null)
            throw new IllegalArgumentException("every part of a governor decision is required");
        if (orderParameters.epoch() != epoch)
            throw new IllegalArgumentException("order parameters of epoch " + orderParameters.epoch() + " in decision " + epoch);
        if (!Double.isFinite(gamma) || !Double.isFinite(gammaRaw) || !Double.isFinite(gammaInForce))
            throw new IllegalArgumentException("gamma values must be finite");
        barriers = List.copyOf(barriers);
    }

    /** Reynolds number of the epoch, dimensionless. */
    public double re() {
        return orderParameters.re();
    }

    /** Entropy production Ṡ of the epoch, in [0, 1]. */
    public double entropyProduction() {
        return orderParameters.entropyProduction();
    }
}

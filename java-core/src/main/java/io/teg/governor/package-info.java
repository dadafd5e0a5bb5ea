/**
 * The entropy governor: once per epoch it turns what the market and the machine room did into one global damping
 * coefficient γ (a holding tax, or a subsidy when negative) and a token mint.
 *
 * <pre>
 *   EpochObservation ──► OrderParameters ──► PhaseClassifier ──► Phase
 *    (counts, work,        Re = churn/settlement      (cold stasis, heat death,
 *     power, shares)       Ṡ  = useful work/capacity   laminar flow, transitional, idle)
 *          │               Ṙe = ΔRe/Δt
 *          │                     │
 *          │                     ├──► LandauController ──► γ_raw        F(γ) = a/2(Re−Re_c)γ² + b/4γ⁴ − Hγ  (eq. 16)
 *          │                     │        (DepressedCubic, LandauPotential: closed-form global minimiser)
 *          │                     │
 *          │                     └──► ReynoldsEstimate ──► BarrierFilter ──┐   h = (Re_max−Re) − ½m̄Ṙe²/γ_max  (eq. 27)
 *          │                                                               ├─► least γ   ḣ + αh ≥ 0              (eq. 28)
 *          ├──► PowerBudgetReading ──► PowerBudgetBarrier ─────────────────┘   (P/P_max in place of Re)
 *          │
 *          └──► TokenPolicy ──► MintPlan (energy-standard, Σ minted = budget exactly; evaporation 1 − e^{−λΔt})
 *
 *   Governor: γ = min(γ_max, max(γ_raw, least γ)) ──► GovernorDecision (+ ActiveConstraint)
 * </pre>
 *
 * Units: Re and Ṡ are dimensionless (Ṡ in [0, 1]); γ is a dimensionless damping coefficient that the ledger scales
 * into tokens per resource-unit-second; rates are per second; inertias are seconds² per unit of γ; tokens are
 * integer micro-tokens (10⁶ per token). Every type is immutable. The package depends on {@code io.teg.model} only.
 */
package io.teg.governor;

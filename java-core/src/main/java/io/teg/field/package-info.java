/**
 * The holographic thermo-economic field (paper §3.2, ARCHITECTURE §4): the governor turns per-node telemetry into a
 * continuous potential over the machine-room plane, and every agent evaluates it locally in O(M), independent of the
 * number of nodes N.
 *
 * <pre>
 *  per node i:  PhysicalEntropy ──► S_phys(i)     zone ledger bids ──► H_auction(i)
 *                                        │                                  │
 *                                        └──── PotentialField: w₁·S + w₂·H ─┘          (eq. 7)
 *                                                        │ FieldSamples (x_i, y_i, Φ_i), n = N
 *                                                        ▼
 *                      SparseGpRegression: M ≤ 256 inducing points, SE kernel, DTC/SoR
 *                        full fit:  hyperparameters by marginal likelihood   (occasional)
 *                        warm fit:  weights only, α̇ = Δα/Δt                  (every epoch)
 *                                                        │
 *                                                        ▼
 *                      FieldSnapshot (τ, σ_f², ℓ, σ_n², μ, μ̇, z_m, α_m, α̇_m) ── published each epoch
 *                                                        │
 *                agent: Φ(x), ∇Φ(x), Φ̇(x), Dual Φ + Φ̇ε, Φ(x, t + Δt)   all O(M)
 *
 *  EntropicValuation: P_max = κ / (S_local + ε)                                        (eq. 6)
 * </pre>
 *
 * Every public type is immutable. Depends only on {@code io.teg.model} and Commons Math.
 */
package io.teg.field;

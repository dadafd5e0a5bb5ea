/**
 * TEG in the simulator: the {@code teg} {@link io.teg.sim.Scheduler}, built from the production engine classes and
 * small adapters that fit them to the simulator's SPI. There is one implementation of the policy; this package only
 * wires it (ARCHITECTURE §2, §8).
 *
 * <pre>
 *   Simulation ──► TegScheduler ──► PlacementEngine (io.teg.agent, production)
 *                       │                 │ Feasibility ── ClusterFeasibility ── ClusterView (counts node touches)
 *                       │                 │ Landscape  ── SnapshotLandscape ── FieldSnapshot Φ (+ Δt·Φ̇), heat → B_z
 *                       │                 │ SlotMarket ── LedgerSlotMarket ── LedgerBook per zone (io.teg.ledger)
 *                       │                 ▼
 *                       │           ctx.start(all tasks) ── all or nothing
 *                       │
 *                       └── every epoch: GovernorEpoch ── Governor (io.teg.governor) ── γ → damping, tax, subsidy
 *                                        FieldProjection ── PotentialField + SparseGpRegression (io.teg.field)
 * </pre>
 *
 * <p>What is simplified, and why, is said in {@link io.teg.sim.teg.TegScheduler} and in {@code docs/architecture.md}.
 */
package io.teg.sim.teg;

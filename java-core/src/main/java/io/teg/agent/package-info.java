/**
 * The placement agent: a job's decision-maker as a charged Langevin particle that flies over the governor's
 * potential field, lands on the nearest feasible nodes and buys a slot (ARCHITECTURE §4 "Agent", paper
 * Section 3.4).
 *
 * <pre>
 *                       JobRequest + BitSet candidates
 *                                   │
 *                                   ▼
 *   ┌──────────────────────── PlacementEngine.place ─────────────────────────┐
 *   │ CapacityCatalog ── could any node ever hold it? ── no ─► PlacementFailure (never)
 *   │        │ yes                                                            │
 *   │        ▼                                                                │
 *   │ Agent (m = m₀ + α·MemGiB + β·ln E_init, q = SLA·(1 + risk))  Eq. 11, 12 │
 *   │ MaxEntropyStart ── x₀ ~ Uniform(Ω) ─────────────────────────────  Eq. 9 │
 *   │ LangevinIntegrator ── K steps on Landscape (Φ + Δt·Φ̇, ∇Φ, B_z)  Eq. 8, 13 │
 *   │        │ landing point                                                  │
 *   │        ▼                                                                │
 *   │ SpatialIndex ── k nearest nodes with Feasibility.canHost ── O(k)        │
 *   │        ▼                                                                │
 *   │ SlotMarket.probe ── zero-cost virtual bid: prices, rank, pack tasks     │
 *   │ SlotMarket.probe ── zero-cost fill-or-kill check of the chosen slots    │
 *   │ SlotMarket.bid ──── the real fill-or-kill bid ── rejected? retry ≤ R    │
 *   └────────────────────────────────────────┬───────────────────────────────┘
 *                                            ▼
 *                        PlacementResult | PlacementFailure (reasons with quantities)
 * </pre>
 *
 * <p>Seams, so that this package needs nothing but {@code io.teg.model}:
 * <ul>
 *   <li>{@link io.teg.agent.Landscape}: the field snapshot as the agent sees it (an adapter over the field's
 *       snapshot implements it; {@link io.teg.agent.AnalyticLandscape} gives closed-form ones);</li>
 *   <li>{@link io.teg.agent.Feasibility}: what is free now ({@link io.teg.agent.FreeResources} is a
 *       self-contained one);</li>
 *   <li>{@link io.teg.agent.SlotMarket}: the zone ledgers ({@link io.teg.agent.PostedPriceMarket} until they are
 *       wired in).</li>
 * </ul>
 *
 * <p>Cost of one decision: O(K·M) for the flight on an M-point field, plus O((1 + R)·k') for landing, quoting and
 * bidding, where k' = max(k, tasks) and R the retries; never O(N).
 */
package io.teg.agent;

/**
 * The zone ledger: one market per zone (GPU SuperPod) that sells node slots and whole GPU blocks in second-price
 * auctions, burns what it is paid, and journals every accepted event.
 *
 * <pre>
 *  producers (agents, Slurm upcalls,          ring: preallocated OrderEvent slots
 *  governor ticks, node telemetry)            (Disruptor 4, MULTI producer)
 *  ──────────────────────────────            ┌───┬───┬───┬───┬───┬───┬───┬───┐
 *   Bid / Expand / Release ──translator──►   │ c │ c │ c │ c │   │   │   │   │
 *   Mint / Tick / TaxRate  ──translator──►   └───┴───┴───┴─┬─┴───┴───┴───┴───┘
 *   NodeCondition / UsageReport                            │ sequence order
 *                                                          ▼
 *                                           one matcher thread (ZoneLedger)
 *                                                          │ LedgerBook.submit(command, future)
 *                                                          ▼
 *                      ┌──────────────────── LedgerBook (synchronous, deterministic) ─────────────────────┐
 *                      │ auction window ─► Vickrey clearing ─► wallets (µtokens)   leases   BlockTree     │
 *                      │  (bids ranked)    (second price,       burn / escrow /              (free counts │
 *                      │                    reserve = pricing)   decay / tax                  per block)  │
 *                      └──────────────┬───────────────────────────────────────┬─────────────────────────┘
 *                                     │ accepted events (effects)             │ results
 *                                     ▼                                       ▼
 *                          Journal (append-only, seq 1, 2, ...)     ResultSink → CompletableFuture
 *                                     │
 *                                     └──► LedgerBook.replay(config, journal): identical state on a new owner
 * </pre>
 *
 * <h2>Units</h2>
 * Tokens are counted in µtokens ({@code long}, 1 token = 10⁶ µtokens) so the token invariant
 * minted − burned = Σ balances + Σ escrowed holds exactly. Rates are µtokens per unit-second (a unit is a GPU, or a
 * CPU core for CPU-only demand); times are nanoseconds from an injected clock; durations are whole seconds; CPU is in
 * thousandths of a core and memory in MiB, as in {@code io.teg.model}.
 *
 * <h2>Types</h2>
 * Orders: {@link io.teg.ledger.Bid} (on {@link io.teg.ledger.Target.Nodes} or a {@link io.teg.ledger.Target.Block}),
 * {@link io.teg.ledger.Expand}, {@link io.teg.ledger.Release}; administration: {@link io.teg.ledger.Mint},
 * {@link io.teg.ledger.Tick}, {@link io.teg.ledger.CloseAuction}, {@link io.teg.ledger.NodeCondition},
 * {@link io.teg.ledger.UsageReport}, {@link io.teg.ledger.TaxRate}, {@link io.teg.ledger.Inspect}. Results:
 * {@link io.teg.ledger.Fill}, {@link io.teg.ledger.Quote}, {@link io.teg.ledger.Reject} and the acknowledgements.
 * Pricing is the small {@link io.teg.ledger.PricingFunction} interface; {@link io.teg.ledger.MultiplicativePricing} is
 * base × local thermal × external (gossip) × demand × the memory asymptote.
 *
 * <p>This package depends only on {@code io.teg.model} and libraries.
 */
package io.teg.ledger;

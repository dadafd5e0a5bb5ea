/**
 * The grid: TEG's roles on a Hazelcast 5.6 cluster (one per site), or on one embedded member by default.
 *
 * <pre>
 *  governor members (one active: GovernorSeat)        ledger members                      slurmctld JVM (client)
 *  ┌──────────────────────────────┐   teg-field   ┌──────────────────────────────┐      ┌──────────────────────┐
 *  │ GovernorRole ─► FieldChannel ├──(signed)────►│ FieldView (verify, local copy)│◄─────┤ FieldView / near cache│
 *  └──────────────────────────────┘               │                              │      │                      │
 *           ▲ teg-telemetry (micro-batches,        │ ZoneHosting: the ZoneLedger  │◄─────┤ OrderDesk ─ PlaceOrder│
 *           │  ZoneKey → zone's partition)         │  of every zone it owns       │ teg- │  (signed orders,     │
 *  node agents: TelemetryBus                       │   └ GridJournal: teg-journal │orders│   submitToKeyOwner)  │
 *                                                  │     + teg-leases (backed up) │      └──────────────────────┘
 *                                                  │   └ SetBalance ─► teg-wallets│
 *                                                  └──────────────────────────────┘
 * </pre>
 *
 * Every value on the grid is compact-serialized ({@link io.teg.grid.GridSerialization}); fields and orders carry
 * Ed25519 signatures of the site key ({@link io.teg.grid.SiteKey}). Configuration: {@link io.teg.grid.GridSettings}
 * and the YAML files of {@code hazelcast-config/}. Operations guide: {@code docs/grid.md}.
 */
package io.teg.grid;

/**
 * The physical machine room every simulated scheduler runs in, and the physics of every job. Shared by all
 * schedulers and never tuned for any of them. Model, parameters, sources and calibrated numbers: {@code docs/model.md}.
 *
 * <pre>
 *   data/telemetry ──► Calibration ──┬──────────────► WorkloadPhysics.prepare(jobs, cluster, ..., seed)
 *   (FAU, IPMI)        (immutable)   │                    │  per job, seeded by (seed, index):
 *                                    │                    │  intensity, fear premium, memory trajectory
 *   PhysicsParameters ───────────────┤                    ▼
 *   (validated record)               │                 Workload ──► Simulation
 *                                    ▼                                 │ taskStarted / taskEnded  (O(1))
 *                             DataCenterPlant ◄────────────────────────┘ advance(now, dt) per step (O(N))
 *
 *   one step:   P_i ──► exhaust rise r_i = P_i / H_i ──► sums per chassis/rack/row/zone
 *                   ──► recirculation rec_i ──► CRAC per zone: T_supply, COP, cooling power
 *                   ──► T_in,i = T_supply + rec_i ──► RC: T_i ← T_eq + (T_i − T_eq)·e^(−dt/τ)
 *                   ──► throttle (hysteresis) ──► PDU caps (rack, row, zone) ──► energy
 * </pre>
 */
package io.teg.sim.physics;

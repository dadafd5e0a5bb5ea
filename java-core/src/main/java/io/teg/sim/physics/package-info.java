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
 *                             per node, once: resistance factor f_i, seeded by the node index alone
 *
 *   one step:   P_i ──► exhaust rise r_i = P_i / H_i ──► sums per chassis/rack/row/zone
 *                   ──► recirculation rec_i ──► CRAC per zone: T_supply, COP, cooling power
 *                   ──► T_in,i = T_supply + rec_i ──► RC: T_i ← T_eq + (T_i − T_eq)·e^(−dt/τ),  T_eq = T_in,i + R_i P_i
 *                   ──► throttle (hysteresis) ──► PDU caps (rack, row, zone) ──► energy
 * </pre>
 *
 * <p><b>Thermal spread.</b> Node i's thermal resistance is R_i = f_i dT_die / P_max,i, K/W: dT_die is the calibrated
 * die rise at nameplate (K) and f_i (dimensionless) is drawn from the empirical node-to-node spread of the measured
 * resistance in the IPMI snapshot ({@link io.teg.sim.physics.Calibration#resistanceFactors()}, median 1, from nodes
 * drawing at least {@value io.teg.sim.physics.Calibration#RESISTANCE_POWER_FLOOR_SHARE} of the reference CPU power).
 * The draw depends only on i and {@link io.teg.sim.physics.DataCenterPlant#THERMAL_SPREAD_SEED}, so every scheduler
 * and every run see the same room. {@link io.teg.sim.physics.PhysicsParameters#thermalSpread()} false gives f_i = 1
 * (homogeneous room).
 */
package io.teg.sim.physics;

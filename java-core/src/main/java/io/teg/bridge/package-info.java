/**
 * The Slurm side of TEG: the engine as it runs inside slurmctld, behind the select/teg plugin
 * ({@code slurm-plugin-c/}).
 *
 * <pre>
 *  slurmctld threads          bridge thread (C, owns the JVM)          Java (this package)
 *  select_p_job_test ──slot──► upcalls.job_test(req) ──Panama stub──► Upcalls.jobTest ─► SlurmPlacement.rank
 *     waits ≤ DecisionTimeout                                          (PlacementEngine over the candidates)
 *  select_p_job_begin ─queue─► upcalls.job_begin ─────────────────────► SlurmPlacement.begin (leases, ZoneLedger book)
 *  select_p_job_fini ──queue─► upcalls.job_fini ──────────────────────► SlurmPlacement.fini  (settle)
 * </pre>
 *
 * <p>Start-up: the plugin creates the JVM and makes one JNI call, {@link io.teg.bridge.Bootstrap#init}; Java builds
 * the upcall stubs and hands their table to C through the exported {@code teg_bridge_register}. The table and every
 * struct passed through it are laid out in {@link io.teg.bridge.Layouts}, which must match
 * {@code slurm-plugin-c/teg_bridge.h}; the ABI version is checked on both sides.
 */
package io.teg.bridge;

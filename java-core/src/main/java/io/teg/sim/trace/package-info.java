/**
 * Trace readers and transforms for {@code teg sim}: real workload logs in, {@link io.teg.sim.trace.Trace}s out.
 *
 * <pre>
 *   file ──► TraceReaders.read(file, TraceOptions) ── sniffs the first line
 *               ├── ';' or a number ──► SwfReader            (Parallel Workloads Archive, 18 columns)
 *               └── "name,"         ──► AlibabaTraceReader   (Alibaba GPU v2023 pod list + node list)
 *                                          │
 *                                          ▼
 *                         Trace(name, source, ClusterSpec, List&lt;SimJob&gt;, TraceDiagnostics)
 *                                          │
 *               TraceTransforms: limitJobs ─ scaledTo(nodes) ─ withLoad(target)   (pure, re-indexed)
 *                                          │
 *                                          ▼
 *                                 physics.Workload ──► Simulation
 * </pre>
 *
 * <p>Malformed lines are data ({@link io.teg.sim.trace.TraceDiagnostics}, {@code file:line: reason}) unless the
 * options are strict, when the first one throws {@link io.teg.sim.trace.TraceFormatException}. Every reader is
 * deterministic: the same file, options and seed give the same trace.
 */
package io.teg.sim.trace;

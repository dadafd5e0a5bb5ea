package io.teg.sim.trace;

import io.teg.model.JobRequest;
import io.teg.model.NodeSpec;
import io.teg.model.TaskShape;
import io.teg.sim.ClusterSpec;
import io.teg.sim.SimJob;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Pure functions from a trace to a trace, for {@code teg sim}: offered load, load scaling, cluster scaling and
 * truncation. Every result has its jobs re-indexed 0..n-1 in submission order and a note in its diagnostics saying
 * what was done; the input is never changed.
 */
public final class TraceTransforms {

    private TraceTransforms() {
    }

    /**
     * The offered load of each resource r in {cpu, memory, gpu}:
     * <pre>
     *   rho_r = sum_j ( n_j * d_{j,r} * t_j ) / ( C_r * S )
     * </pre>
     * where n_j is job j's task count, d_{j,r} its demand per task (CPU in milli-cores, memory in MiB, GPU in
     * milli-GPUs, i.e. {@link TaskShape#gpuMilliTotal()}), t_j its runtime in seconds, C_r the cluster's capacity in
     * the same unit, and S = max(1 s, last submit - first submit). Jobs of unknown memory (0 MiB) count 0. A
     * resource the cluster lacks has load 0, or +infinity when some job asks for it.
     */
    public static OfferedLoad loadByResource(Trace trace) {
        double cpuCapacity = 0;
        double memCapacity = 0;
        double gpuCapacity = 0;
        for (NodeSpec n : trace.cluster().nodes()) {
            cpuCapacity += n.cpuMilli();
            memCapacity += n.memMiB();
            gpuCapacity += n.gpus() * 1000.0;
        }
        double cpu = 0;
        double mem = 0;
        double gpu = 0;
        for (SimJob j : trace.jobs()) {
            double taskSeconds = (double) j.tasks() * j.runtimeS();
            cpu += taskSeconds * j.task().cpuMilli();
            mem += taskSeconds * j.task().memMiB();
            gpu += taskSeconds * j.task().gpuMilliTotal();
        }
        List<SimJob> jobs = trace.jobs();
        long span = jobs.isEmpty() ? 1 : Math.max(1, jobs.getLast().submitS() - jobs.getFirst().submitS());
        return new OfferedLoad(ratio(cpu, cpuCapacity * span), ratio(mem, memCapacity * span), ratio(gpu, gpuCapacity * span), span);
    }

    /** The offered load rho: the largest of {@link #loadByResource(Trace)}'s three loads, dimensionless. */
    public static double offeredLoad(Trace trace) {
        return loadByResource(trace).rho();
    }

    private static double ratio(double demand, double capacity) {
        if (demand == 0) return 0;
        return capacity == 0 ? Double.POSITIVE_INFINITY : demand / capacity;
    }

    /**
     * The trace with every submit time multiplied by rho / target (rounded to whole seconds), which compresses
     * (target &gt; rho) or stretches (target &lt; rho) the inter-arrival times so that the offered load becomes
     * {@code target}, up to that rounding. Runtimes, shapes and order are kept.
     *
     * @param target the offered load wanted ({@code --load}), &gt; 0
     * @throws IllegalArgumentException when target is not a positive finite number, or the trace has no load to scale
     */
    public static Trace withLoad(Trace trace, double target) {
        if (!(target > 0) || Double.isInfinite(target))
            throw new IllegalArgumentException("--load must be a number > 0, got " + target);
        double rho = offeredLoad(trace);
        if (!(rho > 0) || Double.isInfinite(rho))
            throw new IllegalArgumentException("--load " + target + ": trace " + trace.name() + " has offered load " + rho
                    + ", which submit times cannot scale");
        double factor = rho / target;
        List<SimJob> jobs = new ArrayList<>(trace.size());
        for (SimJob j : trace.jobs()) jobs.add(j.withSubmit(Math.round(j.submitS() * factor)));
        return trace.withJobs(trace.cluster(), jobs, String.format(Locale.ROOT,
                "--load %.3f: submit times x %.4f (offered load was %.3f)", target, factor, rho));
    }

    /**
     * The trace on a cluster of about {@code nodes} nodes: the cluster is replicated k = max(1, round(nodes / n0))
     * times ({@link ClusterSpec#replicate(int)}, n0 = the trace's node count) and so is every job; copy c of a job
     * keeps its submit time and gets job id {@code id + c * 10^d}, 10^d being the first power of ten above every id.
     * Jobs are ordered by (submit, source line, copy). Demand and capacity both grow k-fold over the same span, so
     * the offered load stays the same.
     *
     * @param nodes the node count wanted ({@code --nodes}), &ge; 1
     */
    public static Trace scaledTo(Trace trace, int nodes) {
        if (nodes < 1) throw new IllegalArgumentException("--nodes must be >= 1, got " + nodes);
        int n0 = trace.cluster().nodes().size();
        int k = (int) Math.max(1, Math.round((double) nodes / n0));
        long maxId = 0;
        for (SimJob j : trace.jobs()) maxId = Math.max(maxId, j.request().jobId());
        long stride = 10;
        while (stride <= maxId) stride *= 10;
        List<SimJob> jobs = new ArrayList<>(trace.size() * k);
        for (SimJob j : trace.jobs()) {
            JobRequest r = j.request();
            for (int c = 0; c < k; c++) {
                JobRequest copy = c == 0 ? r
                        : new JobRequest(r.jobId() + c * stride, r.account(), r.tasks(), r.task(), r.timeLimitS(), r.priority());
                jobs.add(new SimJob(jobs.size(), copy, j.submitS(), j.runtimeS(), j.qos(), j.sourceLine()));
            }
        }
        return trace.withJobs(trace.cluster().replicate(k), jobs,
                "--nodes " + nodes + ": cluster and jobs replicated " + k + " times (" + n0 + " -> " + n0 * k + " nodes)");
    }

    /**
     * The first {@code maxJobs} jobs of the trace, or the trace itself when it has no more.
     *
     * @param maxJobs the number of jobs to keep, &ge; 1
     */
    public static Trace limitJobs(Trace trace, int maxJobs) {
        if (maxJobs < 1) throw new IllegalArgumentException("maxJobs must be >= 1, got " + maxJobs);
        if (maxJobs >= trace.size()) return trace;
        List<SimJob> jobs = new ArrayList<>(maxJobs);
        for (int i = 0; i < maxJobs; i++) jobs.add(trace.jobs().get(i).withIndex(i));
        return trace.withJobs(trace.cluster(), jobs, "limited to the first " + maxJobs + " of " + trace.size() + " jobs");
    }
}

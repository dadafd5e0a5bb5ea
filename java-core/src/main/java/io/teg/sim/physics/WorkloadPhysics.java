package io.teg.sim.physics;

import io.teg.model.JobRequest;
import io.teg.model.NodeSpec;
import io.teg.model.TaskShape;
import io.teg.sim.ClusterSpec;
import io.teg.sim.SimJob;
import org.apache.commons.math3.distribution.NormalDistribution;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Draws the physics of every job of a trace: its power intensity, its fear premium and its memory trajectory. The
 * draws for job i come from a generator seeded by (seed, i) alone, so every scheduler, and every run with the same
 * seed, replays the same physics, whatever else is in the trace.
 *
 * <p>Per job, in this order (all draws are made whatever the options, so that turning bursts on or off changes no
 * other draw):
 * <ol>
 *   <li>intensity I: one of the calibrated FAU job intensities, uniformly ({@link Calibration#intensityAt});</li>
 *   <li>fear premium alpha ~ U[fearPremiumMin, fearPremiumMax] (paper eq. 4: R_req = R_real (1 + alpha));</li>
 *   <li>memory share f ~ LogNormal(median m, sigma), clipped to [fMin, fMax];</li>
 *   <li>burst: u_burst ~ U[0,1), start time, height b ~ U[burstFactorMin, burstFactorMax].</li>
 * </ol>
 *
 * <p><b>Memory.</b> If the trace gives the task's memory request (memMiB &gt; 0), the real peak per task is
 * floor(request / (1 + alpha)) (at least 1 MiB). If it does not (memMiB == 0, e.g. SWF), the real peak is
 * round(f x M), M the memory of the smallest node that could hold the task (or of the smallest node, when none
 * can), and the job's request is rewritten to min(M, ceil(real (1 + alpha))): the request is capped at M, so for a
 * large f the realised premium is below alpha.
 *
 * <p><b>Trajectory</b> (offsets in seconds after the start, only those before the run time are kept):
 * rampUsageShare x real from 0 until round(rampShare x runtime), then the real peak. With bursts on and
 * u_burst &lt; burstProbability, one burst: from a start uniform in [0, runtime) the use is ceil(b x real) for
 * max(burstMinDurationS, round(burstDurationShare x runtime)) seconds, then returns to the level it had. Where the
 * cgroup limit equals the request (Slurm), a burst past the request, b &gt; request / real, is what OOM-kills a job;
 * under a higher limit (Kubernetes Burstable) the same burst may survive.
 */
public final class WorkloadPhysics {

    private WorkloadPhysics() {
    }

    /**
     * Fills in missing memory requests and draws every job's profile.
     *
     * @param jobs the trace's jobs, {@code jobs.get(i).index() == i}, sorted by submission time
     * @param cluster the cluster they run on (for the memory of the smallest node that could hold a task)
     * @param calibration the intensity distribution
     * @param params fear premium, memory and burst parameters
     * @param seed the run's physics seed
     * @param memoryBursts whether jobs may burst
     * @return the jobs (with memory requests where they had none) and their profiles
     */
    public static Workload prepare(List<SimJob> jobs, ClusterSpec cluster, Calibration calibration,
                                   PhysicsParameters params, long seed, boolean memoryBursts) {
        NodeSpec[] shapes = distinctShapes(cluster.nodes());
        long smallestNodeMem = Long.MAX_VALUE;
        for (NodeSpec s : shapes) smallestNodeMem = Math.min(smallestNodeMem, s.memMiB());
        // f = exp(ln m + sigma z), z = Phi^-1(u): the lognormal's inverse CDF in closed form (erfInv)
        NormalDistribution standardNormal = new NormalDistribution(null, 0, 1);
        double lnMedian = Math.log(params.memoryFractionMedian());
        Map<TaskShape, Long> holderMem = new LinkedHashMap<>();

        List<SimJob> out = new ArrayList<>(jobs.size());
        List<JobProfile> profiles = new ArrayList<>(jobs.size());
        for (SimJob job : jobs) {
            SplittableRandom rng = generator(seed, job.index());
            double intensity = calibration.intensityAt(rng.nextDouble());
            double alpha = params.fearPremiumMin() + (params.fearPremiumMax() - params.fearPremiumMin()) * rng.nextDouble();
            double u = rng.nextDouble();
            double z = standardNormal.inverseCumulativeProbability(u);
            double f = Math.clamp(Math.exp(lnMedian + params.memoryFractionSigma() * z),
                    params.memoryFractionMin(), params.memoryFractionMax());
            double burstU = rng.nextDouble();
            double burstStartU = rng.nextDouble();
            double burstB = params.burstFactorMin() + (params.burstFactorMax() - params.burstFactorMin()) * rng.nextDouble();

            TaskShape task = job.task();
            long realMiB;
            SimJob prepared = job;
            if (task.memMiB() > 0) {
                realMiB = Math.max(1, (long) Math.floor(task.memMiB() / (1 + alpha)));
                realMiB = Math.min(realMiB, task.memMiB());
            } else {
                long nodeMem = holderMem.computeIfAbsent(task, t -> smallestHolderMem(shapes, t));
                if (nodeMem == Long.MAX_VALUE) nodeMem = smallestNodeMem;
                realMiB = Math.clamp(Math.round(f * nodeMem), 1, nodeMem);
                long request = Math.min(nodeMem, (long) Math.ceil(realMiB * (1 + alpha)));
                TaskShape withMem = new TaskShape(task.cpuMilli(), request, task.gpus(), task.gpuMilli(), task.gpuModelMask());
                JobRequest r = job.request();
                prepared = job.withRequest(new JobRequest(r.jobId(), r.account(), r.tasks(), withMem, r.timeLimitS(), r.priority()));
            }
            boolean burst = memoryBursts && burstU < params.burstProbability();
            MemoryTrajectory memory = trajectory(realMiB, alpha, job.runtimeS(), params, burst, burstStartU, burstB);
            out.add(prepared);
            profiles.add(new JobProfile(intensity, memory));
        }
        return new Workload(out, profiles);
    }

    /**
     * The generator for job {@code index} under {@code seed}: a SplittableRandom seeded by a 64-bit mix of both
     * (the finaliser of SplitMix64), so neighbouring indices and seeds give unrelated streams.
     */
    static SplittableRandom generator(long seed, int index) {
        long z = seed * 0x9E3779B97F4A7C15L + (index + 1L) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        z = z ^ (z >>> 31);
        return new SplittableRandom(z);
    }

    static MemoryTrajectory trajectory(long realMiB, double alpha, long runtimeS, PhysicsParameters p,
                                       boolean burst, double burstStartU, double burstB) {
        long rampEnd = Math.round(p.rampShare() * runtimeS);
        long rampUse = Math.max(1, (long) Math.ceil(p.rampUsageShare() * realMiB));
        long burstStart = -1;
        long burstEnd = -1;
        long burstUse = 0;
        if (burst) {
            burstStart = Math.min(runtimeS - 1, (long) Math.floor(burstStartU * runtimeS));
            burstEnd = burstStart + Math.max(p.burstMinDurationS(), Math.round(p.burstDurationShare() * runtimeS));
            burstUse = (long) Math.ceil(burstB * realMiB);
        }
        long[] points = {0, rampEnd, burstStart, burstEnd};
        java.util.Arrays.sort(points);
        long[] offsets = new long[4];
        long[] usage = new long[4];
        int k = 0;
        for (long t : points) {
            if (t < 0 || t >= runtimeS || (k > 0 && t == offsets[k - 1])) continue;
            long use = burst && t >= burstStart && t < burstEnd ? burstUse : t < rampEnd ? rampUse : realMiB;
            if (k > 0 && usage[k - 1] == use) continue;
            offsets[k] = t;
            usage[k] = use;
            k++;
        }
        return new MemoryTrajectory(realMiB, alpha, java.util.Arrays.copyOf(offsets, k), java.util.Arrays.copyOf(usage, k));
    }

    private static NodeSpec[] distinctShapes(List<NodeSpec> nodes) {
        Map<List<Object>, NodeSpec> seen = new LinkedHashMap<>();
        for (NodeSpec s : nodes) {
            seen.putIfAbsent(List.of(s.cpuMilli(), s.memMiB(), s.gpus(), s.gpuModelId()), s);
        }
        return seen.values().toArray(new NodeSpec[0]);
    }

    /** Memory of the smallest node that could hold {@code task} on its own, or Long.MAX_VALUE when none can. */
    private static long smallestHolderMem(NodeSpec[] shapes, TaskShape task) {
        long best = Long.MAX_VALUE;
        for (NodeSpec s : shapes) {
            if (s.canEverHold(task) && s.memMiB() < best) best = s.memMiB();
        }
        return best;
    }
}

package io.teg.sim.baseline;

import io.teg.model.NodeSpec;
import io.teg.model.TaskShape;
import io.teg.sim.ClusterView;

/**
 * How many identical tasks of one shape fit on a node: the same rule the simulator applies when it starts a job
 * all at once ({@link io.teg.sim.SchedulerContext#start}), so that a placement computed here is never refused there.
 *
 * <p>For free CPU {@code c} (thousandths of a core), free memory {@code m} (MiB), {@code w} idle GPUs and a
 * largest free single-GPU share {@code g} (thousandths), a task needing {@code tc}, {@code tm}, {@code tg} GPUs of
 * {@code ts} thousandths each fits {@code k} times with
 * <pre>
 *   k = min( floor(c / tc), floor(m / tm), kGpu )
 *   kGpu = floor(w / tg)                       whole GPUs (ts = 1000)
 *   kGpu = max( floor(g / ts), w )             a share of one GPU (tg = 1, ts &lt; 1000)
 * </pre>
 * where a zero demand puts no bound on its term, and {@code kGpu = 0} when the node's GPU model is not in the
 * task's model mask. Stateless.
 */
final class TaskFit {

    private TaskFit() {
    }

    /** Tasks of {@code shape} that fit in the given free amounts of a node with capacity {@code spec}. */
    static int slots(NodeSpec spec, TaskShape shape, long freeCpuMilli, long freeMemMiB, int freeWholeGpus,
                     int maxGpuFreeMilli) {
        long k = Integer.MAX_VALUE;
        if (shape.cpuMilli() > 0) k = Math.min(k, Math.max(0, freeCpuMilli) / shape.cpuMilli());
        if (shape.memMiB() > 0) k = Math.min(k, Math.max(0, freeMemMiB) / shape.memMiB());
        if (shape.gpus() > 0) {
            if (!modelAllowed(spec, shape)) return 0;
            long kGpu = shape.sharesGpu()
                    ? Math.max(maxGpuFreeMilli / shape.gpuMilli(), freeWholeGpus)
                    : freeWholeGpus / shape.gpus();
            k = Math.min(k, kGpu);
        }
        return (int) k;
    }

    /** Tasks of {@code shape} an empty node of {@code spec} holds. */
    static int slotsWhenEmpty(NodeSpec spec, TaskShape shape) {
        return slots(spec, shape, spec.cpuMilli(), spec.memMiB(), spec.gpus(), spec.gpus() > 0 ? 1000 : 0);
    }

    /**
     * Tasks of {@code shape} that fit on {@code node} now, at most {@code wanted}, read through {@code view} (each read
     * is one node touch). Asking for one task costs one read ({@link ClusterView#fits}); asking for more reads the
     * free CPU and memory, and the GPU state when the task needs GPUs.
     */
    static int slotsNow(ClusterView view, int node, TaskShape shape, int wanted) {
        if (wanted <= 1) return view.fits(node, shape) ? 1 : 0;
        NodeSpec spec = view.spec(node);
        if (shape.gpus() > 0 && !modelAllowed(spec, shape)) return 0;
        long cpu = view.freeCpuMilli(node);
        if (cpu < shape.cpuMilli()) return 0;
        long mem = view.freeMemMiB(node);
        if (mem < shape.memMiB()) return 0;
        int whole = 0;
        int maxShare = 0;
        if (shape.gpus() > 0) {
            whole = view.freeWholeGpus(node);
            if (shape.sharesGpu() && whole == 0) maxShare = view.maxGpuFreeMilli(node);
            else if (whole > 0) maxShare = 1000;
        }
        return Math.min(wanted, slots(spec, shape, cpu, mem, whole, maxShare));
    }

    /** True when the node's GPU model is allowed by the task's mask (always true without GPUs or without a mask). */
    static boolean modelAllowed(NodeSpec spec, TaskShape shape) {
        if (shape.gpus() == 0 || shape.gpuModelMask() == 0) return true;
        return spec.gpus() > 0 && spec.gpuModelId() >= 0 && (shape.gpuModelMask() & (1L << spec.gpuModelId())) != 0;
    }
}

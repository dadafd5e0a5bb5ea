package io.teg.node.power;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits the node's GPU power budget B (mW, set by the governor) across the GPUs by demand, each within its
 * constraints, never above B, with changes rate-limited.
 *
 * <p>Target (water-filling): every GPU starts at its minimum m_i; the rest R = B − Σ m_i is shared in proportion
 * to demand d_i among GPUs below their maximum M_i, a GPU that reaches M_i drops out and its unused share is shared
 * again; equal shares when all demands are 0 (GPUs without demand share only what those with demand cannot take). So t_i ∈ [m_i, M_i] and Σ t_i ≤ B whenever Σ m_i ≤ B.
 *
 * <p>Rate limit: a cap moves at most {@code maxStepMilliwatts} per tick towards its target. The budget wins over the
 * rate limit: if the step-limited caps would sum above B, the caps still above their targets come down further
 * (never below their targets) until Σ ≤ B. Increases are always step-limited.
 *
 * <p>Immutable and pure; integer milliwatts throughout (rounding leaves at most one mW per GPU unallocated).
 */
public final class PowerCapPolicy {

    private final long maxStepMilliwatts;

    /** @param maxStepMilliwatts the largest change of one GPU's cap per tick, mW (> 0) */
    public PowerCapPolicy(long maxStepMilliwatts) {
        if (maxStepMilliwatts <= 0) throw new IllegalArgumentException("maxStepMilliwatts must be > 0, got " + maxStepMilliwatts);
        this.maxStepMilliwatts = maxStepMilliwatts;
    }

    public long maxStepMilliwatts() {
        return maxStepMilliwatts;
    }

    public PowerCaps decide(long budgetMilliwatts, List<GpuDemand> gpus) {
        if (budgetMilliwatts < 0) throw new IllegalArgumentException("budget must be >= 0 mW, got " + budgetMilliwatts);
        int n = gpus.size();
        long[] target = targets(budgetMilliwatts, gpus);
        long floor = gpus.stream().mapToLong(GpuDemand::minMilliwatts).sum();

        long[] cap = new long[n];
        long sum = 0;
        for (int i = 0; i < n; i++) {
            GpuDemand g = gpus.get(i);
            long cur = Math.max(g.minMilliwatts(), Math.min(g.maxMilliwatts(), g.currentMilliwatts()));
            long lo = cur - maxStepMilliwatts;
            long hi = cur + maxStepMilliwatts;
            cap[i] = Math.max(lo, Math.min(hi, target[i]));
            sum += cap[i];
        }
        // the budget wins over the rate limit on the way down
        long excess = sum - Math.max(budgetMilliwatts, floor);
        for (int i = 0; i < n && excess > 0; i++) {
            long surplus = cap[i] - target[i];
            if (surplus <= 0) continue;
            long cut = Math.min(surplus, excess);
            cap[i] -= cut;
            excess -= cut;
        }
        List<Long> caps = new ArrayList<>(n);
        List<Long> targets = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            caps.add(cap[i]);
            targets.add(target[i]);
        }
        return new PowerCaps(caps, targets, budgetMilliwatts, floor);
    }

    /** Demand-proportional water-filling of the budget within [min, max]. */
    static long[] targets(long budget, List<GpuDemand> gpus) {
        int n = gpus.size();
        long[] t = new long[n];
        long remaining = budget;
        for (int i = 0; i < n; i++) {
            t[i] = gpus.get(i).minMilliwatts();
            remaining -= t[i];
        }
        boolean[] full = new boolean[n];
        for (int i = 0; i < n; i++) full[i] = t[i] >= gpus.get(i).maxMilliwatts();
        while (remaining > 0) {
            double weights = 0;
            int open = 0;
            for (int i = 0; i < n; i++) {
                if (!full[i]) {
                    weights += gpus.get(i).demand();
                    open++;
                }
            }
            if (open == 0) break;
            long given = 0;
            for (int i = 0; i < n; i++) {
                if (full[i]) continue;
                double w = weights > 0 ? gpus.get(i).demand() / weights : 1.0 / open;
                long share = (long) Math.floor(remaining * w);
                long room = gpus.get(i).maxMilliwatts() - t[i];
                long give = Math.min(Math.min(share, room), remaining - given);
                t[i] += give;
                given += give;
                if (t[i] >= gpus.get(i).maxMilliwatts()) full[i] = true;
            }
            remaining -= given;
            if (given == 0) break; // rounding dust, or only GPUs without demand left below their maximum
        }
        return t;
    }
}

package io.teg.governor;

/**
 * Per-node hard power caps (RAPL / NVML power limits) that keep every power budget (rack, row and zone PDU) under
 * its cap: the hard constraint behind the {@link PowerBudgetBarrier}, for when the tax alone cannot hold a budget.
 * Pure and immutable.
 *
 * <p>Each node i has idle power I_i (not cappable) and dynamic power D_i. For every budget g of every level with
 * cap C_g, members' idle sum I_g and dynamic sum D_g, the budget's share is
 * <pre>  s_g = clamp((C_g (1 - margin) - I_g) / D_g, minShare, 1)     (1 when D_g = 0)</pre>
 * and node i gets the least share of the budgets it belongs to, s_i = min_g s_g: its dynamic power may be at most
 * s_i D_i. Then for every budget Σ (I_i + s_i D_i) &le; I_g + s_g D_g &le; C_g (1 - margin), unless s_g was raised to
 * minShare (a budget whose idle power alone nearly fills it: the cap cannot be held by capping).
 */
public final class PowerCapPlanner {

    private final double margin;
    private final double minShare;

    /**
     * @param margin headroom kept under each cap, as a share of it, in [0, 0.5)
     * @param minShare the lowest share of its dynamic power a node is capped to, in (0, 1] (a processor has a
     *        lowest operating point)
     */
    public PowerCapPlanner(double margin, double minShare) {
        this.margin = Bounds.closedOpen(0, 0.5).require("powerCap.margin", margin);
        this.minShare = Bounds.open(0, 1.0 + 1e-12).require("powerCap.minShare", minShare);
    }

    /**
     * The dynamic-power share of every node, in [minShare, 1].
     *
     * @param idleW idle power per node, W
     * @param dynamicW uncapped dynamic power per node, W
     * @param groupOf per level, the budget index of each node ({@code groupOf[level][node]})
     * @param capW per level, the cap of each budget, W ({@code capW[level][group]})
     */
    public double[] shares(double[] idleW, double[] dynamicW, int[][] groupOf, double[][] capW) {
        int n = idleW.length;
        if (dynamicW.length != n) throw new IllegalArgumentException("idleW has " + n + " nodes, dynamicW " + dynamicW.length);
        if (groupOf.length != capW.length)
            throw new IllegalArgumentException(groupOf.length + " levels of groups but " + capW.length + " levels of caps");
        double[] share = new double[n];
        java.util.Arrays.fill(share, 1.0);
        for (int l = 0; l < groupOf.length; l++) {
            int[] g = groupOf[l];
            if (g.length != n) throw new IllegalArgumentException("level " + l + ": " + g.length + " nodes, expected " + n);
            double[] idle = new double[capW[l].length];
            double[] dyn = new double[capW[l].length];
            for (int i = 0; i < n; i++) {
                idle[g[i]] += idleW[i];
                dyn[g[i]] += dynamicW[i];
            }
            double[] s = new double[capW[l].length];
            for (int k = 0; k < s.length; k++) {
                s[k] = dyn[k] <= 0 ? 1.0
                        : Math.clamp((capW[l][k] * (1 - margin) - idle[k]) / dyn[k], minShare, 1.0);
            }
            for (int i = 0; i < n; i++) share[i] = Math.min(share[i], s[g[i]]);
        }
        return share;
    }

    /**
     * The speed of a node whose dynamic power is held to {@code share} of its demand: dynamic power goes as
     * frequency x voltage², and voltage scales with frequency in the DVFS range, so P_dyn ∝ f³ and speed ∝ f gives
     * {@code share^(1/3)}.
     */
    public static double speedAtShare(double share) {
        return share >= 1.0 ? 1.0 : Math.cbrt(Math.max(0.0, share));
    }

    public double margin() {
        return margin;
    }

    public double minShare() {
        return minShare;
    }
}

package io.teg.sim.teg;

import io.teg.governor.PowerCapPlanner;
import io.teg.model.Topology;
import io.teg.sim.physics.Plant;

/**
 * TEG's node agents' power caps in the simulator: before every physics step, the production
 * {@link PowerCapPlanner} turns the room's power telemetry (idle and full-clock dynamic power per node, the rack,
 * row and zone PDU caps) into one dynamic-power share per node, and the caps are set on the plant, which runs a
 * capped node slower (its cube law). Planning for the full-clock demand of thermally throttled nodes
 * ({@link #fullClockDemandW}) keeps every PDU under its cap also in the step where a node leaves throttling.
 * O(N) per step; the arrays are allocated once.
 */
final class NodePowerCaps {

    /** Headroom kept under every PDU cap, as a share of the cap. */
    static final double MARGIN = 0.01;
    /** The lowest share of its dynamic power a node is capped to (its lowest operating point). */
    static final double MIN_SHARE = 0.05;

    private final PowerCapPlanner planner = new PowerCapPlanner(MARGIN, MIN_SHARE);
    private final int[][] groupOf;
    private final double[][] capW;
    private final double[] idleW;
    private final double[] dynamicW;
    /** The cap share this agent set on each node last (the plant starts uncapped). */
    private final double[] shareSet;
    private long cappedNodeSteps;

    NodePowerCaps(Topology topology, Plant plant) {
        int n = topology.nodeCount();
        groupOf = new int[3][n];
        for (int i = 0; i < n; i++) {
            groupOf[0][i] = topology.rackOf(i);
            groupOf[1][i] = topology.rowOf(i);
            groupOf[2][i] = topology.zoneOf(i);
        }
        capW = new double[][] {new double[topology.rackCount()], new double[topology.rowCount()],
                new double[topology.zoneCount()]};
        for (int r = 0; r < capW[0].length; r++) capW[0][r] = plant.rackCapW(r);
        for (int w = 0; w < capW[1].length; w++) capW[1][w] = plant.rowCapW(w);
        for (int z = 0; z < capW[2].length; z++) capW[2][z] = plant.zoneCapW(z);
        idleW = new double[n];
        dynamicW = new double[n];
        for (int i = 0; i < n; i++) idleW[i] = plant.nodeIdleW(i);
        shareSet = new double[n];
        java.util.Arrays.fill(shareSet, 1.0);
    }

    /** Reads the room and sets every node's cap for the coming step. */
    void apply(Plant plant) {
        for (int i = 0; i < dynamicW.length; i++)
            dynamicW[i] = fullClockDemandW(plant.nodeDynamicDemandW(i), plant.speed(i), shareSet[i]);
        double[] share = planner.shares(idleW, dynamicW, groupOf, capW);
        for (int i = 0; i < share.length; i++) {
            plant.capDynamicPower(i, share[i]);
            shareSet[i] = share[i];
            if (share[i] < 1.0 && dynamicW[i] > 0) cappedNodeSteps++;
        }
    }

    /**
     * The dynamic power a node's tasks would draw at its full clock, W: what the caps are planned for.
     *
     * <p>The demand a node reports (W) includes its thermal throttling. A cap set before a physics step governs the
     * power drawn from the step after it (the plant fixes a step's power at the end of the one before), and the
     * plant decides throttling at the end of the step in between, after the plan. A cap planned for the throttled
     * demand would let a node that leaves throttling there draw 1 / v times its planned dynamic power and carry its
     * PDU over the cap for one step.
     * So the caps are planned for the full-clock demand D = demand / v, where the thermal factor v = speed /
     * share^(1/3) comes from the node's clock relative to nominal ({@code speed}, in (0, 1]) and the cap share the
     * agent set last (the cube law, {@link PowerCapPlanner#speedAtShare}). An unthrottled node has v = 1 and keeps
     * its demand. A throttled node is capped as if at full clock: while it stays throttled it draws v times what was
     * planned for it, which only leaves headroom.
     *
     * @param demandW the node's reported dynamic demand, W (throttling included, no cap)
     * @param speed the node's speed factor now, in (0, 1]
     * @param shareSet the cap share in force now, in (0, 1]
     */
    static double fullClockDemandW(double demandW, double speed, double shareSet) {
        double thermal = speed / PowerCapPlanner.speedAtShare(shareSet);
        return thermal < 1.0 ? demandW / thermal : demandW;
    }

    /** Node-steps in which a busy node ran under a cap, since the start. */
    long cappedNodeSteps() {
        return cappedNodeSteps;
    }
}

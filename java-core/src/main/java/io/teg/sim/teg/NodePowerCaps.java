package io.teg.sim.teg;

import io.teg.governor.PowerCapPlanner;
import io.teg.model.Topology;
import io.teg.sim.physics.Plant;

/**
 * TEG's node agents' power caps in the simulator: before every physics step, the production
 * {@link PowerCapPlanner} turns the room's power telemetry (idle and dynamic power per node, the rack, row and zone
 * PDU caps) into one dynamic-power share per node, and the caps are set on the plant, which runs a capped node
 * slower (its cube law). O(N) per step; the arrays are allocated once.
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
    }

    /** Reads the room and sets every node's cap for the coming step. */
    void apply(Plant plant) {
        for (int i = 0; i < dynamicW.length; i++) dynamicW[i] = plant.nodeDynamicDemandW(i);
        double[] share = planner.shares(idleW, dynamicW, groupOf, capW);
        for (int i = 0; i < share.length; i++) {
            plant.capDynamicPower(i, share[i]);
            if (share[i] < 1.0 && dynamicW[i] > 0) cappedNodeSteps++;
        }
    }

    /** Node-steps in which a busy node ran under a cap, since the start. */
    long cappedNodeSteps() {
        return cappedNodeSteps;
    }
}

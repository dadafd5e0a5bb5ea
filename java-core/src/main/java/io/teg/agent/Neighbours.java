package io.teg.agent;

import java.util.Arrays;

/**
 * The answer of one {@link SpatialIndex} search: accepted nodes nearest first, with their distances and what the
 * search cost. Immutable.
 */
public final class Neighbours {

    private final int[] nodes;
    private final double[] distance2;
    private final int bucketsInspected;
    private final int nodesInspected;
    private final int nodesTested;
    private final boolean complete;

    Neighbours(int[] nodes, double[] distance2, int bucketsInspected, int nodesInspected, int nodesTested,
               boolean complete) {
        this.nodes = nodes;
        this.distance2 = distance2;
        this.bucketsInspected = bucketsInspected;
        this.nodesInspected = nodesInspected;
        this.nodesTested = nodesTested;
        this.complete = complete;
    }

    /** Number of nodes found (≤ the k asked for). */
    public int size() {
        return nodes.length;
    }

    /** The i-th nearest accepted node (0 = nearest). */
    public int node(int i) {
        return nodes[i];
    }

    /** Euclidean distance in metres from the query point to {@link #node(int) node(i)}. */
    public double distanceM(int i) {
        return Math.sqrt(distance2[i]);
    }

    /** Squared distance in m² (exactly {@code dx*dx + dy*dy} with dx, dy the coordinate differences). */
    public double distance2(int i) {
        return distance2[i];
    }

    /** The found nodes, nearest first (a copy). */
    public int[] nodes() {
        return nodes.clone();
    }

    /** Buckets of the grid the search scanned. */
    public int bucketsInspected() {
        return bucketsInspected;
    }

    /** Nodes whose coordinates the search read (every node of every scanned bucket). */
    public int nodesInspected() {
        return nodesInspected;
    }

    /**
     * Nodes on which the search evaluated the caller's predicate: the per-node state reads (nodes outside the
     * candidate set, or farther than the k-th best found so far, are not tested).
     */
    public int nodesTested() {
        return nodesTested;
    }

    /**
     * True when the answer is exact: these are the true nearest accepted candidates (up to ties), or all of them
     * when fewer than k exist. False when the search stopped at its inspection budget first.
     */
    public boolean complete() {
        return complete;
    }

    @Override
    public String toString() {
        return "Neighbours[nodes=" + Arrays.toString(nodes) + ", buckets=" + bucketsInspected + ", inspected="
                + nodesInspected + ", tested=" + nodesTested + ", complete=" + complete + "]";
    }
}

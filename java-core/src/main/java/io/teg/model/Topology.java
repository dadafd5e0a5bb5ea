package io.teg.model;

import java.util.List;

/**
 * Where every node sits: its chassis, rack, row and zone, and its coordinates in the machine-room plane. Immutable;
 * the per-node arrays are computed once in the constructor and indexed by the node's position in the node list.
 *
 * <p>Coordinates: zones are blocks side by side along x; within a zone, racks run along x and rows are stacked
 * along y; within a rack, chassis slots run along y. So x = zoneOffset + rackInRow * rackPitch and
 * y = rowInZone * rowPitch + slotInRack * slotPitch, in metres.
 */
public final class Topology {

    private final List<NodeSpec> nodes;
    private final Layout layout;
    private final int[] chassis;
    private final int[] rack;
    private final int[] row;
    private final int[] zone;
    private final double[] x;
    private final double[] y;
    private final int racks;
    private final int rows;
    private final int zones;

    public Topology(List<NodeSpec> nodes, Layout layout) {
        if (nodes.isEmpty()) throw new IllegalArgumentException("a topology needs at least one node");
        this.nodes = List.copyOf(nodes);
        this.layout = layout;
        int n = nodes.size();
        chassis = new int[n];
        rack = new int[n];
        row = new int[n];
        zone = new int[n];
        x = new double[n];
        y = new double[n];
        double zoneWidth = layout.racksPerRow() * layout.rackPitchM() + layout.zoneGapM();
        for (int i = 0; i < n; i++) {
            chassis[i] = i / layout.nodesPerChassis();
            rack[i] = i / layout.nodesPerRack();
            row[i] = i / layout.nodesPerRow();
            zone[i] = i / layout.nodesPerZone();
            int rackInRow = rack[i] % layout.racksPerRow();
            int rowInZone = row[i] % layout.rowsPerZone();
            int slotInRack = (i % layout.nodesPerRack()) / layout.nodesPerChassis();
            x[i] = zone[i] * zoneWidth + rackInRow * layout.rackPitchM();
            y[i] = rowInZone * layout.rowPitchM() + slotInRack * layout.slotPitchM();
        }
        racks = rack[n - 1] + 1;
        rows = row[n - 1] + 1;
        zones = zone[n - 1] + 1;
    }

    public int nodeCount() {
        return nodes.size();
    }

    public NodeSpec node(int i) {
        return nodes.get(i);
    }

    public List<NodeSpec> nodes() {
        return nodes;
    }

    public Layout layout() {
        return layout;
    }

    public int chassisOf(int node) {
        return chassis[node];
    }

    public int rackOf(int node) {
        return rack[node];
    }

    public int rowOf(int node) {
        return row[node];
    }

    public int zoneOf(int node) {
        return zone[node];
    }

    /** x coordinate in metres. */
    public double x(int node) {
        return x[node];
    }

    /** y coordinate in metres. */
    public double y(int node) {
        return y[node];
    }

    public int rackCount() {
        return racks;
    }

    public int rowCount() {
        return rows;
    }

    public int zoneCount() {
        return zones;
    }

    /** Index of the first node of {@code rack}; racks hold consecutive nodes. */
    public int firstNodeOfRack(int rackIndex) {
        return rackIndex * layout.nodesPerRack();
    }

    /** One past the last node of {@code rack}. */
    public int endNodeOfRack(int rackIndex) {
        return Math.min(nodes.size(), (rackIndex + 1) * layout.nodesPerRack());
    }

    /** The innermost level two distinct nodes share, or null when they are in different zones. */
    public Level sharedLevel(int a, int b) {
        if (chassis[a] == chassis[b]) return Level.CHASSIS;
        if (rack[a] == rack[b]) return Level.RACK;
        if (row[a] == row[b]) return Level.ROW;
        if (zone[a] == zone[b]) return Level.ZONE;
        return null;
    }

    /** Thermal and network coupling between two distinct nodes, in [0, 1]: 1.0 chassis ... 0.2 zone, 0 apart. */
    public double coupling(int a, int b) {
        Level level = sharedLevel(a, b);
        return level == null ? 0.0 : level.coupling();
    }
}

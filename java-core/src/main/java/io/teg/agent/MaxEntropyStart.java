package io.teg.agent;

import io.teg.model.Topology;

import java.util.BitSet;
import java.util.random.RandomGenerator;

/**
 * The maximum-entropy initial condition of an agent's flight (Eq. 9, {@code P(x, 0) ~ Uniform(Ω)}): the start
 * point is drawn uniformly over a box of the machine-room plane, and the agent starts at rest. Immutable and
 * thread-safe; built once per topology in O(N + Z·log Z) for Z zones.
 *
 * <p>Ω for a candidate set is the union of the boxes of the zones from the zone of its first candidate to the
 * zone of its last (node ids grow zone by zone): a box that contains every candidate, found in O(1) after two
 * {@link BitSet} scans for the first and last set bit, with a sparse table of zone boxes. It equals the
 * candidates' own bounding box when they fill those zones.
 *
 * <p>{@link StartMode#FREE_CAPACITY_ZONES} draws a zone with probability proportional to its free capacity
 * ({@link Feasibility#sampleZone}) and then a point uniformly in that zone's box; a zone outside the candidates'
 * zone range is redrawn up to {@value #ZONE_DRAWS} times before falling back to the candidates' box.
 */
public final class MaxEntropyStart {

    /** Draws of a free-capacity zone before falling back to the bounding box. */
    public static final int ZONE_DRAWS = 4;

    /**
     * An axis-aligned box of the plane, metres.
     */
    public record Box(double minX, double minY, double maxX, double maxY) {
        public Box {
            if (!(minX <= maxX) || !(minY <= maxY))
                throw new IllegalArgumentException("box must have min <= max, got x " + minX + ".." + maxX + ", y " + minY + ".." + maxY);
        }

        /** True when (x, y) lies in the box, edges included. */
        public boolean contains(double xM, double yM) {
            return xM >= minX && xM <= maxX && yM >= minY && yM <= maxY;
        }
    }

    private final Topology topology;
    private final int zones;
    private final double[][] lowX;
    private final double[][] lowY;
    private final double[][] highX;
    private final double[][] highY;

    public MaxEntropyStart(Topology topology) {
        this.topology = topology;
        zones = topology.zoneCount();
        int levels = 32 - Integer.numberOfLeadingZeros(zones);
        lowX = new double[levels][zones];
        lowY = new double[levels][zones];
        highX = new double[levels][zones];
        highY = new double[levels][zones];
        java.util.Arrays.fill(lowX[0], Double.POSITIVE_INFINITY);
        java.util.Arrays.fill(lowY[0], Double.POSITIVE_INFINITY);
        java.util.Arrays.fill(highX[0], Double.NEGATIVE_INFINITY);
        java.util.Arrays.fill(highY[0], Double.NEGATIVE_INFINITY);
        for (int i = 0; i < topology.nodeCount(); i++) {
            int z = topology.zoneOf(i);
            lowX[0][z] = Math.min(lowX[0][z], topology.x(i));
            lowY[0][z] = Math.min(lowY[0][z], topology.y(i));
            highX[0][z] = Math.max(highX[0][z], topology.x(i));
            highY[0][z] = Math.max(highY[0][z], topology.y(i));
        }
        for (int j = 1; j < levels; j++) {
            int half = 1 << (j - 1);
            for (int z = 0; z + (1 << j) <= zones; z++) {
                lowX[j][z] = Math.min(lowX[j - 1][z], lowX[j - 1][z + half]);
                lowY[j][z] = Math.min(lowY[j - 1][z], lowY[j - 1][z + half]);
                highX[j][z] = Math.max(highX[j - 1][z], highX[j - 1][z + half]);
                highY[j][z] = Math.max(highY[j - 1][z], highY[j - 1][z + half]);
            }
        }
    }

    /** The box of zones {@code firstZone..lastZone} (inclusive), O(1). */
    public Box zonesBox(int firstZone, int lastZone) {
        if (firstZone < 0 || lastZone >= zones || firstZone > lastZone)
            throw new IllegalArgumentException("zone range must lie in [0, " + (zones - 1) + "], got " + firstZone + ".." + lastZone);
        int j = 31 - Integer.numberOfLeadingZeros(lastZone - firstZone + 1);
        int b = lastZone - (1 << j) + 1;
        return new Box(Math.min(lowX[j][firstZone], lowX[j][b]), Math.min(lowY[j][firstZone], lowY[j][b]),
                Math.max(highX[j][firstZone], highX[j][b]), Math.max(highY[j][firstZone], highY[j][b]));
    }

    /** The box of every node. */
    public Box box() {
        return zonesBox(0, zones - 1);
    }

    /** The box Ω for {@code candidates} (see the class description); it contains every candidate. */
    public Box box(BitSet candidates) {
        int first = candidates.nextSetBit(0);
        if (first < 0 || first >= topology.nodeCount())
            throw new IllegalArgumentException("the candidate set has no node of the topology");
        int last = candidates.previousSetBit(topology.nodeCount() - 1);
        return zonesBox(topology.zoneOf(first), topology.zoneOf(last));
    }

    /** A start at rest, uniform over the box of all nodes or a free-capacity zone. */
    public AgentState sample(StartMode mode, Feasibility feasibility, RandomGenerator random) {
        return sample(box(), 0, zones - 1, mode, feasibility, random);
    }

    /** A start at rest, uniform over Ω of {@code candidates} or a free-capacity zone among theirs. */
    public AgentState sample(BitSet candidates, StartMode mode, Feasibility feasibility, RandomGenerator random) {
        int first = candidates.nextSetBit(0);
        if (first < 0 || first >= topology.nodeCount())
            throw new IllegalArgumentException("the candidate set has no node of the topology");
        int firstZone = topology.zoneOf(first);
        int lastZone = topology.zoneOf(candidates.previousSetBit(topology.nodeCount() - 1));
        return sample(zonesBox(firstZone, lastZone), firstZone, lastZone, mode, feasibility, random);
    }

    private AgentState sample(Box all, int firstZone, int lastZone, StartMode mode, Feasibility feasibility,
                              RandomGenerator random) {
        Box box = all;
        if (mode == StartMode.FREE_CAPACITY_ZONES) {
            for (int draw = 0; draw < ZONE_DRAWS; draw++) {
                int z = feasibility.sampleZone(random.nextDouble());
                if (z < 0) break;
                if (z >= firstZone && z <= lastZone) {
                    box = zonesBox(z, z);
                    break;
                }
            }
        }
        double x = box.minX() + random.nextDouble() * (box.maxX() - box.minX());
        double y = box.minY() + random.nextDouble() * (box.maxY() - box.minY());
        return AgentState.atRest(x, y);
    }
}

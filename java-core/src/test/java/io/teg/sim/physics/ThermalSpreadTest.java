package io.teg.sim.physics;

import io.teg.model.Layout;
import io.teg.model.NodeSpec;
import io.teg.model.TaskShape;
import io.teg.model.Topology;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The node-to-node spread of thermal resistance: the factors come from the IPMI calibration, every plant of a
 * topology gets the same ones, and at full load at the redline the nodes whose factor puts them above the throttle
 * threshold, and only those, throttle.
 */
class ThermalSpreadTest {

    private static final Calibration MEASURED = BundledData.calibration();
    private static final TaskShape FULL_NODE = TaskShape.cpu(20_000, 1024);
    private static final int ROOM = 20_000;

    private static JobProfile profile(double intensity) {
        return new JobProfile(intensity, new MemoryTrajectory(100, 0.5, new long[] {0}, new long[] {100}));
    }

    private static Topology room(int nodes, Layout layout) {
        List<NodeSpec> specs = new ArrayList<>(nodes);
        for (int i = 0; i < nodes; i++) specs.add(NodeSpec.cpuOnly("n" + i, 20_000, 65_536));
        return new Topology(specs, layout);
    }

    private static double[] factors(DataCenterPlant plant) {
        double[] f = new double[plant.nodeCount()];
        for (int i = 0; i < f.length; i++) f[i] = plant.nodeResistanceFactor(i);
        return f;
    }

    @Test
    void shouldGiveEveryPlantTheSameFactorsWhenTheTopologyIsTheSame() {
        Topology topology = room(2_000, Layout.DEFAULT);
        double[] a = factors(new DataCenterPlant(topology, PhysicsParameters.defaults(), MEASURED));
        double[] b = factors(new DataCenterPlant(topology,
                PhysicsParameters.builder().recirculationShare(0.05).throttleSpeed(0.5).build(), MEASURED));
        assertThat(b).containsExactly(a);
        // a node's factor depends on its index only, not on the size or layout of the room
        double[] small = factors(new DataCenterPlant(room(300, new Layout(1, 4, 3, 1, 0.6, 0.09, 2.4, 3)),
                PhysicsParameters.defaults(), MEASURED));
        assertThat(small).containsExactly(Arrays.copyOf(a, 300));
        // every factor is one of the calibration nodes' factors, and they differ between nodes
        TreeSet<Double> measured = new TreeSet<>();
        for (double f : MEASURED.resistanceFactors()) measured.add(f);
        for (double f : a) assertThat(measured).contains(f);
        assertThat(Arrays.stream(a).distinct().count()).isGreaterThan(100);
    }

    @Test
    void shouldGiveFactorOneToEveryNodeWhenSpreadIsOff() {
        PhysicsParameters off = PhysicsParameters.builder().thermalSpread(false).build();
        DataCenterPlant plant = new DataCenterPlant(room(1_000, Layout.DEFAULT), off, MEASURED);
        assertThat(factors(plant)).containsOnly(1.0);
        double r = MEASURED.dieRiseAtNameplateK() / plant.nodeNameplateW(0);
        for (int i = 0; i < plant.nodeCount(); i++) assertThat(plant.nodeThermalResistanceKPerW(i)).isEqualTo(r);
    }

    @Test
    void shouldReproduceTheMeasuredQuantilesWhenSpreadOverManyNodes() {
        DataCenterPlant plant = new DataCenterPlant(room(ROOM, Layout.DEFAULT), PhysicsParameters.defaults(), MEASURED);
        double[] nodes = factors(plant);
        Arrays.sort(nodes);
        double[] data = MEASURED.resistanceFactors();
        // sampling error of a quantile from 20,000 draws: about 0.003 at the median, 0.006 at 5 % and 95 %
        assertThat(type7(nodes, 0.5)).isCloseTo(1.0, within(0.02));
        assertThat(type7(nodes, 0.05)).isCloseTo(type7(data, 0.05), within(0.05));
        assertThat(type7(nodes, 0.25)).isCloseTo(type7(data, 0.25), within(0.03));
        assertThat(type7(nodes, 0.75)).isCloseTo(type7(data, 0.75), within(0.03));
        assertThat(type7(nodes, 0.95)).isCloseTo(type7(data, 0.95), within(0.05));
        // Kolmogorov-Smirnov distance between the room's factors and the data (1 / sqrt(20,000) = 0.007)
        double ks = 0;
        for (double x : data) ks = Math.max(ks, Math.abs(cdf(nodes, x) - cdf(data, x)));
        assertThat(ks).isLessThan(0.025);
        // the spread is real: the middle half of the nodes spans about half the median
        assertThat(type7(nodes, 0.75) - type7(nodes, 0.25)).isBetween(0.3, 0.7);
    }

    @Test
    void shouldThrottleTheNodesWhoseFactorPutsThemAbove85CWhenAFullRoomSitsAtTheRedline() {
        double redline = 27;
        PhysicsParameters p = PhysicsParameters.builder().inletRedlineC(redline).supplyMaxC(redline)
                .recirculationShare(0).cracCapacityShare(1.5).build();
        DataCenterPlant plant = new DataCenterPlant(room(ROOM, Layout.DEFAULT), p, MEASURED);
        double rise = MEASURED.dieRiseAtNameplateK();
        double throttleC = p.throttleC();

        // expected share, from the empirical distribution alone
        double[] data = MEASURED.resistanceFactors();
        long hotInData = Arrays.stream(data).filter(f -> redline + f * rise > throttleC).count();
        double expectedShare = (double) hotInData / data.length;
        assertThat(hotInData).isGreaterThan(0);

        JobProfile nameplate = profile(MEASURED.intensityMax());
        for (int i = 0; i < ROOM; i++) plant.taskStarted(i, FULL_NODE, nameplate);
        TreeSet<Integer> reported = new TreeSet<>();
        for (int i : plant.advance(0, 0)) assertThat(reported.add(i)).isTrue();
        for (int i : plant.advance(20 * 300, 20 * 300)) assertThat(reported.add(i)).isTrue();

        TreeSet<Integer> expected = new TreeSet<>();
        for (int i = 0; i < ROOM; i++) {
            assertThat(plant.nodeInletC(i)).isCloseTo(redline, within(1e-9));
            if (redline + plant.nodeResistanceFactor(i) * rise > throttleC) expected.add(i);
        }
        assertThat(reported).isEqualTo(expected);
        for (int i = 0; i < ROOM; i++) {
            assertThat(plant.isThrottled(i)).isEqualTo(expected.contains(i));
            if (!plant.isThrottled(i)) {
                // unthrottled nodes sit at their equilibrium: inlet + f rise at nameplate
                assertThat(plant.nodeTemperatureC(i))
                        .isCloseTo(redline + plant.nodeResistanceFactor(i) * rise, within(1e-6))
                        .isLessThanOrEqualTo(throttleC);
            } else {
                assertThat(plant.nodeTemperatureC(i)).isGreaterThan(p.throttleReleaseC());
            }
        }
        double share = (double) expected.size() / ROOM;
        double sigma = Math.sqrt(expectedShare * (1 - expectedShare) / ROOM);
        assertThat(share).isCloseTo(expectedShare, within(5 * sigma));
        assertThat(plant.totals().throttleSeconds()).isGreaterThan(0);
    }

    @Test
    void shouldThrottleNoNodeWhenSpreadIsOffAndAFullRoomSitsAtTheRedline() {
        PhysicsParameters p = PhysicsParameters.builder().recirculationShare(0).cracCapacityShare(1.5)
                .thermalSpread(false).build();
        DataCenterPlant plant = new DataCenterPlant(room(ROOM, Layout.DEFAULT), p, MEASURED);
        JobProfile nameplate = profile(MEASURED.intensityMax());
        for (int i = 0; i < ROOM; i++) plant.taskStarted(i, FULL_NODE, nameplate);
        assertThat(plant.advance(0, 0)).isEmpty();
        assertThat(plant.advance(20 * 300, 20 * 300)).isEmpty();
        double hottest = 0;
        for (int i = 0; i < ROOM; i++) hottest = Math.max(hottest, plant.nodeTemperatureC(i));
        assertThat(hottest).isCloseTo(p.inletRedlineC() + MEASURED.dieRiseAtNameplateK(), within(1e-6))
                .isLessThan(p.throttleC());
        assertThat(plant.totals().throttleSeconds()).isZero();
    }

    @Test
    void shouldScaleEachNodesRiseAboveItsInletByItsFactorWhenInEquilibrium() {
        // hand-made: idle 80 W, nameplate 200 W, die rise at nameplate 0.05 x 400 = 20 K; factors 0.5, 1 and 3
        Calibration cal = new Calibration(4, 40, 100, new double[] {0.5, 1.0, 1.5, 2.0}, 40, 1, 0.05, 400, 1,
                new double[] {0.5, 1, 3}, 50, 500, 1, 25, 1);
        PhysicsParameters p = PhysicsParameters.builder().recirculationShare(0).cracCapacityShare(1.5)
                .throttleC(150).throttleReleaseC(140).build();
        DataCenterPlant plant = new DataCenterPlant(room(64, Layout.DEFAULT), p, cal);
        TreeSet<Double> seen = new TreeSet<>();
        for (int i = 0; i < 64; i++) {
            double f = plant.nodeResistanceFactor(i);
            seen.add(f);
            assertThat(plant.nodeThermalResistanceKPerW(i)).isCloseTo(0.1 * f, within(1e-15));
            assertThat(plant.nodeTemperatureC(i) - plant.nodeInletC(i)).isCloseTo(8 * f, within(1e-12));
        }
        assertThat(seen).containsExactly(0.5, 1.0, 3.0);
        for (int i = 0; i < 64; i++) plant.taskStarted(i, FULL_NODE, profile(2.0));
        plant.advance(0, 0);
        plant.advance(6_000, 6_000);
        for (int i = 0; i < 64; i++) {
            assertThat(plant.nodeTemperatureC(i) - plant.nodeInletC(i))
                    .isCloseTo(20 * plant.nodeResistanceFactor(i), within(1e-6));
        }
    }

    @Test
    void shouldDrawUniformVariatesInTheUnitIntervalWhenIndexedByNode() {
        double sum = 0;
        int n = 100_000;
        for (int i = 0; i < n; i++) {
            double u = DataCenterPlant.spreadUniform(i);
            assertThat(u).isGreaterThanOrEqualTo(0).isLessThan(1);
            sum += u;
        }
        assertThat(sum / n).isCloseTo(0.5, within(0.005));
        assertThat(DataCenterPlant.spreadUniform(7)).isEqualTo(DataCenterPlant.spreadUniform(7))
                .isNotEqualTo(DataCenterPlant.spreadUniform(8));
    }

    /** Share of {@code sorted} at or below x. */
    private static double cdf(double[] sorted, double x) {
        int lo = 0;
        int hi = sorted.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] <= x) lo = mid + 1;
            else hi = mid;
        }
        return (double) lo / sorted.length;
    }

    /** Hyndman-Fan type 7 quantile of a sorted array. */
    private static double type7(double[] sorted, double p) {
        double h = (sorted.length - 1) * p;
        int lo = (int) Math.floor(h);
        if (lo + 1 >= sorted.length) return sorted[sorted.length - 1];
        return sorted[lo] + (h - lo) * (sorted[lo + 1] - sorted[lo]);
    }
}

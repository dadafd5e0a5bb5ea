package io.teg.agent;

import io.teg.model.Layout;
import io.teg.model.NodeSpec;
import io.teg.model.Topology;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.IntPredicate;

import static org.assertj.core.api.Assertions.assertThat;

/** The spatial index against brute force on random layouts. */
class SpatialIndexProperties {

    @Property(tries = 300)
    void shouldReturnTheTrueKNearestAcceptedCandidatesOnRandomPoints(
            @ForAll("layouts") double[][] points,
            @ForAll @IntRange(min = 1, max = 40) int k,
            @ForAll @LongRange(min = 0, max = Long.MAX_VALUE) long seed,
            @ForAll @DoubleRange(min = 0.0, max = 1.0) double acceptRate,
            @ForAll @DoubleRange(min = -0.5, max = 1.5) double qu,
            @ForAll @DoubleRange(min = -0.5, max = 1.5) double qv) {
        double[] x = points[0];
        double[] y = points[1];
        int n = x.length;
        SplittableRandom random = new SplittableRandom(seed);
        BitSet candidates = new BitSet(n);
        boolean[] accepted = new boolean[n];
        for (int i = 0; i < n; i++) {
            if (random.nextDouble() < 0.7) candidates.set(i);
            accepted[i] = random.nextDouble() < acceptRate;
        }
        double minX = Arrays.stream(x).min().orElseThrow(), maxX = Arrays.stream(x).max().orElseThrow();
        double minY = Arrays.stream(y).min().orElseThrow(), maxY = Arrays.stream(y).max().orElseThrow();
        double qx = minX + qu * (maxX - minX);
        double qy = minY + qv * (maxY - minY);
        SpatialIndex index = SpatialIndex.of(x, y);
        IntPredicate accept = i -> accepted[i];

        Neighbours found = index.nearest(qx, qy, k, candidates, accept, Integer.MAX_VALUE);

        double[] expected = java.util.stream.IntStream.range(0, n).filter(candidates::get).filter(accept)
                .mapToDouble(i -> (x[i] - qx) * (x[i] - qx) + (y[i] - qy) * (y[i] - qy)).sorted().limit(k).toArray();
        double[] actual = new double[found.size()];
        for (int i = 0; i < found.size(); i++) {
            int node = found.node(i);
            assertThat(candidates.get(node)).isTrue();
            assertThat(accepted[node]).isTrue();
            double dx = x[node] - qx, dy = y[node] - qy;
            assertThat(found.distance2(i)).isEqualTo(dx * dx + dy * dy);
            actual[i] = found.distance2(i);
        }
        assertThat(actual).containsExactly(expected);
        assertThat(Arrays.stream(found.nodes()).distinct().count()).isEqualTo(found.size());
        assertThat(found.complete()).isTrue();
    }

    @Property(tries = 60)
    void shouldReturnTheTrueKNearestFreeNodesOnMachineRoomLayouts(
            @ForAll @IntRange(min = 1, max = 4) int nodesPerChassis,
            @ForAll @IntRange(min = 1, max = 10) int chassisPerRack,
            @ForAll @IntRange(min = 1, max = 6) int racksPerRow,
            @ForAll @IntRange(min = 1, max = 3) int rowsPerZone,
            @ForAll @IntRange(min = 1, max = 3000) int n,
            @ForAll @IntRange(min = 1, max = 16) int k,
            @ForAll @LongRange(min = 0, max = Long.MAX_VALUE) long seed) {
        Layout layout = new Layout(nodesPerChassis, chassisPerRack, racksPerRow, rowsPerZone, 0.6, 0.09, 2.4, 3.0);
        List<NodeSpec> nodes = new ArrayList<>(n);
        for (int i = 0; i < n; i++) nodes.add(NodeSpec.cpuOnly("n" + i, 1000, 1024));
        Topology topology = new Topology(nodes, layout);
        SplittableRandom random = new SplittableRandom(seed);
        boolean[] free = new boolean[n];
        for (int i = 0; i < n; i++) free[i] = random.nextDouble() < 0.5;
        int anchor = random.nextInt(n);
        double qx = topology.x(anchor) + random.nextDouble(-2, 2);
        double qy = topology.y(anchor) + random.nextDouble(-2, 2);

        Neighbours found = SpatialIndex.of(topology).nearest(qx, qy, k, i -> free[i], Integer.MAX_VALUE);

        double[] expected = java.util.stream.IntStream.range(0, n).filter(i -> free[i])
                .mapToDouble(i -> (topology.x(i) - qx) * (topology.x(i) - qx) + (topology.y(i) - qy) * (topology.y(i) - qy))
                .sorted().limit(k).toArray();
        double[] actual = new double[found.size()];
        for (int i = 0; i < found.size(); i++) {
            assertThat(free[found.node(i)]).isTrue();
            actual[i] = found.distance2(i);
        }
        assertThat(actual).containsExactly(expected);
    }

    @Provide
    Arbitrary<double[][]> layouts() {
        Arbitrary<double[][]> uniform = Arbitraries.integers().between(1, 400).flatMap(n ->
                Arbitraries.doubles().between(-1000, 1000).array(double[].class).ofSize(2 * n)
                        .map(xy -> new double[][]{Arrays.copyOf(xy, n), Arrays.copyOfRange(xy, n, 2 * n)}));
        Arbitrary<double[][]> clustered = Arbitraries.integers().between(1, 400).flatMap(n ->
                Arbitraries.integers().between(1, 5).array(int[].class).ofSize(n).map(c -> {
                    double[] x = new double[n];
                    double[] y = new double[n];
                    for (int i = 0; i < n; i++) {
                        x[i] = c[i] * 100 + (i % 7) * 0.01;
                        y[i] = (i % 3) * 0.5;
                    }
                    return new double[][]{x, y};
                }));
        Arbitrary<double[][]> line = Arbitraries.integers().between(1, 300).flatMap(n ->
                Arbitraries.doubles().between(0, 50).array(double[].class).ofSize(n)
                        .map(x -> new double[][]{x, new double[n]}));
        Arbitrary<double[][]> samePoint = Arbitraries.integers().between(1, 50)
                .map(n -> new double[][]{filled(n, 3.5), filled(n, -2.0)});
        return Arbitraries.oneOf(uniform, clustered, line, samePoint);
    }

    private static double[] filled(int n, double v) {
        double[] a = new double[n];
        Arrays.fill(a, v);
        return a;
    }
}

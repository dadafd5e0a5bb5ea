package io.teg.field;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.teg.model.Layout;
import io.teg.model.NodeSpec;
import io.teg.model.Topology;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PotentialFieldTest {

    /** Two zones of 128 nodes in the default layout: 16 nodes a rack, racks 0.6 m apart, zones 5.4 m apart. */
    private static Topology twoZones() {
        List<NodeSpec> nodes = new ArrayList<>();
        for (int i = 0; i < 256; i++) nodes.add(NodeSpec.cpuOnly("n" + i, 64_000, 512 * 1024));
        return new Topology(nodes, Layout.DEFAULT);
    }

    private final SparseGpRegression regression = new SparseGpRegression(64);

    @Test
    void shouldWeighBothLayersWhenCombining() {
        PotentialField field = new PotentialField(0.5, 2.0, regression);
        assertThat(field.effectivePotential(2.0, 3.0)).isEqualTo(7.0);
        assertThat(field.effectivePotential(0.0, 0.0)).isZero();
    }

    @Test
    void shouldCapAtCeilingWhenPhysicalEntropyIsInfinite() {
        PotentialField field = new PotentialField(1.0, 1.0, 40.0, regression);
        assertThat(field.effectivePotential(Double.POSITIVE_INFINITY, 1.0)).isEqualTo(40.0);
        assertThat(field.effectivePotential(30.0, 20.0)).isEqualTo(40.0);
    }

    @Test
    void shouldIgnoreLayerWhenItsWeightIsZero() {
        PotentialField auctionOnly = new PotentialField(0.0, 3.0, regression);
        assertThat(auctionOnly.effectivePotential(Double.POSITIVE_INFINITY, 2.0)).isEqualTo(6.0);
    }

    @Test
    void shouldRejectWeightsWhenNegativeOrBothZero() {
        assertThatThrownBy(() -> new PotentialField(0, 0, regression)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must not both be 0");
        assertThatThrownBy(() -> new PotentialField(-1, 1, regression)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("w1");
        assertThatThrownBy(() -> new PotentialField(1, Double.NaN, regression)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("w2");
        assertThatThrownBy(() -> new PotentialField(1, 1, 0, regression)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ceiling");
    }

    @Test
    void shouldPlaceOneSampleAtEachNodeWhenBuildingSamples() {
        Topology topology = twoZones();
        double[] s = new double[256];
        double[] h = new double[256];
        s[37] = 2.0;
        h[37] = 0.5;

        FieldSamples samples = new PotentialField(1.0, 2.0, regression).samples(topology, s, h);

        assertThat(samples.size()).isEqualTo(256);
        assertThat(samples.x(37)).isEqualTo(topology.x(37));
        assertThat(samples.y(37)).isEqualTo(topology.y(37));
        assertThat(samples.value(37)).isEqualTo(3.0);
        assertThat(samples.value(36)).isZero();
    }

    @Test
    void shouldNameNodeWhenItsValueIsInvalid() {
        Topology topology = twoZones();
        double[] s = new double[256];
        double[] h = new double[256];
        h[12] = -1;
        PotentialField field = new PotentialField(1.0, 1.0, regression);

        assertThatThrownBy(() -> field.samples(topology, s, h)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("node n12: auction heat must be finite and >= 0, got -1.0");
        assertThatThrownBy(() -> field.samples(topology, new double[3], h)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("one physical entropy and one auction heat per node (256), got 3 and 256");
    }

    @Test
    void shouldRaisePotentialOverLoadedRackWhenProjecting() {
        Topology topology = twoZones();
        double[] s = new double[256];
        double[] h = new double[256];
        for (int i = 0; i < 256; i++) s[i] = 0.2;
        for (int i = topology.firstNodeOfRack(0); i < topology.endNodeOfRack(0); i++) {
            s[i] = 3.0;
            h[i] = 1.0;
        }
        PotentialField field = new PotentialField(1.0, 1.0, regression);

        FieldSnapshot snapshot = field.project(1, topology, s, h);

        int hot = 5;
        int cold = 200;
        assertThat(snapshot.epoch()).isEqualTo(1);
        assertThat(snapshot.value(topology.x(hot), topology.y(hot))).isGreaterThan(2.5);
        assertThat(snapshot.value(topology.x(cold), topology.y(cold))).isCloseTo(0.2, within(0.2));
    }

    @Test
    void shouldCarryRisingRateOverWarmingZoneWhenProjectingNextEpoch() {
        Topology topology = twoZones();
        double[] s = new double[256];
        double[] h = new double[256];
        for (int i = 0; i < 256; i++) s[i] = 0.5 + 0.3 * Math.sin(topology.x(i)) + 0.2 * Math.cos(2 * topology.y(i));
        PotentialField field = new PotentialField(1.0, 1.0, regression);
        FieldSnapshot first = field.project(1, topology, s, h);
        double[] hotter = s.clone();
        for (int i = 128; i < 256; i++) hotter[i] += 1.2;

        FieldSnapshot second = field.project(first, 2, topology, hotter, h, 60.0);

        // Zone 1 (nodes 128..255) warmed by 1.2 in 60 s; zone 0 did not change.
        for (int warmed : new int[]{130, 170, 200, 240})
            assertThat(second.rate(topology.x(warmed), topology.y(warmed))).isCloseTo(1.2 / 60.0, within(0.001));
        for (int unchanged : new int[]{0, 60, 100, 127})
            assertThat(second.rate(topology.x(unchanged), topology.y(unchanged))).isCloseTo(0.0, within(0.001));
        assertThat(second.meanRate()).isCloseTo(0.6 / 60.0, within(1e-12));
    }
}

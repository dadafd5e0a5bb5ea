package io.teg.agent;

import io.teg.model.TaskShape;
import io.teg.model.Topology;
import org.junit.jupiter.api.Test;

import java.util.BitSet;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

class MaxEntropyStartTest {

    private final Topology topology = Clusters.gpuCluster(128 * 10);
    private final MaxEntropyStart starts = new MaxEntropyStart(topology);

    @Test
    void shouldDrawStartsAtRestInsideABoxHoldingEveryCandidate() {
        BitSet candidates = new BitSet();
        candidates.set(300, 420);
        candidates.set(700);
        MaxEntropyStart.Box box = starts.box(candidates);
        SplittableRandom random = new SplittableRandom(2);
        FreeResources free = new FreeResources(topology);

        for (int i = candidates.nextSetBit(0); i >= 0; i = candidates.nextSetBit(i + 1))
            assertThat(box.contains(topology.x(i), topology.y(i))).as("node %d", i).isTrue();
        double minX = Double.POSITIVE_INFINITY, maxX = Double.NEGATIVE_INFINITY;
        for (int n = 0; n < 2000; n++) {
            AgentState s = starts.sample(candidates, StartMode.BOUNDING_BOX, free, random);
            assertThat(box.contains(s.xM(), s.yM())).isTrue();
            assertThat(s.speed()).isZero();
            minX = Math.min(minX, s.xM());
            maxX = Math.max(maxX, s.xM());
        }
        assertThat(maxX - minX).as("the draws spread over the box").isGreaterThan(0.9 * (box.maxX() - box.minX()));
        assertThat(box.minX()).isEqualTo(topology.x(256)); // zone 2 starts the range
        assertThat(box.maxX()).isLessThan(topology.x(768));  // zone 6 is past it
    }

    @Test
    void shouldStartOnlyInZonesWithFreeCapacityWhenWeightedByIt() {
        FreeResources free = new FreeResources(topology);
        TaskShape fullNode = new TaskShape(128_000, 262_144, 4, 1000, 0);
        for (int node = 0; node < topology.nodeCount(); node++) if (topology.zoneOf(node) != 4) free.allocate(node, fullNode);
        MaxEntropyStart.Box zone4 = starts.zonesBox(4, 4);
        SplittableRandom random = new SplittableRandom(3);

        for (int n = 0; n < 500; n++) {
            AgentState s = starts.sample(StartMode.FREE_CAPACITY_ZONES, free, random);
            assertThat(zone4.contains(s.xM(), s.yM())).isTrue();
        }
    }

    @Test
    void shouldFallBackToTheCandidatesBoxWhenTheFreeZonesAreOutsideIt() {
        FreeResources free = new FreeResources(topology);
        TaskShape fullNode = new TaskShape(128_000, 262_144, 4, 1000, 0);
        for (int node = 0; node < 128; node++) free.allocate(node, fullNode);
        BitSet zone0 = new BitSet();
        zone0.set(0, 128);
        SplittableRandom random = new SplittableRandom(4);

        AgentState s = starts.sample(zone0, StartMode.FREE_CAPACITY_ZONES, free, random);

        assertThat(starts.zonesBox(0, 0).contains(s.xM(), s.yM())).isTrue();
    }
}

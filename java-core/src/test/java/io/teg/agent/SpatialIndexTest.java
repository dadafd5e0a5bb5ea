package io.teg.agent;

import io.teg.model.Topology;
import org.junit.jupiter.api.Test;

import java.util.BitSet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SpatialIndexTest {

    @Test
    void shouldInspectAboutAsManyNodesWhateverTheClusterSizeWhenNodesAreFree() {
        int[] inspected = new int[3];
        int[] sizes = {1_000, 10_000, 100_000};
        for (int s = 0; s < sizes.length; s++) {
            Topology t = Clusters.gpuCluster(sizes[s]);
            SpatialIndex index = SpatialIndex.of(t);
            int node = sizes[s] / 2;
            Neighbours found = index.nearest(t.x(node) + 0.1, t.y(node) + 0.05, 4, i -> true, Integer.MAX_VALUE);
            assertThat(found.size()).isEqualTo(4);
            inspected[s] = found.nodesInspected();
        }
        assertThat(inspected[2]).isLessThanOrEqualTo(2 * inspected[0]);
        assertThat(inspected[2]).isLessThan(200);
    }

    @Test
    void shouldStopAtTheBudgetAndSayTheAnswerIsIncompleteWhenFreeNodesAreFarAway() {
        Topology t = Clusters.gpuCluster(10_000);
        SpatialIndex index = SpatialIndex.of(t);
        int farNode = t.nodeCount() - 1;

        Neighbours cut = index.nearest(t.x(0), t.y(0), 1, i -> i == farNode, 500);
        Neighbours full = index.nearest(t.x(0), t.y(0), 1, i -> i == farNode, Integer.MAX_VALUE);

        assertThat(cut.size()).isZero();
        assertThat(cut.complete()).isFalse();
        assertThat(cut.nodesInspected()).isLessThan(600);
        assertThat(full.nodes()).containsExactly(farNode);
        assertThat(full.complete()).isTrue();
    }

    @Test
    void shouldSkipNodesOutsideTheCandidatesWithoutTestingThem() {
        Topology t = Clusters.gpuCluster(1_000);
        SpatialIndex index = SpatialIndex.of(t);
        BitSet candidates = new BitSet();
        candidates.set(500, 510);
        int[] tested = {0};

        Neighbours found = index.nearest(t.x(0), t.y(0), 3, candidates, i -> {
            tested[0]++;
            return true;
        }, Integer.MAX_VALUE);

        assertThat(found.nodes()).hasSize(3).containsAnyOf(500, 501, 502, 503, 504, 505, 506, 507, 508, 509);
        for (int node : found.nodes()) assertThat(node).isBetween(500, 509);
        assertThat(tested[0]).isEqualTo(found.nodesTested()).isLessThanOrEqualTo(10);
    }

    @Test
    void shouldReturnFewerThanKWhenFewerAreAccepted() {
        SpatialIndex index = SpatialIndex.of(new double[]{0, 1, 2}, new double[]{0, 0, 0});

        Neighbours found = index.nearest(5, 5, 10, i -> i != 1, Integer.MAX_VALUE);

        assertThat(found.nodes()).containsExactly(2, 0);
        assertThat(found.distanceM(0)).isEqualTo(Math.hypot(3, 5));
        assertThat(found.complete()).isTrue();
    }

    @Test
    void shouldRefuseBadQueries() {
        SpatialIndex index = SpatialIndex.of(new double[]{0}, new double[]{0});
        assertThatThrownBy(() -> index.nearest(0, 0, 0, i -> true, 10)).hasMessageContaining("k must be >= 1");
        assertThatThrownBy(() -> index.nearest(Double.NaN, 0, 1, i -> true, 10)).hasMessageContaining("finite");
        assertThatThrownBy(() -> SpatialIndex.of(new double[0], new double[0])).hasMessageContaining("at least one node");
    }
}

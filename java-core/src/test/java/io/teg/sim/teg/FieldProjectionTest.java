package io.teg.sim.teg;

import io.teg.model.Layout;
import io.teg.model.NodeSpec;
import io.teg.model.TaskShape;
import io.teg.model.Topology;
import io.teg.sim.ClusterState;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

class FieldProjectionTest {

    private static Topology topology(int n) {
        List<NodeSpec> nodes = new ArrayList<>(n);
        for (int i = 0; i < n; i++) nodes.add(NodeSpec.cpuOnly("n" + i, 8000, 32_768));
        return new Topology(nodes, Layout.DEFAULT);
    }

    @Test
    void shouldSampleAtMostTheLimitWithTheSameNodesWhenTheSeedIsTheSame() {
        Topology t = topology(5000);

        int[] a = new FieldProjection(t, 2048, new SplittableRandom(3), 16, 300, 60).sampledNodes();
        int[] b = new FieldProjection(t, 2048, new SplittableRandom(3), 16, 300, 60).sampledNodes();
        int[] c = new FieldProjection(t, 2048, new SplittableRandom(4), 16, 300, 60).sampledNodes();

        assertThat(a).hasSize(2048).isSorted().doesNotHaveDuplicates().isEqualTo(b);
        assertThat(Arrays.equals(a, c)).isFalse();
        assertThat(a[0]).isGreaterThanOrEqualTo(0);
        assertThat(a[2047]).isLessThan(5000);
        assertThat(new FieldProjection(topology(100), 2048, new SplittableRandom(3), 16, 300, 60).sampledNodes())
                .as("a small cluster is sampled whole").hasSize(100);
    }

    @Test
    void shouldRaiseThePotentialWhereResourcesAreAllocated() {
        Topology t = topology(64);
        ClusterState cluster = new ClusterState(t);
        for (int node = 0; node < 8; node++) for (int k = 0; k < 7; k++) cluster.allocate(node, TaskShape.cpu(1000, 4096));
        FieldProjection projection = new FieldProjection(t, 2048, new SplittableRandom(1), 16, 300, 60);

        projection.project(0, 60, cluster, node -> 0);

        double busy = projection.potential().value(t.x(0), t.y(0));
        double idle = projection.potential().value(t.x(63), t.y(63));
        assertThat(busy).as("Φ on a node at 7/8 CPU and memory").isGreaterThan(idle + 0.5);
        assertThat(projection.heat()).isNotNull();
        assertThat(projection.heat().value(t.x(0), t.y(0))).as("no bids, no heat").isEqualTo(0.0);
    }
}

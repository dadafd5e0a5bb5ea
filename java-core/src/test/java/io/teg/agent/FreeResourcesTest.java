package io.teg.agent;

import io.teg.model.Layout;
import io.teg.model.NodeSpec;
import io.teg.model.TaskShape;
import io.teg.model.Topology;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class FreeResourcesTest {

    private final Topology topology = Clusters.gpuCluster(256);

    @Test
    void shouldCountHowManyTasksFitTogetherWhenAsked() {
        FreeResources free = new FreeResources(topology);
        TaskShape task = new TaskShape(16_000, 65_536, 1, 1000, 0);

        assertThat(free.hostable(0, task, 100)).isEqualTo(4);
        assertThat(free.hostable(0, task, 3)).isEqualTo(3);
        free.allocate(0, task);
        assertThat(free.hostable(0, task, 100)).isEqualTo(3);
        assertThat(free.canHost(0, new TaskShape(16_000, 65_536, 4, 1000, 0))).isFalse();
    }

    @Test
    void shouldPackGpuSharesBestFitAndGiveThemBackWhenReleased() {
        FreeResources free = new FreeResources(topology);
        TaskShape share = new TaskShape(1000, 1024, 1, 300, 0);
        TaskShape whole = new TaskShape(1000, 1024, 4, 1000, 0);

        long first = free.allocate(7, share);
        long second = free.allocate(7, share);
        assertThat(second).as("the second share goes on the partly used GPU").isEqualTo(first);
        assertThat(free.freeWholeGpus(7)).isEqualTo(3);
        assertThat(free.canHost(7, whole)).isFalse();
        assertThat(free.hostable(7, share, 100)).isEqualTo(1 + 3 * 3);

        free.release(7, share, first);
        free.release(7, share, second);
        assertThat(free.freeWholeGpus(7)).isEqualTo(4);
        assertThat(free.canHost(7, whole)).isTrue();
        assertThat(free.freeCpuMilli(7)).isEqualTo(128_000);
    }

    @Test
    void shouldRefuseGpuTasksOfAModelTheNodeDoesNotHave() {
        FreeResources free = new FreeResources(topology);
        assertThat(free.canHost(0, new TaskShape(1000, 1024, 1, 1000, 1L << 3))).isFalse();
        assertThat(free.canHost(0, new TaskShape(1000, 1024, 1, 1000, 1L))).isTrue();
    }

    @Test
    void shouldThrowWhenAllocatingWhatDoesNotFitOrReleasingWhatWasNotTaken() {
        FreeResources free = new FreeResources(topology);
        assertThatThrownBy(() -> free.allocate(0, TaskShape.cpu(200_000, 1))).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("does not fit on node 0");
        assertThatThrownBy(() -> free.release(0, TaskShape.cpu(1, 1), 0)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void shouldDrawZonesInProportionToTheirFreeCapacity() {
        FreeResources free = new FreeResources(topology);
        TaskShape fullNode = new TaskShape(128_000, 262_144, 4, 1000, 0);
        for (int node = 0; node < 96; node++) free.allocate(node, fullNode); // zone 0: 32 of 128 nodes left free
        assertThat(free.zoneWeight(0)).isEqualTo(32_000);
        assertThat(free.zoneWeight(1)).isEqualTo(128_000);

        SplittableRandom random = new SplittableRandom(1);
        int zone0 = 0;
        int draws = 100_000;
        for (int i = 0; i < draws; i++) if (free.sampleZone(random.nextDouble()) == 0) zone0++;

        assertThat((double) zone0 / draws).isCloseTo(32.0 / 160.0, within(0.01));
    }

    @Test
    void shouldDrawNoZoneWhenNothingIsFree() {
        Topology tiny = new Topology(List.of(NodeSpec.cpuOnly("a", 1000, 1024)), Layout.DEFAULT);
        FreeResources free = new FreeResources(tiny);
        free.allocate(0, TaskShape.cpu(1000, 1024));

        assertThat(free.sampleZone(0.5)).isEqualTo(-1);
    }

    @Test
    void shouldTakeAnOutsideCountClampedToCapacityWhenSetFree() {
        FreeResources free = new FreeResources(topology);
        NodeSpec spec = topology.node(3);
        long zoneBefore = free.zoneWeight(topology.zoneOf(3));

        free.setFree(3, 1500, 100);
        long zoneAfter = free.zoneWeight(topology.zoneOf(3));
        free.setFree(4, Integer.MAX_VALUE / 2, -5);

        assertThat(free.freeCpuMilli(3)).isEqualTo(1500);
        assertThat(free.freeMemMiB(3)).isEqualTo(100);
        assertThat(free.canHost(3, TaskShape.cpu(2000, 0))).isFalse();
        assertThat(free.canHost(3, TaskShape.cpu(1000, 100))).isTrue();
        assertThat(zoneAfter).as("the zone weighs less once node 3 is mostly taken").isLessThan(zoneBefore);
        assertThat(free.freeCpuMilli(4)).isEqualTo(topology.node(4).cpuMilli());
        assertThat(free.freeMemMiB(4)).isZero();
        assertThat(spec.cpuMilli()).isGreaterThan(1500);
    }

    @Test
    void shouldTakeTheWholeFreeGpusFromTheOutsideCountWhenSetWithGpus() {
        Topology gpuNodes = new Topology(List.of(new NodeSpec("g1", 8000, 1600, 4, "gpu", 0),
                new NodeSpec("g2", 8000, 1600, 4, "gpu", 0)), Layout.DEFAULT);
        FreeResources view = new FreeResources(gpuNodes);
        TaskShape threeGpus = new TaskShape(1000, 100, 3, 1000, 0L);
        long before = view.zoneWeight(gpuNodes.zoneOf(0));

        view.setFree(0, 8000, 1600, 2);
        long after = view.zoneWeight(gpuNodes.zoneOf(0));
        view.setFree(1, 8000, 1600, 9);

        assertThat(view.freeWholeGpus(0)).isEqualTo(2);
        assertThat(view.canHost(0, threeGpus)).as("2 GPUs free, the task needs 3").isFalse();
        assertThat(view.freeWholeGpus(1)).as("clamped to the node's 4").isEqualTo(4);
        assertThat(view.canHost(1, threeGpus)).isTrue();
        assertThat(after).as("the zone weighs less with half of node g1's GPUs taken").isLessThan(before);

        view.setFree(0, 8000, 1600, 4);

        assertThat(view.canHost(0, threeGpus)).as("all 4 free again").isTrue();
    }
}

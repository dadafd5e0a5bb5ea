package io.teg.sim.baseline;

import io.teg.model.Layout;
import io.teg.model.NodeSpec;
import io.teg.model.TaskShape;
import io.teg.model.Topology;
import io.teg.sim.ClusterState;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

class BestFitIndexTest {

    /** 60 nodes: CPU-only, and two GPU models, so that cursors merge several ordered sets. */
    private static List<NodeSpec> nodes() {
        List<NodeSpec> out = new ArrayList<>();
        for (int i = 0; i < 20; i++) out.add(NodeSpec.cpuOnly("c" + i, 8000, 32768));
        for (int i = 0; i < 20; i++) out.add(new NodeSpec("a" + i, 16000, 65536, 4, "A", 0));
        for (int i = 0; i < 20; i++) out.add(new NodeSpec("b" + i, 16000, 65536, 8, "B", 1));
        return out;
    }

    /** The nodes a cursor yields, in order, checked against a brute-force sort of the ledger. */
    private static List<Integer> walk(BestFitIndex.Cursor c) {
        List<Integer> out = new ArrayList<>();
        for (int n = c.next(); n >= 0; n = c.next()) out.add(n);
        return out;
    }

    private static List<Integer> expected(BestFitIndex index, ClusterState view, TaskShape s) {
        List<Integer> out = new ArrayList<>();
        for (int n = 0; n < view.nodeCount(); n++) {
            NodeSpec spec = view.spec(n);
            boolean model = s.gpus() == 0 || (spec.gpus() > 0
                    && (s.gpuModelMask() == 0 || (s.gpuModelMask() & (1L << spec.gpuModelId())) != 0));
            if (model && index.ledger().freeCpu[n] >= s.cpuMilli()) out.add(n);
        }
        out.sort(index::compare);
        return out;
    }

    @Test
    void shouldYieldTheSameBestFitOrderWhenWalksSwitchToTheArrayCopy() {
        ClusterState view = new ClusterState(new Topology(nodes(), Layout.DEFAULT));
        BestFitIndex index = new BestFitIndex(view);
        SplittableRandom rnd = new SplittableRandom(3);
        TaskShape[] shapes = {TaskShape.cpu(1000, 1024), TaskShape.cpu(4000, 2048),
                new TaskShape(2000, 4096, 1, 1000, 0), new TaskShape(2000, 4096, 2, 1000, 1L << 1)};
        for (int round = 0; round < 300; round++) {
            int node = rnd.nextInt(60);
            TaskShape s = shapes[rnd.nextInt(2)];
            if (index.ledger().freeCpu[node] >= s.cpuMilli() && rnd.nextBoolean()) index.take(node, s, 1);
            else if (index.ledger().freeCpu[node] + s.cpuMilli() <= index.ledger().capCpu[node]) index.give(node, s, 1);
            // several walks per state: the later ones run over the array copy
            for (int w = 0; w < 4; w++) {
                TaskShape q = shapes[rnd.nextInt(shapes.length)];
                assertThat(walk(index.cursor(q))).containsExactlyElementsOf(expected(index, view, q));
            }
        }
    }

    @Test
    void shouldLeaveOutOnlyExcludedNodesWhenWalkingWithAnExclusion() {
        ClusterState view = new ClusterState(new Topology(nodes(), Layout.DEFAULT));
        BestFitIndex index = new BestFitIndex(view);
        TaskShape s = TaskShape.cpu(1000, 1024);
        long[] key = {1};
        BestFitIndex.Exclusion evenNodes = new BestFitIndex.Exclusion() {
            @Override
            public long key() {
                return key[0];
            }

            @Override
            public boolean excluded(int node) {
                return node % 2 == 0;
            }
        };
        List<Integer> all = expected(index, view, s);
        for (int w = 0; w < 5; w++) {
            List<Integer> got = walk(index.cursor(s, evenNodes));
            // a walk may or may not have skipped the excluded nodes, but the others come in order
            assertThat(got.stream().filter(n -> n % 2 == 1).toList())
                    .containsExactlyElementsOf(all.stream().filter(n -> n % 2 == 1).toList());
            assertThat(got).isSubsetOf(all);
        }
        assertThat(walk(index.cursor(s, evenNodes))).as("after enough steps the copy without them is used")
                .allMatch(n -> n % 2 == 1);
        key[0]++;
        index.take(1, s, 1);
        assertThat(walk(index.cursor(s))).containsExactlyElementsOf(expected(index, view, s));
    }
}

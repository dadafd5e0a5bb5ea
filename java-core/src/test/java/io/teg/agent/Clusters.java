package io.teg.agent;

import io.teg.model.JobRequest;
import io.teg.model.Layout;
import io.teg.model.NodeSpec;
import io.teg.model.TaskShape;
import io.teg.model.Topology;

import java.util.ArrayList;
import java.util.List;

/** Topologies and jobs the agent tests share. */
final class Clusters {

    private Clusters() {
    }

    /** 128 000 milli-cores, 256 GiB, 4 GPUs of model 0 ("A100"). */
    static NodeSpec gpuNode(int i) {
        return new NodeSpec("g" + i, 128_000, 262_144, 4, "A100", 0);
    }

    /** 64 000 milli-cores, 128 GiB, no GPU. */
    static NodeSpec cpuNode(int i) {
        return NodeSpec.cpuOnly("c" + i, 64_000, 131_072);
    }

    /** {@code n} GPU nodes in the default layout (128 nodes per zone). */
    static Topology gpuCluster(int n) {
        List<NodeSpec> nodes = new ArrayList<>(n);
        for (int i = 0; i < n; i++) nodes.add(gpuNode(i));
        return new Topology(nodes, Layout.DEFAULT);
    }

    /** Zones alternate: even zones GPU nodes, odd zones CPU-only nodes. */
    static Topology mixedCluster(int zones) {
        int perZone = Layout.DEFAULT.nodesPerZone();
        List<NodeSpec> nodes = new ArrayList<>(zones * perZone);
        for (int i = 0; i < zones * perZone; i++) nodes.add((i / perZone) % 2 == 0 ? gpuNode(i) : cpuNode(i));
        return new Topology(nodes, Layout.DEFAULT);
    }

    static JobRequest job(long id, int tasks, TaskShape shape) {
        return new JobRequest(id, "acct", tasks, shape, 3600, 0);
    }

    /** Terms generous enough that price never binds: 1000 tokens endowed, 1000 tokens ceiling. */
    static JobTerms richTerms(JobRequest job) {
        return new JobTerms(1000 * JobTerms.MICRO_PER_TOKEN, 1000 * JobTerms.MICRO_PER_TOKEN, 1.0, 0.0);
    }
}

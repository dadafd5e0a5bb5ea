package io.teg.sim;

import io.teg.model.Layout;
import io.teg.model.NodeSpec;
import io.teg.model.Topology;

import java.util.ArrayList;
import java.util.List;

/**
 * The nodes of a simulated cluster and the names of its GPU models (index = {@link NodeSpec#gpuModelId()}).
 *
 * @param name a short name for reports, e.g. {@code KTH-SP2}
 * @param nodes the nodes, in machine-room order
 * @param gpuModels GPU model names by id
 */
public record ClusterSpec(String name, List<NodeSpec> nodes, List<String> gpuModels) {

    public ClusterSpec {
        nodes = List.copyOf(nodes);
        gpuModels = List.copyOf(gpuModels);
        if (nodes.isEmpty()) throw new IllegalArgumentException("cluster " + name + " has no nodes");
    }

    public Topology topology(Layout layout) {
        return new Topology(nodes, layout);
    }

    /**
     * This cluster repeated {@code copies} times; copy {@code c} of node {@code n} is named {@code n} for c = 0
     * and {@code n-cC} otherwise. Used to scale a trace's machine up.
     */
    public ClusterSpec replicate(int copies) {
        if (copies < 1) throw new IllegalArgumentException("copies must be >= 1");
        if (copies == 1) return this;
        List<NodeSpec> out = new ArrayList<>(nodes.size() * copies);
        for (int c = 0; c < copies; c++) {
            for (NodeSpec n : nodes) {
                out.add(c == 0 ? n : new NodeSpec(n.name() + "-c" + c, n.cpuMilli(), n.memMiB(), n.gpus(), n.gpuModel(), n.gpuModelId()));
            }
        }
        return new ClusterSpec(name + "x" + copies, out, gpuModels);
    }

    /** Total GPUs. */
    public long totalGpus() {
        long g = 0;
        for (NodeSpec n : nodes) g += n.gpus();
        return g;
    }
}

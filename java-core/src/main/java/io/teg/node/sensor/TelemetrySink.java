package io.teg.node.sensor;

import java.util.List;

/**
 * Where the agent's micro-batches of samples go: the grid's telemetry bus once it runs on the node, an in-memory
 * ring until then ({@link InMemoryTelemetrySink}). Called from the sampler thread; must not block for long.
 */
@FunctionalInterface
public interface TelemetrySink {

    void publish(List<NodeSample> batch);
}

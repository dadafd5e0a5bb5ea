/**
 * The {@code teg agent} daemon: config ({@link io.teg.node.daemon.AgentConfig}), and
 * {@link io.teg.node.daemon.NodeAgent}, which runs the sampler and the control loop over the node's sensors,
 * cgroups (memory guard and airlock) and GPUs (power caps).
 */
package io.teg.node.daemon;

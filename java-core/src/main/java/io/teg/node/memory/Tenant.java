package io.teg.node.memory;

import io.teg.node.cgroup.CgroupPath;

/**
 * A job the memory guard watches.
 *
 * @param jobId      the job's id
 * @param cgroup     its cgroup (the same relative path in every hierarchy)
 * @param requestMiB the memory the job was sold, MiB (never throttled below it)
 * @param strength   what it pays for memory (tokens per MiB per second); the lower is the weaker
 */
public record Tenant(long jobId, CgroupPath cgroup, long requestMiB, double strength) {
}

package io.teg.node.cgroup;

/**
 * What pushing a (frozen) job's pages out to swap achieved: charged memory before and after, bytes. The kernel may
 * move fewer pages than asked, or none (no swap, swap full, the cgroup's swappiness 0); that is a result, not an
 * error.
 *
 * @param beforeBytes usage when the push began
 * @param afterBytes  usage when it ended
 * @param how         the mechanism used, e.g. "memory.reclaim" or "memory.limit_in_bytes stepped to 12 MiB"
 */
public record SwapPush(long beforeBytes, long afterBytes, String how) {

    /** Bytes that left the cgroup's charged memory (0 when usage grew meanwhile). */
    public long pushedBytes() {
        return Math.max(0, beforeBytes - afterBytes);
    }
}

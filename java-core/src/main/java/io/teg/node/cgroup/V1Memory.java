package io.teg.node.cgroup;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * cgroup v1 memory: {@code memory.limit_in_bytes}, {@code memory.soft_limit_in_bytes}, {@code memory.usage_in_bytes},
 * {@code memory.failcnt} and {@code memory.oom_control}. v1 reports "unlimited" as a page-rounded huge number; any
 * value at or above 2^62 reads as {@link Long#MAX_VALUE}.
 *
 * <p>v1 has no {@code memory.high}. Its soft limit only orders reclaim under global pressure and stops nothing, so
 * the glassy state is built from what v1 does have: the job's hard limit lowered to the threshold with
 * {@code oom_kill_disable = 1} in {@code memory.oom_control}. A task that reaches it is held by the kernel (it sleeps
 * in the memcg OOM wait queue, killable, "under_oom 1") instead of being killed, and wakes when the limit is raised
 * again. The soft limit is set to the same value. The job's own hard limit (Slurm's, say) is remembered at the first
 * threshold and put back when the threshold is cleared; the threshold never goes above it.
 */
final class V1Memory implements MemoryHierarchy {

    private final Path root;
    private final Map<CgroupPath, Long> ownLimits = new ConcurrentHashMap<>();

    V1Memory(Path root) {
        this.root = root;
    }

    @Override
    public Path root() {
        return root;
    }

    @Override
    public void prepare(CgroupPath path) {
        // v1 children inherit use_hierarchy; nothing to enable
    }

    @Override
    public void setLimit(CgroupPath path, long bytes) {
        ownLimits.remove(path);
        writeLimit(path, bytes);
    }

    private void writeLimit(CgroupPath path, long bytes) {
        CgroupFiles.write(dir(path).resolve("memory.limit_in_bytes"), bytes == Long.MAX_VALUE ? "-1" : Long.toString(bytes));
    }

    @Override
    public void setHigh(CgroupPath path, long bytes) {
        Path d = dir(path);
        if (bytes == Long.MAX_VALUE) {
            Long own = ownLimits.remove(path);
            writeLimit(path, own == null ? Long.MAX_VALUE : own);
            CgroupFiles.write(d.resolve("memory.soft_limit_in_bytes"), "-1");
            CgroupFiles.write(d.resolve("memory.oom_control"), "0");
            return;
        }
        long own = ownLimits.computeIfAbsent(path, p -> unlimited(CgroupFiles.readLong(d.resolve("memory.limit_in_bytes"))));
        long threshold = Math.min(bytes, own);
        CgroupFiles.write(d.resolve("memory.soft_limit_in_bytes"), Long.toString(threshold));
        CgroupFiles.write(d.resolve("memory.oom_control"), "1");
        try {
            writeLimit(path, threshold);
        } catch (CgroupException busy) {
            // usage grew past the threshold since it was read: the kernel cannot reclaim anonymous memory without
            // swap and refuses (EBUSY); hold the job where it is now instead
            long usage = CgroupFiles.readLong(d.resolve("memory.usage_in_bytes"));
            writeLimit(path, Math.min(own, Math.max(threshold, roundUpToPage(usage))));
        }
    }

    /** A push stops halving the limit below this, bytes. */
    static final long PUSH_FLOOR_BYTES = 4L << 20;

    /**
     * v1 has no {@code memory.reclaim}, and {@code memory.force_empty} only works on a cgroup with no tasks. What v1
     * does have: writing a {@code memory.limit_in_bytes} below the usage makes the writer reclaim the cgroup down to
     * it, swapping anonymous pages out when swap is there, and fail with EBUSY when it cannot. So the limit is halved
     * from the usage down to {@link #PUSH_FLOOR_BYTES} until the kernel refuses, and the limit as it was before (the
     * job's own or the glassy threshold) is written back at the end whatever happened. Pages stay in swap after
     * the limit is restored: a frozen task cannot touch them, and a thawed one faults in only what it uses.
     */
    @Override
    public SwapPush pushToSwap(CgroupPath path) {
        Path d = dir(path);
        Path limitFile = d.resolve("memory.limit_in_bytes");
        long before = CgroupFiles.readLong(d.resolve("memory.usage_in_bytes"));
        long limit = unlimited(CgroupFiles.readLong(limitFile));
        long reached = -1;
        try {
            for (long step = roundUpToPage(before / 2); step >= PUSH_FLOOR_BYTES; step = roundUpToPage(step / 2)) {
                CgroupFiles.write(limitFile, Long.toString(step));
                reached = step;
            }
        } catch (CgroupException refused) {
            // EBUSY: the kernel could reclaim no further (swap full, or none)
        } finally {
            writeLimit(path, limit);
        }
        String how = reached < 0 ? "memory.limit_in_bytes: the kernel reclaimed nothing below the usage (no swap room?)"
                : "memory.limit_in_bytes stepped down to " + (reached >> 20) + " MiB and restored";
        return new SwapPush(before, CgroupFiles.readLong(d.resolve("memory.usage_in_bytes")), how);
    }

    private static long roundUpToPage(long bytes) {
        return (bytes + 4095) & ~4095L;
    }

    @Override
    public MemoryReading reading(CgroupPath path) {
        Path d = dir(path);
        Path oom = d.resolve("memory.oom_control");
        return new MemoryReading(
                CgroupFiles.readLong(d.resolve("memory.usage_in_bytes")),
                unlimited(CgroupFiles.readLong(d.resolve("memory.limit_in_bytes"))),
                unlimited(CgroupFiles.readLong(d.resolve("memory.soft_limit_in_bytes"))),
                CgroupFiles.readLong(d.resolve("memory.failcnt")),
                CgroupFiles.readKeyed(oom, "oom_kill"),
                CgroupFiles.readKeyed(oom, "under_oom") != 0);
    }

    private static long unlimited(long v) {
        return v >= (1L << 62) ? Long.MAX_VALUE : v;
    }
}

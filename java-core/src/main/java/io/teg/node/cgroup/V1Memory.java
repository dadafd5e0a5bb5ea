package io.teg.node.cgroup;

import java.nio.file.Path;

/**
 * cgroup v1 memory: {@code memory.limit_in_bytes}, {@code memory.soft_limit_in_bytes}, {@code memory.usage_in_bytes},
 * {@code memory.failcnt} and {@code memory.oom_control}. v1 reports "unlimited" as a page-rounded huge number; any
 * value at or above 2^62 reads as {@link Long#MAX_VALUE}.
 */
record V1Memory(Path root) implements MemoryHierarchy {

    private static final long UNLIMITED_FLOOR = 1L << 62;

    @Override
    public void prepare(CgroupPath path) {
        // v1 children inherit use_hierarchy; nothing to enable
    }

    @Override
    public void setLimit(CgroupPath path, long bytes) {
        CgroupFiles.write(dir(path).resolve("memory.limit_in_bytes"), bytes == Long.MAX_VALUE ? "-1" : Long.toString(bytes));
    }

    @Override
    public void setHigh(CgroupPath path, long bytes) {
        CgroupFiles.write(dir(path).resolve("memory.soft_limit_in_bytes"), bytes == Long.MAX_VALUE ? "-1" : Long.toString(bytes));
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
        return v >= UNLIMITED_FLOOR ? Long.MAX_VALUE : v;
    }
}

package io.teg.node.cgroup;

import java.nio.file.Path;

/**
 * cgroup v2 memory: {@code memory.max}, {@code memory.high}, {@code memory.current} and {@code memory.events}
 * ("max" and "high" count the times the job was held at the limit or throttled at memory.high; they add up to the
 * reading's failcnt; "oom_kill" counts the OOM kills). A new cgroup's parents get "+memory" in their
 * {@code cgroup.subtree_control}.
 */
record V2Memory(Path root) implements MemoryHierarchy {

    @Override
    public void prepare(CgroupPath path) {
        CgroupPath p = path.parent();
        java.util.ArrayDeque<CgroupPath> chain = new java.util.ArrayDeque<>();
        while (p != null) {
            chain.push(p);
            p = p.parent();
        }
        CgroupFiles.write(root.resolve("cgroup.subtree_control"), "+memory");
        for (CgroupPath q : chain) CgroupFiles.write(dir(q).resolve("cgroup.subtree_control"), "+memory");
    }

    @Override
    public void setLimit(CgroupPath path, long bytes) {
        CgroupFiles.write(dir(path).resolve("memory.max"), bytes == Long.MAX_VALUE ? "max" : Long.toString(bytes));
    }

    @Override
    public void setHigh(CgroupPath path, long bytes) {
        CgroupFiles.write(dir(path).resolve("memory.high"), bytes == Long.MAX_VALUE ? "max" : Long.toString(bytes));
    }

    @Override
    public MemoryReading reading(CgroupPath path) {
        Path d = dir(path);
        Path events = d.resolve("memory.events");
        return new MemoryReading(
                CgroupFiles.readLong(d.resolve("memory.current")),
                CgroupFiles.readLong(d.resolve("memory.max")),
                CgroupFiles.readLong(d.resolve("memory.high")),
                CgroupFiles.readKeyed(events, "max") + CgroupFiles.readKeyed(events, "high"),
                CgroupFiles.readKeyed(events, "oom_kill"),
                false);
    }

    /** Asks the kernel to reclaim the whole usage; it answers EAGAIN when it reclaimed less, which is fine here. */
    @Override
    public SwapPush pushToSwap(CgroupPath path) {
        Path d = dir(path);
        long before = CgroupFiles.readLong(d.resolve("memory.current"));
        try {
            CgroupFiles.write(d.resolve("memory.reclaim"), Long.toString(before));
        } catch (CgroupException partial) {
            // EAGAIN: less than asked could be reclaimed
        }
        return new SwapPush(before, CgroupFiles.readLong(d.resolve("memory.current")), "memory.reclaim");
    }
}

package io.teg.node.cgroup;

import java.nio.file.Path;

/** The memory controller in one hierarchy: v1 ({@link V1Memory}) or v2 ({@link V2Memory}). */
sealed interface MemoryHierarchy permits V1Memory, V2Memory {

    Path root();

    /** Prepares a freshly created directory (v2: enable the controller in the parent's subtree). */
    void prepare(CgroupPath path);

    void setLimit(CgroupPath path, long bytes);

    void setHigh(CgroupPath path, long bytes);

    MemoryReading reading(CgroupPath path);

    SwapPush pushToSwap(CgroupPath path);

    default Path dir(CgroupPath path) {
        return root().resolve(path.relative());
    }
}

package io.teg.node.cgroup;

import java.util.List;

/**
 * The node agent's hands on Linux control groups: one job cgroup per job, named by the same {@link CgroupPath} in
 * every hierarchy in use. Implementations pick, per controller, cgroup v2 where the unified tree has it and v1
 * otherwise ({@link HybridCgroups}); on this project's machines memory is v1 and freezing is v2.
 *
 * <p>All sizes are in bytes. Every method touches the file system and may throw {@link CgroupException} naming the
 * file. Not thread-safe for the same path; the agent's control loop is the only writer.
 */
public interface CgroupController {

    /** Creates the cgroup (and its parents) in every hierarchy in use; existing is fine. */
    void create(CgroupPath path);

    /** Moves a process (all its threads) into the cgroup in every hierarchy in use. */
    void attach(CgroupPath path, long pid);

    /** Processes in the cgroup (memory hierarchy's {@code cgroup.procs}); empty when the cgroup does not exist. */
    List<Long> pids(CgroupPath path);

    /** Whether the cgroup exists in the memory hierarchy. */
    boolean exists(CgroupPath path);

    /** Child cgroups of {@code path} in the memory hierarchy (directories only), or empty when absent. */
    List<CgroupPath> children(CgroupPath path);

    /** The hard limit: reaching it means reclaim, then the OOM killer. v1 {@code memory.limit_in_bytes}, v2 {@code memory.max}. */
    void setMemoryLimit(CgroupPath path, long bytes);

    /**
     * The glassy-state threshold: above it the kernel reclaims and throttles instead of killing. v2 {@code memory.high};
     * v1 has no such throttle: there the job is held at a hard limit with the OOM killer disabled (see V1Memory).
     * {@link Long#MAX_VALUE} clears it.
     */
    void setMemoryHigh(CgroupPath path, long bytes);

    /**
     * Pushes the cgroup's pages out to swap (to compressed swap when the active swap device is zram), meant for a
     * frozen job: its tasks cannot fault the pages back in until it is thawed. v2 writes the usage to
     * {@code memory.reclaim}; v1 has no such file and lowers {@code memory.limit_in_bytes} step by step (halving),
     * which makes the kernel reclaim down to each step, then puts the limit back (see V1Memory). Without swap the
     * kernel cannot move anonymous pages and the result says so (nothing pushed).
     */
    SwapPush pushToSwap(CgroupPath path);

    /** Usage, limits and OOM counters now. */
    MemoryReading memory(CgroupPath path);

    /** Asks every task in the cgroup to stop; see {@link #freezeState} for when they have. */
    void freeze(CgroupPath path);

    /** Lets the tasks run again. */
    void thaw(CgroupPath path);

    FreezeState freezeState(CgroupPath path);

    /** Removes the cgroup (must hold no processes) from every hierarchy in use; absent is fine. */
    void remove(CgroupPath path);

    /** One line: which hierarchy serves which controller, e.g. "memory: v1 /sys/fs/cgroup/memory; freezer: v2 ...". */
    String describe();
}

package io.teg.node.cgroup;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The in-memory twin of {@link CgroupController}, for tests of code that drives cgroups: cgroups are entries in a
 * map, usage is whatever the test sets with {@link #setUsage}, and a threshold or limit counts as refused memory
 * (failcnt) when the usage set reaches it. Holds no processes of the machine: pids are plain numbers.
 * Not thread-safe.
 */
public final class SimulatedCgroups implements CgroupController {

    private static final class Group {
        final List<Long> pids = new ArrayList<>();
        long usage;
        long limit = Long.MAX_VALUE;
        long high = Long.MAX_VALUE;
        long failcnt;
        long swapped;
        boolean frozen;
    }

    private final Map<String, Group> groups = new TreeMap<>();
    private long swapRoom;

    private Group group(CgroupPath p) {
        Group g = groups.get(p.relative());
        if (g == null) throw new CgroupException("no such cgroup", java.nio.file.Path.of("/simulated", p.relative()));
        return g;
    }

    @Override
    public void create(CgroupPath path) {
        for (CgroupPath p = path; p != null; p = p.parent()) groups.putIfAbsent(p.relative(), new Group());
    }

    @Override
    public void attach(CgroupPath path, long pid) {
        for (Group g : groups.values()) g.pids.remove(pid);
        group(path).pids.add(pid);
    }

    /** Removes a process, as if it exited. */
    public void exit(CgroupPath path, long pid) {
        group(path).pids.remove(pid);
        if (group(path).pids.isEmpty()) group(path).usage = 0;
    }

    /** Sets the usage in bytes; reaching the threshold or the limit counts one failcnt. */
    public void setUsage(CgroupPath path, long bytes) {
        Group g = group(path);
        g.usage = bytes;
        if (bytes >= Math.min(g.limit, g.high)) g.failcnt++;
    }

    @Override
    public List<Long> pids(CgroupPath path) {
        Group g = groups.get(path.relative());
        return g == null ? List.of() : List.copyOf(g.pids);
    }

    @Override
    public boolean exists(CgroupPath path) {
        return groups.containsKey(path.relative());
    }

    @Override
    public List<CgroupPath> children(CgroupPath path) {
        List<CgroupPath> out = new ArrayList<>();
        String prefix = path.relative() + "/";
        for (String k : groups.keySet()) {
            if (k.startsWith(prefix) && k.indexOf('/', prefix.length()) < 0) out.add(new CgroupPath(k));
        }
        return out;
    }

    @Override
    public void setMemoryLimit(CgroupPath path, long bytes) {
        group(path).limit = bytes;
    }

    @Override
    public void setMemoryHigh(CgroupPath path, long bytes) {
        group(path).high = bytes;
    }

    /** Moves the whole usage to "swap" when {@link #setSwapRoom} allows it (none by default). */
    @Override
    public SwapPush pushToSwap(CgroupPath path) {
        Group g = group(path);
        long before = g.usage;
        long moved = Math.min(before, swapRoom);
        swapRoom -= moved;
        g.swapped += moved;
        g.usage -= moved;
        return new SwapPush(before, g.usage, "simulated");
    }

    /** Bytes of swap the simulated node has left. */
    public void setSwapRoom(long bytes) {
        swapRoom = bytes;
    }

    /** Bytes of the cgroup pushed to swap so far. */
    public long swapped(CgroupPath path) {
        return group(path).swapped;
    }

    @Override
    public MemoryReading memory(CgroupPath path) {
        Group g = group(path);
        return new MemoryReading(g.usage, g.limit, g.high, g.failcnt, 0, false);
    }

    @Override
    public void freeze(CgroupPath path) {
        group(path).frozen = true;
    }

    @Override
    public void thaw(CgroupPath path) {
        group(path).frozen = false;
    }

    @Override
    public FreezeState freezeState(CgroupPath path) {
        return group(path).frozen ? FreezeState.FROZEN : FreezeState.THAWED;
    }

    @Override
    public void remove(CgroupPath path) {
        Group g = groups.get(path.relative());
        if (g != null && !g.pids.isEmpty()) throw new CgroupException("cgroup holds processes " + g.pids, java.nio.file.Path.of("/simulated", path.relative()));
        groups.remove(path.relative());
    }

    @Override
    public String describe() {
        return "simulated cgroups (" + groups.size() + ")";
    }
}

package io.teg.node.cgroup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * A {@link CgroupController} that takes each controller from the hierarchy that has it, v2 first: memory from the
 * unified tree when its root offers "memory", else from the v1 memory hierarchy; freezing through v2
 * {@code cgroup.freeze} when a unified tree is mounted (the freezer is a core v2 feature), else v1 {@code freezer}.
 * A job cgroup exists, under the same relative path, in every hierarchy in use, and its processes are attached to
 * each of them.
 */
public final class HybridCgroups implements CgroupController {

    private final MemoryHierarchy memory;
    private final FreezerHierarchy freezer;
    private final List<Path> roots;

    private HybridCgroups(MemoryHierarchy memory, FreezerHierarchy freezer) {
        this.memory = memory;
        this.freezer = freezer;
        Set<Path> r = new LinkedHashSet<>();
        r.add(memory.root());
        r.add(freezer.root());
        this.roots = List.copyOf(r);
    }

    /**
     * Chooses per controller from the mounts; throws {@link CgroupException} naming what is missing when there is no
     * memory controller or no freezer at all.
     */
    public static HybridCgroups choose(CgroupMounts mounts) {
        MemoryHierarchy mem;
        if (mounts.v2Root().isPresent() && mounts.v2Controllers().contains("memory")) {
            mem = new V2Memory(mounts.v2Root().get());
        } else if (mounts.v1().containsKey("memory")) {
            mem = new V1Memory(mounts.v1().get("memory"));
        } else {
            throw new CgroupException("no memory controller: neither a cgroup2 root offering 'memory' nor a v1 memory mount",
                    Path.of("/proc/self/mounts"));
        }
        FreezerHierarchy frz;
        if (mounts.v2Root().isPresent()) {
            frz = new FreezerHierarchy.V2(mounts.v2Root().get());
        } else if (mounts.v1().containsKey("freezer")) {
            frz = new FreezerHierarchy.V1(mounts.v1().get("freezer"));
        } else {
            throw new CgroupException("no freezer: neither a cgroup2 root nor a v1 freezer mount", Path.of("/proc/self/mounts"));
        }
        return new HybridCgroups(mem, frz);
    }

    /** Reads {@code /proc/self/mounts} and chooses. */
    public static HybridCgroups detect() {
        Path mountsFile = Path.of("/proc/self/mounts");
        String text = CgroupFiles.read(mountsFile);
        return choose(CgroupMounts.parse(text, root -> {
            Path f = root.resolve("cgroup.controllers");
            return Files.exists(f) ? CgroupFiles.read(f) : "";
        }));
    }

    /**
     * Whether the agent can create cgroups here: tries to create and remove {@code probe} under each root in use.
     *
     * @return empty when writable, else the reason (with the path) why not
     */
    public java.util.Optional<String> probeWritable(CgroupPath probe) {
        try {
            create(probe);
            remove(probe);
            return java.util.Optional.empty();
        } catch (CgroupException e) {
            return java.util.Optional.of(e.getMessage());
        }
    }

    @Override
    public void create(CgroupPath path) {
        for (Path root : roots) CgroupFiles.mkdirs(root.resolve(path.relative()));
        if (!memory.dir(path).toFile().isDirectory()) {
            throw new CgroupException("cgroup directory missing after create", memory.dir(path));
        }
        memory.prepare(path);
    }

    @Override
    public void attach(CgroupPath path, long pid) {
        for (Path root : roots) CgroupFiles.write(root.resolve(path.relative()).resolve("cgroup.procs"), Long.toString(pid));
    }

    @Override
    public List<Long> pids(CgroupPath path) {
        return CgroupFiles.pids(memory.dir(path).resolve("cgroup.procs"));
    }

    @Override
    public boolean exists(CgroupPath path) {
        return Files.isDirectory(memory.dir(path));
    }

    @Override
    public List<CgroupPath> children(CgroupPath path) {
        Path dir = memory.dir(path);
        if (!Files.isDirectory(dir)) return List.of();
        List<CgroupPath> out = new ArrayList<>();
        try (Stream<Path> s = Files.list(dir)) {
            s.filter(Files::isDirectory).map(p -> p.getFileName().toString()).sorted()
                    .forEach(n -> out.add(path.child(n)));
        } catch (IOException e) {
            throw new CgroupException("list", dir, e);
        }
        return out;
    }

    @Override
    public void setMemoryLimit(CgroupPath path, long bytes) {
        memory.setLimit(path, bytes);
    }

    @Override
    public void setMemoryHigh(CgroupPath path, long bytes) {
        memory.setHigh(path, bytes);
    }

    @Override
    public SwapPush pushToSwap(CgroupPath path) {
        return memory.pushToSwap(path);
    }

    @Override
    public MemoryReading memory(CgroupPath path) {
        return memory.reading(path);
    }

    @Override
    public void freeze(CgroupPath path) {
        freezer.freeze(path, true);
    }

    @Override
    public void thaw(CgroupPath path) {
        freezer.freeze(path, false);
    }

    @Override
    public FreezeState freezeState(CgroupPath path) {
        return freezer.state(path);
    }

    @Override
    public void remove(CgroupPath path) {
        for (Path root : roots) CgroupFiles.rmdir(root.resolve(path.relative()));
    }

    @Override
    public String describe() {
        return "memory: " + (memory instanceof V2Memory ? "v2 " : "v1 ") + memory.root()
                + "; freezer: " + (freezer instanceof FreezerHierarchy.V2 ? "v2 " : "v1 ") + freezer.root();
    }
}

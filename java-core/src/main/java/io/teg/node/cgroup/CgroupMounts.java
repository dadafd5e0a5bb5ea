package io.teg.node.cgroup;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Where the cgroup hierarchies are mounted, read from {@code /proc/self/mounts}: the v1 hierarchy of each controller
 * and the v2 unified tree with the controllers it offers ({@code cgroup.controllers} at its root).
 *
 * @param v1               controller name -> mount point of the v1 hierarchy that carries it
 * @param v2Root           the cgroup2 mount point, if any
 * @param v2Controllers    controllers the v2 root offers (empty when none or when v2 is absent)
 */
public record CgroupMounts(Map<String, Path> v1, Optional<Path> v2Root, Set<String> v2Controllers) {

    public CgroupMounts {
        v1 = Map.copyOf(v1);
        v2Controllers = Set.copyOf(v2Controllers);
    }

    /**
     * Parses mount table text (the format of {@code /proc/self/mounts}: device, mount point, type, options, ...).
     *
     * @param v2ControllersOf reads {@code cgroup.controllers} of a cgroup2 mount point (space-separated names)
     */
    public static CgroupMounts parse(String mounts, java.util.function.Function<Path, String> v2ControllersOf) {
        Map<String, Path> v1 = new LinkedHashMap<>();
        Path v2 = null;
        for (String line : mounts.split("\n")) {
            String[] f = line.trim().split("\\s+");
            if (f.length < 4) continue;
            Path mountPoint = Path.of(f[1].replace("\\040", " "));
            if (f[2].equals("cgroup2") && v2 == null) {
                v2 = mountPoint;
            } else if (f[2].equals("cgroup")) {
                for (String opt : f[3].split(",")) {
                    if (opt.equals("memory") || opt.equals("freezer") || opt.equals("cpu") || opt.equals("cpuacct")
                            || opt.equals("pids") || opt.equals("cpuset") || opt.equals("blkio") || opt.equals("devices")) {
                        v1.putIfAbsent(opt, mountPoint);
                    }
                }
            }
        }
        Set<String> controllers = v2 == null ? Set.of()
                : Arrays.stream(v2ControllersOf.apply(v2).trim().split("\\s+")).filter(s -> !s.isEmpty())
                        .collect(Collectors.toSet());
        return new CgroupMounts(v1, Optional.ofNullable(v2), controllers);
    }
}

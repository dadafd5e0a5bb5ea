package io.teg.cli.cluster;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything that fixes one local test cluster: where its state lives, how many nodes it has and how big they are,
 * which loopback ports it uses and which select plugin slurmctld loads. Every file and socket of the cluster is
 * under {@link #dir()}, so clusters with distinct directories and ports never meet.
 *
 * @param name            the cluster's name (Slurm's {@code ClusterName}, and the directory's name by default)
 * @param dir             the directory that holds the cluster's config, state, spool, logs, munge key and socket
 * @param nodes           number of slurmd processes, named {@code n1 .. nN}
 * @param cpusPerNode     CPUs each node declares
 * @param memoryPerNodeMb memory each node declares, in MiB ({@code RealMemory})
 * @param gpusPerNode     GPUs each node declares ({@code Gres=gpu:N}, 0 to 64; 0: none). The local nodes have no
 *                        devices: gres.conf names plain files under {@code dir/gpus} in their place
 * @param controllerPort  slurmctld's TCP port on 127.0.0.1
 * @param firstNodePort   node {@code nK} listens on {@code firstNodePort + K - 1}
 * @param select          the select plugin
 * @param systemPluginDir Slurm's own plugin directory
 * @param tegPluginDir    the directory with {@code select_teg.so} and {@code spank_teg.so}, if built
 * @param spankPlugin     the SPANK plugin that adds the {@code --teg-*} options, if built
 * @param controllerHost  the host name slurmctld must recognise as its own ({@code SlurmctldHost})
 * @param tegRuntime      teg.conf's JVM and class path; present exactly when {@code select} is TEG
 * @param extraConf       further slurm.conf lines ({@code Key=Value}), written last, e.g. {@code SchedulerParameters=...}
 */
public record ClusterLayout(String name, Path dir, int nodes, int cpusPerNode, int memoryPerNodeMb, int gpusPerNode,
                            int controllerPort, int firstNodePort, SelectPlugin select, Path systemPluginDir,
                            Optional<Path> tegPluginDir, Optional<Path> spankPlugin, String controllerHost,
                            Optional<TegRuntime> tegRuntime, List<String> extraConf) {

    /** The most GPUs a local node may declare (what the engine models per node). */
    public static final int MAX_GPUS_PER_NODE = 64;

    /** A layout whose nodes have no GPUs. */
    public ClusterLayout(String name, Path dir, int nodes, int cpusPerNode, int memoryPerNodeMb, int controllerPort,
                         int firstNodePort, SelectPlugin select, Path systemPluginDir, Optional<Path> tegPluginDir,
                         Optional<Path> spankPlugin, String controllerHost, Optional<TegRuntime> tegRuntime,
                         List<String> extraConf) {
        this(name, dir, nodes, cpusPerNode, memoryPerNodeMb, 0, controllerPort, firstNodePort, select,
                systemPluginDir, tegPluginDir, spankPlugin, controllerHost, tegRuntime, extraConf);
    }

    /** Debian's directory of Slurm plugins. */
    public static final Path DEBIAN_PLUGIN_DIR = Path.of("/usr/lib/x86_64-linux-gnu/slurm-wlm");

    public ClusterLayout {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(dir, "dir");
        Objects.requireNonNull(select, "select");
        Objects.requireNonNull(systemPluginDir, "systemPluginDir");
        Objects.requireNonNull(tegPluginDir, "tegPluginDir");
        Objects.requireNonNull(spankPlugin, "spankPlugin");
        Objects.requireNonNull(controllerHost, "controllerHost");
        Objects.requireNonNull(tegRuntime, "tegRuntime");
        extraConf = List.copyOf(extraConf);
        for (String e : extraConf) {
            if (!e.matches("[A-Za-z]+=\\S+")) {
                throw new IllegalArgumentException("slurm.conf line '" + e + "': expected Key=Value without spaces");
            }
        }
        if (!name.matches("[A-Za-z][A-Za-z0-9_]{0,39}")) {
            throw new IllegalArgumentException("cluster name '" + name
                    + "': must start with a letter and hold only letters, digits and '_' (at most 40)");
        }
        if (nodes < 1) throw new IllegalArgumentException("--nodes=" + nodes + ": must be at least 1");
        if (cpusPerNode < 1) throw new IllegalArgumentException("--cpus=" + cpusPerNode + ": must be at least 1");
        if (memoryPerNodeMb < cpusPerNode) {
            throw new IllegalArgumentException("--memory-mb=" + memoryPerNodeMb + ": must be at least 1 MiB per CPU ("
                    + cpusPerNode + " CPUs)");
        }
        if (gpusPerNode < 0 || gpusPerNode > MAX_GPUS_PER_NODE) {
            throw new IllegalArgumentException("--gpus=" + gpusPerNode + ": must be in 0.." + MAX_GPUS_PER_NODE);
        }
        if (controllerPort < 1024 || controllerPort > 65535) {
            throw new IllegalArgumentException("controller port " + controllerPort + ": must be in 1024..65535");
        }
        if (firstNodePort < 1024 || firstNodePort + nodes - 1 > 65535) {
            throw new IllegalArgumentException("node ports " + firstNodePort + ".." + (firstNodePort + nodes - 1)
                    + ": must lie in 1024..65535");
        }
        if (controllerPort >= firstNodePort && controllerPort < firstNodePort + nodes) {
            throw new IllegalArgumentException("controller port " + controllerPort + " overlaps the node ports "
                    + firstNodePort + ".." + (firstNodePort + nodes - 1));
        }
        if (select == SelectPlugin.TEG && tegPluginDir.isEmpty()) {
            throw new IllegalArgumentException("--select=teg needs the directory with select_teg.so");
        }
        if ((select == SelectPlugin.TEG) != tegRuntime.isPresent()) {
            throw new IllegalArgumentException("a teg.conf (JVM and class path) goes with select/teg and only with it");
        }
    }

    /** The name of node {@code k}, 1-based. */
    public String nodeName(int k) {
        return "n" + k;
    }

    /** All node names in Slurm's host-list form, e.g. {@code n[1-16]}. */
    public String nodeList() {
        return nodes == 1 ? "n1" : "n[1-" + nodes + "]";
    }

    /** Memory per CPU given to a job that asks for none, in MiB: the node's memory split evenly over its CPUs. */
    public int defaultMemoryPerCpuMb() {
        return memoryPerNodeMb / cpusPerNode;
    }

    public Path slurmConf() {
        return dir.resolve("slurm.conf");
    }

    /** select/teg's configuration: beside slurm.conf, where the plugin looks for it. */
    public Path tegConf() {
        return dir.resolve("teg.conf");
    }

    /** select/teg's decision log (teg.conf's default: in StateSaveLocation). */
    public Path decisionLog() {
        return stateDir().resolve("teg-decisions.log");
    }

    public Path plugstackConf() {
        return dir.resolve("plugstack.conf");
    }

    /** Slurm's GRES configuration: beside slurm.conf, where slurmd reads it; written when the nodes have GPUs. */
    public Path gresConf() {
        return dir.resolve("gres.conf");
    }

    /** Where the plain files that stand in for GPU devices ({@code gpu0 .. gpuN-1}) are. */
    public Path gpuDeviceDir() {
        return dir.resolve("gpus");
    }

    public Path mungeDir() {
        return dir.resolve("munge");
    }

    public Path mungeSocket() {
        return mungeDir().resolve("munge.socket");
    }

    public Path mungeKey() {
        return mungeDir().resolve("munge.key");
    }

    public Path stateDir() {
        return dir.resolve("state");
    }

    public Path spoolDir() {
        return dir.resolve("spool");
    }

    public Path logDir() {
        return dir.resolve("log");
    }

    /** The table of daemons this cluster started: role, PID, start time. */
    public Path daemonTable() {
        return dir.resolve("daemons");
    }

    /** slurmctld's log file. */
    public Path controllerLog() {
        return logDir().resolve("slurmctld.log");
    }

    /** Where jobs that name no output file write (the working directory given to sbatch by the tools here). */
    public Path jobDir() {
        return dir.resolve("jobs");
    }

    /** {@code PluginDir=}: Slurm's own directory, then ours when we built one. */
    public String pluginDirValue() {
        return tegPluginDir.map(p -> systemPluginDir + ":" + p).orElse(systemPluginDir.toString());
    }
}

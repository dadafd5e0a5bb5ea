package io.teg.cli.cluster;

import io.teg.cli.Home;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.Callable;

/**
 * {@code teg cluster up|down|status}: a Slurm cluster on this machine's loopback for tests, the demo and the
 * benchmarks. See docs/admin.md.
 */
@Command(name = "cluster", mixinStandardHelpOptions = true,
        description = "A local Slurm cluster on loopback: munged, slurmctld and N slurmd, state under target/cluster/NAME.",
        subcommands = {ClusterCommand.Up.class, ClusterCommand.Down.class, ClusterCommand.Status.class})
public final class ClusterCommand implements Runnable {

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Where a cluster lives: by name under the project's target/cluster, or a directory given outright. */
    static final class Where {
        @Option(names = "--name", defaultValue = "local", description = "cluster name (default: ${DEFAULT-VALUE})")
        String name;

        @Option(names = "--dir", paramLabel = "DIR", description = "state directory (default: target/cluster/NAME)")
        Path dir;

        Path directory() {
            return dir != null ? dir.toAbsolutePath() : Home.root().resolve("target/cluster").resolve(name);
        }
    }

    @Command(name = "up", mixinStandardHelpOptions = true, description = "Starts the cluster; returns when all nodes are idle.")
    static final class Up implements Callable<Integer> {
        @picocli.CommandLine.Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Mixin
        Where where;

        @Option(names = "--nodes", required = true, paramLabel = "N", description = "number of slurmd processes")
        int nodes;

        @Option(names = "--select", defaultValue = "auto", paramLabel = "teg|cons_tres",
                description = "select plugin; auto: teg when select_teg.so is built, else cons_tres (default: ${DEFAULT-VALUE})")
        String select;

        @Option(names = "--cpus", defaultValue = "4", description = "CPUs per node (default: ${DEFAULT-VALUE})")
        int cpus;

        @Option(names = "--memory-mb", defaultValue = "4096", description = "memory per node, MiB (default: ${DEFAULT-VALUE})")
        int memoryMb;

        @Option(names = "--gpus", defaultValue = "0", paramLabel = "N",
                description = "GPUs per node, Gres=gpu:N (plain files stand in for the devices; default: ${DEFAULT-VALUE})")
        int gpus;

        @Option(names = "--port", paramLabel = "P",
                description = "slurmctld's port; nodes use P+1..P+N (default: the first free block from 27000)")
        Integer port;

        @Option(names = "--teg-conf", paramLabel = "KEY=VALUE",
                description = "an extra teg.conf line for select/teg, e.g. DecisionTimeout=5 (repeatable)")
        List<String> tegConf = new java.util.ArrayList<>();

        @Option(names = "--conf", paramLabel = "KEY=VALUE",
                description = "an extra slurm.conf line, e.g. SchedulerParameters=default_queue_depth=1000 (repeatable)")
        List<String> conf = new java.util.ArrayList<>();

        @Option(names = "--plugin-dir", paramLabel = "DIR",
                description = "directory with select_teg.so and spank_teg.so (default: target/native/slurm-plugin-c)")
        Path pluginDir;

        @Override
        public Integer call() throws Exception {
            PrintWriter out = spec.commandLine().getOut();
            ClusterLayout layout = layout(where.name, where.directory(), nodes, select, cpus, memoryMb, gpus, port,
                    pluginDir, tegConf, conf);
            LocalCluster cluster = new LocalCluster(layout, LocalCluster.Timeouts.standard(nodes),
                    s -> spec.commandLine().getErr().println("teg cluster: " + s));
            cluster.up();
            out.println("cluster '" + layout.name() + "' is up: " + layout.nodes() + " nodes " + layout.nodeList()
                    + ", " + layout.select().selectType() + ", slurmctld on 127.0.0.1:" + layout.controllerPort());
            out.println("export SLURM_CONF=" + layout.slurmConf());
            return 0;
        }
    }

    @Command(name = "down", mixinStandardHelpOptions = true, description = "Stops every daemon the cluster started, by PID.")
    static final class Down implements Callable<Integer> {
        @picocli.CommandLine.Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Mixin
        Where where;

        @Override
        public Integer call() throws Exception {
            LocalCluster cluster = existing(where);
            LocalCluster.Stopped s = cluster.down();
            spec.commandLine().getOut().println("cluster '" + where.name + "' is down: " + s.terminated().size()
                    + " daemons stopped by TERM, " + s.killed().size() + " by KILL, " + s.alreadyGone().size()
                    + " had already exited" + (s.jobProcesses() > 0 ? ", " + s.jobProcesses() + " job processes stopped" : ""));
            return 0;
        }
    }

    @Command(name = "status", mixinStandardHelpOptions = true, description = "Prints the daemons, nodes and jobs.")
    static final class Status implements Callable<Integer> {
        @picocli.CommandLine.Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Mixin
        Where where;

        @Override
        public Integer call() throws Exception {
            PrintWriter out = spec.commandLine().getOut();
            LocalCluster cluster = existing(where);
            var live = cluster.liveDaemons();
            out.println("cluster '" + where.name + "' in " + cluster.layout().dir() + ": " + live.size()
                    + " daemons running");
            if (live.stream().noneMatch(d -> d.role().equals("slurmctld"))) {
                out.println("slurmctld is not running");
                return live.isEmpty() ? 3 : 1;
            }
            SlurmClient c = cluster.client();
            Map<String, Integer> nodes = new TreeMap<>();
            c.nodeStates().values().forEach(s -> nodes.merge(s, 1, Integer::sum));
            Map<String, Integer> jobs = new TreeMap<>();
            c.jobStates().values().forEach(s -> jobs.merge(s, 1, Integer::sum));
            out.println("nodes: " + nodes);
            out.println("jobs:  " + jobs);
            out.println("export SLURM_CONF=" + cluster.layout().slurmConf());
            return 0;
        }
    }

    /** Reads back the layout of a cluster that was started before, from its slurm.conf. */
    static LocalCluster existing(Where where) throws java.io.IOException {
        Path dir = where.directory();
        Path conf = dir.resolve("slurm.conf");
        if (!Files.isRegularFile(conf)) {
            throw new IllegalArgumentException("no cluster in " + dir + " (no slurm.conf): start one with 'teg cluster up'");
        }
        Path tegConf = dir.resolve("teg.conf");
        ClusterLayout layout = SlurmConfFile.parseLayout(where.name, dir, Files.readString(conf),
                Files.isRegularFile(tegConf) ? TegRuntime.parse(Files.readString(tegConf)) : Optional.empty());
        return new LocalCluster(layout, LocalCluster.Timeouts.standard(layout.nodes()), s -> { });
    }

    /** Builds the layout of a new cluster from the command-line values, finding free ports and our plugins. */
    public static ClusterLayout layout(String name, Path dir, int nodes, String select, int cpus, int memoryMb,
                                       Integer port, Path pluginDir) {
        return layout(name, dir, nodes, select, cpus, memoryMb, port, pluginDir, List.of(), List.of());
    }

    /**
     * As {@link #layout(String, Path, int, String, int, int, Integer, Path)}, with extra teg.conf lines and extra
     * slurm.conf lines.
     */
    public static ClusterLayout layout(String name, Path dir, int nodes, String select, int cpus, int memoryMb,
                                       Integer port, Path pluginDir, List<String> tegConf, List<String> slurmConf) {
        return layout(name, dir, nodes, select, cpus, memoryMb, 0, port, pluginDir, tegConf, slurmConf);
    }

    /** As above, with {@code gpus} GPUs per node ({@code Gres=gpu:N}). */
    public static ClusterLayout layout(String name, Path dir, int nodes, String select, int cpus, int memoryMb,
                                       int gpus, Integer port, Path pluginDir, List<String> tegConf,
                                       List<String> slurmConf) {
        Path plugins = pluginDir != null ? pluginDir.toAbsolutePath()
                : Home.root().resolve("target/native/slurm-plugin-c");
        boolean tegBuilt = Files.isRegularFile(plugins.resolve("select_teg.so"));
        SelectPlugin plugin = select.equals("auto") ? (tegBuilt ? SelectPlugin.TEG : SelectPlugin.CONS_TRES)
                : SelectPlugin.parse(select);
        if (plugin == SelectPlugin.TEG && !tegBuilt) {
            throw new IllegalArgumentException("--select=teg: no select_teg.so in " + plugins
                    + " (build it with ./teg test or cmake, or give --plugin-dir)");
        }
        Path spank = plugins.resolve("spank_teg.so");
        boolean hasPlugins = Files.isDirectory(plugins) && (tegBuilt || Files.isRegularFile(spank));
        Optional<TegRuntime> teg = Optional.empty();
        if (plugin == SelectPlugin.TEG) {
            Path jar = Home.root().resolve("java-core/target/teg.jar");
            if (!Files.isRegularFile(jar)) {
                throw new IllegalArgumentException("--select=teg: " + jar + " is not built (./teg builds it)");
            }
            teg = Optional.of(new TegRuntime(Path.of(System.getProperty("java.home")), jar, tegConf));
        }
        int first = port != null ? port : LoopbackPorts.freeBlock(27000, nodes + 1);
        return new ClusterLayout(name, dir, nodes, cpus, memoryMb, gpus, first, first + 1, plugin,
                ClusterLayout.DEBIAN_PLUGIN_DIR, hasPlugins ? Optional.of(plugins) : Optional.empty(),
                Files.isRegularFile(spank) ? Optional.of(spank) : Optional.empty(), hostName(), teg, slurmConf);
    }

    /** This host's short name, as gethostname(2) gives it: slurmctld accepts only a SlurmctldHost that matches. */
    public static String hostName() {
        try {
            return Files.readString(Path.of("/proc/sys/kernel/hostname")).strip().split("\\.")[0];
        } catch (java.io.IOException e) {
            throw new IllegalStateException("cannot read this host's name, which slurmctld needs: " + e.getMessage());
        }
    }
}

package io.teg.cli.cluster;

import io.teg.cli.Home;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** Starts real local clusters for integration tests, each in its own directory and on its own free ports. */
public final class TestClusters {

    /** Job states after which a job never runs again. */
    public static final Set<String> FINISHED = Set.of("COMPLETED", "FAILED", "CANCELLED", "TIMEOUT", "NODE_FAIL",
            "OUT_OF_MEMORY", "BOOT_FAIL", "DEADLINE", "PREEMPTED");

    private TestClusters() {
    }

    /** The directory CMake builds our Slurm plugins into (./teg test builds it before the tests run). */
    public static Path pluginDir() {
        return Home.root().resolve("target/native/slurm-plugin-c");
    }

    /**
     * Starts a cluster named {@code name} (plus this JVM's PID, so parallel runs never share a directory) with
     * {@code nodes} nodes of 4 CPUs and 4 GiB. {@code pluginDir} null: no TEG plugins at all.
     */
    public static LocalCluster start(String name, int nodes, SelectPlugin select, Path pluginDir) throws Exception {
        Path dir = Home.root().resolve("target/cluster/" + name + "_" + ProcessHandle.current().pid());
        Path plugins = pluginDir != null ? pluginDir : dir.resolve("no-plugins");
        ClusterLayout layout = ClusterCommand.layout(name, dir, nodes, select.cliName(), 4, 4096, null, plugins);
        LocalCluster cluster = new LocalCluster(layout, LocalCluster.Timeouts.standard(nodes), s -> { });
        cluster.up();
        return cluster;
    }

    /** The path of a built plugin, or a failure that says how to build it. */
    public static Path builtPlugin(String file) {
        Path p = pluginDir().resolve(file);
        if (!Files.isRegularFile(p)) {
            throw new AssertionError(p + " is not built: run ./teg test (it builds target/native with CMake first)");
        }
        return p;
    }

    /** Waits until every job is in one of {@code wanted} (default: finished); returns their states. */
    public static Map<Long, String> awaitJobs(SlurmClient c, List<Long> ids, Duration limit, String... wanted)
            throws InterruptedException {
        Set<String> done = wanted.length > 0 ? Set.of(wanted) : FINISHED;
        long deadline = System.nanoTime() + limit.toNanos();
        Map<Long, String> states = Map.of();
        while (System.nanoTime() < deadline) {
            Map<Long, String> all = c.jobStates();
            states = new TreeMap<>();
            for (long id : ids) if (all.containsKey(id)) states.put(id, all.get(id));
            if (states.size() == ids.size() && done.containsAll(states.values())) return states;
            Thread.sleep(250);
        }
        throw new AssertionError("jobs not " + done + " after " + limit.toSeconds() + " s: " + states);
    }
}

package io.teg.cli;

import io.teg.field.SparseGpRegression;
import io.teg.grid.GovernorRole;
import io.teg.grid.GridNode;
import io.teg.grid.GridSettings;
import io.teg.grid.TelemetryFittedField;
import io.teg.grid.ZoneHosting;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/**
 * {@code teg governor} and {@code teg ledger}: a grid member in one of TEG's roles, started from a grid YAML file of
 * {@code hazelcast-config/} (or the embedded default), running until the process is stopped (SIGTERM leaves the cluster
 * cleanly). A bad file stops the start with the file and key, exit code 2.
 */
final class GridRoleCommand {

    private GridRoleCommand() {
    }

    /** Options both roles share. */
    abstract static class Role implements Callable<Integer> {

        @picocli.CommandLine.Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Option(names = "--grid", paramLabel = "FILE",
                description = "grid YAML file (hazelcast-config/teg-cluster.yaml style); default: the embedded single member")
        Path grid;

        /** Loads the settings, failing on bad input before anything starts. */
        GridSettings settings() {
            GridSettings s = grid == null ? GridSettings.embedded() : GridSettings.load(grid);
            if (s.member() == null)
                throw new IllegalArgumentException(s.file() + ": is a client file (hazelcast-client:); teg "
                        + spec.name() + " runs a member (hazelcast:)");
            return s;
        }

        /** Blocks until the JVM shuts down, then closes {@code parts} in reverse order. */
        static void runUntilStopped(PrintWriter out, AutoCloseable... parts) throws InterruptedException {
            CountDownLatch stopped = new CountDownLatch(1);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                for (int i = parts.length - 1; i >= 0; i--) {
                    try {
                        parts[i].close();
                    } catch (Exception e) {
                        // leaving anyway
                    }
                }
                stopped.countDown();
            }, "teg-grid-shutdown"));
            out.flush();
            stopped.await();
        }
    }

    @Command(name = "ledger", mixinStandardHelpOptions = true,
            description = "Run a grid member that hosts the zone ledgers of the zones it owns (teg.zones).")
    static final class Ledger extends Role {
        @Override
        public Integer call() throws Exception {
            GridSettings s = settings();
            if (s.zones().isEmpty())
                throw new IllegalArgumentException(s.file() + ": hazelcast.properties.teg.zones: a ledger member needs zones");
            GridNode node = GridNode.start(s);
            ZoneHosting hosting = node.hostZones();
            PrintWriter out = spec.commandLine().getOut();
            out.println("teg ledger: member " + node.hazelcast().getCluster().getLocalMember().getUuid() + " of cluster "
                    + s.member().getClusterName() + ", zones " + s.zones().keySet() + ", hosting " + hosting.hostedZones());
            runUntilStopped(out, node, hosting);
            return 0;
        }
    }

    @Command(name = "governor", mixinStandardHelpOptions = true,
            description = "Run a grid member in the governor election; the active one signs and publishes the field.")
    static final class Governor extends Role {

        /** Inducing points M of each zone's fit (at most 256, ARCHITECTURE §4). */
        private static final int FIT_INDUCING_POINTS = 32;
        /** Every how many epochs the basis and hyperparameters are fitted anew; between, the warm start gives Φ̇. */
        private static final int FULL_FIT_EVERY = 10;

        @Option(names = "--epoch-seconds", defaultValue = "60", paramLabel = "S",
                description = "seconds between two published fields (default: ${DEFAULT-VALUE})")
        long epochSeconds;

        @Override
        public Integer call() throws Exception {
            if (epochSeconds < 1) throw new IllegalArgumentException("--epoch-seconds must be >= 1, got " + epochSeconds);
            GridSettings s = settings();
            if (!s.siteKey().canSign())
                throw new IllegalArgumentException(s.file() + ": hazelcast.properties.teg.site-key-file: the governor "
                        + "needs the private site key (ed25519-private) to sign the field");
            GridNode node = GridNode.start(s);
            PrintWriter out = spec.commandLine().getOut();
            if (s.metricsPort() > 0)
                out.println("teg governor: Prometheus metrics on port " + node.metrics().serve(s.metricsPort()) + " /metrics");
            GovernorRole role = new GovernorRole(node, new TelemetryFittedField(node.telemetry(), s.zones(),
                    new SparseGpRegression(FIT_INDUCING_POINTS), epochSeconds, FULL_FIT_EVERY),
                    Duration.ofSeconds(epochSeconds), InstantSource.system(), (f, t) -> { });
            out.println("teg governor: member " + node.hazelcast().getCluster().getLocalMember().getUuid()
                    + " of cluster " + s.member().getClusterName() + " in the governor election");
            runUntilStopped(out, node, role);
            return 0;
        }
    }
}

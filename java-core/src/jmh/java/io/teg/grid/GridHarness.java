package io.teg.grid;

import com.hazelcast.map.IMap;
import io.teg.field.FieldSnapshot;
import io.teg.field.Hyperparameters;
import io.teg.ledger.Bid;
import io.teg.ledger.Demand;
import io.teg.ledger.Mint;
import io.teg.ledger.Target;
import io.teg.ledger.Tokens;
import org.HdrHistogram.Histogram;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The grid's three figures of issue 6, each with a baseline measured in the same run:
 * <ol>
 *   <li>field read p99 on a client with a near cache (target &le; 5 µs), against a ConcurrentHashMap read timed the
 *       same way (both include the two System.nanoTime() calls around each read);</li>
 *   <li>telemetry node-updates per second through one member (target &ge; 200k), batches of 1,000 node samples,
 *       against the same batches put into a ConcurrentHashMap on the heap (no serialization, no partition);</li>
 *   <li>failover time (target &le; 5 s): a zone owner of three in-JVM members is terminated (no goodbye), and the
 *       time to the first fill answered by its successor is measured, against one order's round trip in steady
 *       state.</li>
 * </ol>
 * Members listen on loopback ports 5961-5966; state goes under target/bench/grid.
 *
 * <pre>
 *   cd java-core && java -cp target/test-classes:target/classes:$(cat target/test-classpath.txt) io.teg.grid.GridHarness
 * </pre>
 */
public final class GridHarness {

    private GridHarness() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of("target", "bench", "grid");
        Files.createDirectories(dir);
        SiteKey.generate(new SecureRandom()).writePrivate(dir.resolve("site.key"));
        fieldReads(dir);
        telemetry(dir);
        failover(dir);
    }

    static FieldSnapshot field(long epoch, int m) {
        double[] x = new double[m];
        double[] y = new double[m];
        double[] w = new double[m];
        for (int i = 0; i < m; i++) {
            x[i] = i;
            y[i] = i % 7;
            w[i] = 0.01 * i;
        }
        return FieldSnapshot.stationary(epoch, new Hyperparameters(1, 2, 0.1), 0.5, x, y, w);
    }

    private static void fieldReads(Path dir) throws IOException {
        try (GridNode member = GridNode.start(GridSettings.load(memberFile(dir, "reads", 5961, 1, 0)));
             GridNode client = GridNode.start(GridSettings.load(clientFile(dir, "reads", 5961, 1)))) {
            new FieldChannel(member.hazelcast(), member.siteKey(), member.metrics()).publish("z0", 1, field(1, 64));
            IMap<String, SignedField> near = client.hazelcast().getMap(GridNames.FIELD);
            Map<String, SignedField> chm = new ConcurrentHashMap<>(Map.of("z0", near.get("z0")));
            int n = 2_000_000;
            Histogram hNear = new Histogram(3);
            Histogram hChm = new Histogram(3);
            long sink = 0;
            for (int round = 0; round < 2; round++) { // round 0 warms up
                hNear.reset();
                hChm.reset();
                for (int i = 0; i < n; i++) {
                    long t0 = System.nanoTime();
                    SignedField f = near.get("z0");
                    long t1 = System.nanoTime();
                    SignedField g = chm.get("z0");
                    long t2 = System.nanoTime();
                    sink += f.governorTerm() + g.governorTerm();
                    hNear.recordValue(t1 - t0);
                    hChm.recordValue(t2 - t1);
                }
            }
            var stats = near.getLocalMapStats().getNearCacheStats();
            System.out.printf(Locale.ROOT, "field read on a client with near cache: p50 %.2f us, p99 %.2f us, p99.9 %.2f us "
                            + "(near-cache hits %d, misses %d)%n", hNear.getValueAtPercentile(50) / 1e3,
                    hNear.getValueAtPercentile(99) / 1e3, hNear.getValueAtPercentile(99.9) / 1e3, stats.getHits(),
                    stats.getMisses());
            System.out.printf(Locale.ROOT, "  baseline ConcurrentHashMap read:      p50 %.2f us, p99 %.2f us; ratio p99 near/CHM %.1f%n",
                    hChm.getValueAtPercentile(50) / 1e3, hChm.getValueAtPercentile(99) / 1e3,
                    (double) hNear.getValueAtPercentile(99) / Math.max(1, hChm.getValueAtPercentile(99)));
            if (sink == 42) System.out.println();
        }
    }

    private static void telemetry(Path dir) throws IOException {
        try (GridNode member = GridNode.start(GridSettings.load(memberFile(dir, "telemetry", 5963, 1, 0)))) {
            TelemetryBus bus = member.telemetry();
            int nodes = 1_000;
            List<TelemetryBatch> batches = new ArrayList<>();
            for (int s = 0; s < 64; s++) {
                int[] ids = new int[nodes];
                float[] f = new float[nodes];
                for (int i = 0; i < nodes; i++) {
                    ids[i] = s * nodes + i;
                    f[i] = (i % 100) / 100f;
                }
                batches.add(new TelemetryBatch("z" + (s % 8), s, 1, s, ids, f, f, f, f, f));
            }
            Map<ZoneKey, TelemetryBatch> chm = new ConcurrentHashMap<>();
            double gridRate = 0;
            double chmRate = 0;
            for (int round = 0; round < 2; round++) { // round 0 warms up
                long updates = 0;
                long t0 = System.nanoTime();
                long end = t0 + 3_000_000_000L;
                while (System.nanoTime() < end) {
                    for (TelemetryBatch b : batches) bus.publish(b);
                    updates += (long) batches.size() * nodes;
                }
                gridRate = updates * 1e9 / (System.nanoTime() - t0);
                updates = 0;
                t0 = System.nanoTime();
                end = t0 + 1_000_000_000L;
                while (System.nanoTime() < end) {
                    for (TelemetryBatch b : batches) chm.put(b.key(), b);
                    updates += (long) batches.size() * nodes;
                }
                chmRate = updates * 1e9 / (System.nanoTime() - t0);
            }
            System.out.printf(Locale.ROOT, "telemetry through one member: %,.0f node-updates/s (batches of %d, synchronous set)%n",
                    gridRate, nodes);
            System.out.printf(Locale.ROOT, "  baseline ConcurrentHashMap put of the same batches: %,.0f node-updates/s; ratio grid/CHM %.4f%n",
                    chmRate, gridRate / chmRate);
        }
    }

    private static void failover(Path dir) throws Exception {
        List<GridNode> members = new ArrayList<>();
        List<ZoneHosting> hostings = new ArrayList<>();
        for (int i = 0; i < 3; i++) members.add(GridNode.start(GridSettings.load(memberFile(dir, "failover", 5964, 3, i))));
        for (GridNode m : members) hostings.add(m.hostZones());
        try (GridNode client = GridNode.start(GridSettings.load(clientFile(dir, "failover", 5964, 3)))) {
            while (client.hazelcast().getCluster().getMembers().size() < 3) Thread.sleep(50);
            OrderDesk desk = client.orderDesk();
            desk.placeUntilAnswered(desk.sign("z0", new Mint("alice", Tokens.ofTokens(1_000_000), 1)), 30_000);
            long job = 0;
            Histogram steady = new Histogram(3);
            for (int i = 0; i < 2_000; i++) {
                long t0 = System.nanoTime();
                desk.placeUntilAnswered(desk.sign("z0", bid(++job)), 30_000);
                steady.recordValue(System.nanoTime() - t0);
            }
            String owner = client.hazelcast().getPartitionService().getPartition("z0").getOwner().getUuid().toString();
            GridNode victim = members.stream()
                    .filter(m -> m.hazelcast().getCluster().getLocalMember().getUuid().toString().equals(owner)).findFirst()
                    .orElseThrow();
            long killed = System.nanoTime();
            victim.hazelcast().getLifecycleService().terminate();
            OrderOutcome o;
            do {
                o = desk.placeUntilAnswered(desk.sign("z0", bid(++job)), 30_000);
            } while (o.member().equals(owner));
            double failoverS = (System.nanoTime() - killed) / 1e9;
            System.out.printf(Locale.ROOT, "failover: zone owner terminated to first fill by its successor: %.2f s%n", failoverS);
            System.out.printf(Locale.ROOT, "  baseline steady order round trip: p50 %.3f ms, p99 %.3f ms; ratio failover/p50 %.0f%n",
                    steady.getValueAtPercentile(50) / 1e6, steady.getValueAtPercentile(99) / 1e6,
                    failoverS * 1e9 / steady.getValueAtPercentile(50));
        } finally {
            for (ZoneHosting h : hostings) {
                try {
                    h.close();
                } catch (RuntimeException e) {
                    // the terminated one
                }
            }
            for (GridNode m : members) {
                try {
                    m.close();
                } catch (RuntimeException e) {
                    // the terminated one
                }
            }
        }
    }

    private static Bid bid(long job) {
        return Bid.perUnitSecond(job, "alice", Target.Nodes.of(Demand.of(100, 64, 0), (int) (job % 16)), 2_000, 1, 1e9, job);
    }

    private static Path memberFile(Path dir, String name, int basePort, int count, int index) throws IOException {
        StringBuilder list = new StringBuilder();
        for (int i = 0; i < count; i++) list.append("          - 127.0.0.1:").append(basePort + i).append('\n');
        String yaml = """
                hazelcast:
                  cluster-name: teg-bench-%s
                  properties:
                    hazelcast.jmx: "true"
                    hazelcast.logging.type: log4j2
                    hazelcast.phone.home.enabled: "false"
                    hazelcast.map.invalidation.batch.enabled: "false"
                    hazelcast.heartbeat.interval.seconds: "1"
                    hazelcast.max.no.heartbeat.seconds: "3"
                    teg.site-key-file: site.key
                    teg.zones: "z0=16"
                  network:
                    port: {auto-increment: false, port: %d}
                    interfaces: {enabled: true, interfaces: [127.0.0.1]}
                    join:
                      auto-detection: {enabled: false}
                      multicast: {enabled: false}
                      tcp-ip:
                        enabled: true
                        member-list:
                %s
                  map:
                    teg-field: {statistics-enabled: true, backup-count: 1, in-memory-format: OBJECT}
                    teg-telemetry: {statistics-enabled: true, backup-count: 0, async-backup-count: 1}
                    teg-journal: {statistics-enabled: true, backup-count: 1}
                """.formatted(name, basePort + index, list);
        Path p = dir.resolve(name + "-member-" + index + ".yaml");
        Files.writeString(p, yaml);
        return p;
    }

    private static Path clientFile(Path dir, String name, int basePort, int count) throws IOException {
        StringBuilder list = new StringBuilder();
        for (int i = 0; i < count; i++) list.append("      - 127.0.0.1:").append(basePort + i).append('\n');
        String yaml = """
                hazelcast-client:
                  cluster-name: teg-bench-%s
                  properties:
                    hazelcast.logging.type: log4j2
                    teg.site-key-file: site.key
                  network:
                    cluster-members:
                %s
                  near-cache:
                    teg-field: {in-memory-format: OBJECT, invalidate-on-change: true}
                """.formatted(name, list);
        Path p = dir.resolve(name + "-client.yaml");
        Files.writeString(p, yaml);
        return p;
    }
}

package io.teg.grid;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Grid YAML files for tests: members on loopback with a TCP-IP list of {@code count} ports from {@code basePort}, a
 * site key file beside them, fast failure detection. Each test class uses its own port range and cluster name, so
 * parallel runs on one machine do not meet.
 */
public final class GridFiles {

    public final Path dir;
    public final String cluster;
    public final int basePort;
    public final int count;
    public final String zones;

    public GridFiles(Path dir, String cluster, int basePort, int count, String zones) {
        this.dir = dir;
        this.cluster = cluster;
        this.basePort = basePort;
        this.count = count;
        this.zones = zones;
        try {
            Files.createDirectories(dir);
            SiteKey.generate(new SecureRandom()).writePrivate(dir.resolve("site.key"));
            SiteKey.generate(new SecureRandom()).writePrivate(dir.resolve("rogue.key"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String members() {
        return IntStream.range(0, count).mapToObj(i -> "          - 127.0.0.1:" + (basePort + i))
                .collect(Collectors.joining("\n"));
    }

    /** A member file for the member on {@code basePort + index}, with cluster name {@code clusterName}. */
    Path member(int index, String clusterName, String keyFile) {
        String yaml = """
                hazelcast:
                  cluster-name: %s
                  properties:
                    hazelcast.jmx: "true"
                    hazelcast.logging.type: log4j2
                    hazelcast.phone.home.enabled: "false"
                    hazelcast.map.invalidation.batch.enabled: "false"
                    hazelcast.heartbeat.interval.seconds: "1"
                    hazelcast.max.no.heartbeat.seconds: "3"
                    hazelcast.partition.count: "31"
                    teg.site-key-file: %s
                    teg.zones: "%s"
                  network:
                    reuse-address: true
                    port:
                      auto-increment: false
                      port: %d
                    interfaces:
                      enabled: true
                      interfaces: [127.0.0.1]
                    join:
                      auto-detection: {enabled: false}
                      multicast: {enabled: false}
                      tcp-ip:
                        enabled: true
                        connection-timeout-seconds: 2
                        member-list:
                %s
                  metrics: {enabled: true, jmx: {enabled: true}}
                  map:
                    teg-field: {statistics-enabled: true, backup-count: 1, in-memory-format: OBJECT}
                    teg-telemetry: {statistics-enabled: true, backup-count: 0, async-backup-count: 1}
                    teg-journal: {statistics-enabled: true, backup-count: 1}
                    teg-leases: {statistics-enabled: true, backup-count: 1}
                    teg-wallets: {statistics-enabled: true, backup-count: 1}
                    teg-governor: {statistics-enabled: true, backup-count: 1}
                    teg-site: {statistics-enabled: true, backup-count: 1}
                  executor-service:
                    teg-orders: {pool-size: 16, statistics-enabled: true}
                """.formatted(clusterName, keyFile, zones, basePort + index, members());
        return write("member-" + index + "-" + clusterName + "-" + keyFile + ".yaml", yaml);
    }

    public Path member(int index) {
        return member(index, cluster, "site.key");
    }

    /** A client file (the slurmctld role) with a near cache on the field, naming the members' zones. */
    public Path client(String keyFile) {
        String yaml = """
                hazelcast-client:
                  cluster-name: %s
                  properties:
                    hazelcast.logging.type: log4j2
                    hazelcast.phone.home.enabled: "false"
                    teg.site-key-file: %s
                    teg.zones: "%s"
                  network:
                    cluster-members:
                %s
                    redo-operation: true
                  connection-strategy:
                    reconnect-mode: ON
                    connection-retry:
                      cluster-connect-timeout-millis: 30000
                  near-cache:
                    teg-field:
                      in-memory-format: OBJECT
                      invalidate-on-change: true
                """.formatted(cluster, keyFile, zones, members().replace("          -", "      -"));
        return write("client-" + keyFile + ".yaml", yaml);
    }

    private Path write(String name, String yaml) {
        Path p = dir.resolve(name);
        try {
            Files.writeString(p, yaml);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p;
    }
}

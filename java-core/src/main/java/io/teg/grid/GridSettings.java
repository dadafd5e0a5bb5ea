package io.teg.grid;

import com.hazelcast.client.config.ClientConfig;
import com.hazelcast.client.config.YamlClientConfigBuilder;
import com.hazelcast.config.Config;
import com.hazelcast.config.InvalidConfigurationException;
import com.hazelcast.config.MapConfig;
import com.hazelcast.config.YamlConfigBuilder;
import io.teg.ledger.LedgerConfig;
import io.teg.model.NodeSpec;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

/**
 * A grid YAML file of {@code hazelcast-config/}, loaded and checked once at start-up. Hazelcast parses it and
 * validates it against its own schema (an unknown or misplaced key fails there); then TEG checks what it relies on:
 * a cluster name of its own, JMX on, statistics on and backups for the {@code teg-*} maps, and its own
 * {@code teg.*} properties. Every failure is an {@link IllegalArgumentException} whose message starts with the file
 * and names the key.
 *
 * <p>TEG's properties, under {@code hazelcast.properties} (member) or {@code hazelcast-client.properties} (client):
 * <pre>
 * teg.site-key-file   the site's Ed25519 key file, relative to the YAML file's folder; a member or client that joins
 *                     others must have one. Without it an embedded member makes a key for its own lifetime.
 * teg.zones           the zones and their node counts, "z0=16,z1=16" (8-GPU nodes, z0-n0 ...); members host them,
 *                     and slurmctld's client leases Slurm's zone z on the z-th one
 * teg.metrics-port    the TCP port of the Prometheus /metrics endpoint on a governor, 0 for none (default 0)
 * </pre>
 *
 * @param file where the settings came from ("(embedded default)" for the built-in one)
 * @param member the member configuration, or null for a client file
 * @param client the client configuration, or null for a member file
 * @param siteKey the site key
 * @param zones every zone and its ledger configuration, in file order
 * @param metricsPort the Prometheus port, 0 for none
 */
public record GridSettings(String file, Config member, ClientConfig client, SiteKey siteKey,
                           Map<String, LedgerConfig> zones, int metricsPort) {

    /** TEG's own property keys. */
    public static final Set<String> PROPERTIES = Set.of("teg.site-key-file", "teg.zones", "teg.metrics-port");

    /** The classpath resource of the embedded default. */
    static final String EMBEDDED_RESOURCE = "/hazelcast-config/teg-embedded.yaml";

    private static final Set<String> BACKED_UP = Set.of(GridNames.JOURNAL, GridNames.LEASES, GridNames.WALLETS,
            GridNames.GOVERNOR);

    /** Loads and checks {@code yaml}, a member or a client file (by its root key). */
    public static GridSettings load(Path yaml) {
        String text;
        try {
            text = Files.readString(yaml, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalArgumentException(yaml + ": cannot read the grid configuration: " + e.getMessage(), e);
        }
        Path folder = yaml.toAbsolutePath().getParent();
        return parse(yaml.toString(), text, folder);
    }

    /** The built-in embedded configuration: one member, no discovery, loopback. */
    public static GridSettings embedded() {
        try (InputStream in = GridSettings.class.getResourceAsStream(EMBEDDED_RESOURCE)) {
            if (in == null) throw new IllegalStateException("the embedded grid configuration is missing from the build");
            return parse("(embedded default)", new String(in.readAllBytes(), StandardCharsets.UTF_8), Path.of("."));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the embedded grid configuration", e);
        }
    }

    static GridSettings parse(String file, String text, Path folder) {
        boolean isClient = text.lines().map(String::strip).anyMatch(l -> l.startsWith("hazelcast-client:"));
        Properties props;
        Config member = null;
        ClientConfig client = null;
        String root = isClient ? "hazelcast-client" : "hazelcast";
        try (InputStream in = new java.io.ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8))) {
            if (isClient) {
                client = new YamlClientConfigBuilder(in).build();
                props = client.getProperties();
            } else {
                member = new YamlConfigBuilder(in).build();
                props = member.getProperties();
            }
        } catch (InvalidConfigurationException e) {
            throw new IllegalArgumentException(file + ": " + oneLine(e.getMessage()), e);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(file + ": malformed grid YAML: " + oneLine(String.valueOf(e.getMessage())), e);
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
        String prefix = file + ": " + root + ".";
        for (String k : props.stringPropertyNames())
            if (k.startsWith("teg.") && !PROPERTIES.contains(k))
                throw new IllegalArgumentException(prefix + "properties." + k + ": unknown TEG property (known: "
                        + new TreeSet<>(PROPERTIES) + ")");
        String cluster = isClient ? client.getClusterName() : member.getClusterName();
        if ("dev".equals(cluster))
            throw new IllegalArgumentException(prefix + "cluster-name: set a cluster name for the site; Hazelcast's "
                    + "default 'dev' joins any stray cluster");
        boolean joins;
        if (isClient) {
            joins = true;
        } else {
            checkMember(prefix, member);
            var join = member.getNetworkConfig().getJoin();
            joins = join.getTcpIpConfig().isEnabled() || join.getMulticastConfig().isEnabled()
                    || join.isAutoDetectionEnabled();
        }
        Map<String, LedgerConfig> zones = zones(prefix + "properties.teg.zones", props.getProperty("teg.zones", ""));
        int port = 0;
        String portText = props.getProperty("teg.metrics-port");
        if (portText != null) {
            try {
                port = Integer.parseInt(portText.strip());
            } catch (NumberFormatException e) {
                port = -1;
            }
            if (port < 0 || port > 65535)
                throw new IllegalArgumentException(prefix + "properties.teg.metrics-port: must be a TCP port 0..65535, got '"
                        + portText + "'");
        }
        SiteKey key;
        String keyFile = props.getProperty("teg.site-key-file");
        if (keyFile != null && !keyFile.isBlank()) {
            Path p = folder.resolve(keyFile.strip());
            try {
                key = SiteKey.read(p);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(prefix + "properties.teg.site-key-file: " + e.getMessage(), e);
            }
        } else if (joins) {
            throw new IllegalArgumentException(prefix + "properties.teg.site-key-file: required where members or clients "
                    + "join each other, or they could not verify each other's field and orders");
        } else {
            key = SiteKey.generate(new SecureRandom());
        }
        if (member != null) GridSerialization.register(member.getSerializationConfig());
        if (client != null) GridSerialization.register(client.getSerializationConfig());
        return new GridSettings(file, member, client, key, zones, port);
    }

    private static void checkMember(String prefix, Config member) {
        if (!"true".equalsIgnoreCase(member.getProperty("hazelcast.jmx")))
            throw new IllegalArgumentException(prefix + "properties.hazelcast.jmx: must be true, so that JMX sees the grid");
        for (String name : GridNames.MAPS) {
            MapConfig m = member.getMapConfig(name);
            if (!m.isStatisticsEnabled())
                throw new IllegalArgumentException(prefix + "map." + name + ".statistics-enabled: must be true, so that "
                        + "Management Center sees " + name);
            if (BACKED_UP.contains(name) && m.getBackupCount() < 1)
                throw new IllegalArgumentException(prefix + "map." + name + ".backup-count: must be >= 1, or a member's "
                        + "death loses " + name + ", got " + m.getBackupCount());
        }
    }

    /** Parses "z0=16,z1=16": zone name, '=', node count (1..4096), comma-separated. */
    static Map<String, LedgerConfig> zones(String where, String text) {
        Map<String, LedgerConfig> zones = new LinkedHashMap<>();
        if (text.isBlank()) return zones;
        for (String part : text.split(",")) {
            String[] kv = part.strip().split("=");
            int nodes;
            try {
                nodes = kv.length == 2 ? Integer.parseInt(kv[1].strip()) : -1;
            } catch (NumberFormatException e) {
                nodes = -1;
            }
            if (kv.length != 2 || kv[0].isBlank() || !kv[0].strip().matches("[A-Za-z0-9_.-]+") || nodes < 1 || nodes > 4096)
                throw new IllegalArgumentException(where + ": expected zone=nodes (nodes 1..4096), got '" + part.strip() + "'");
            String zone = kv[0].strip();
            if (zones.containsKey(zone)) throw new IllegalArgumentException(where + ": zone '" + zone + "' listed twice");
            List<NodeSpec> specs = new ArrayList<>(nodes);
            for (int i = 0; i < nodes; i++)
                specs.add(new NodeSpec(zone + "-n" + i, 64_000, 512 * 1024, 8, "GPU", 0));
            zones.put(zone, LedgerConfig.defaults(specs));
        }
        return zones;
    }

    private static String oneLine(String s) {
        return s == null ? "" : s.replaceAll("\\s*\\R\\s*", " ").strip();
    }
}

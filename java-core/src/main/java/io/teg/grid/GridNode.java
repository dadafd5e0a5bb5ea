package io.teg.grid;

import com.hazelcast.client.HazelcastClient;
import com.hazelcast.config.Config;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;

/**
 * One JVM's place on the grid: a Hazelcast member (embedded or clustered) or a client (the JVM inside slurmctld),
 * started from {@link GridSettings}, with the site key and the node's Prometheus metrics. Roles attach to it:
 * {@link ZoneHosting}, {@link GovernorSeat} with {@link FieldChannel}, {@link FieldView}, {@link TelemetryBus},
 * {@link OrderDesk}.
 */
public final class GridNode implements AutoCloseable {

    private final HazelcastInstance hz;
    private final GridSettings settings;
    private final GridMetrics metrics = new GridMetrics();

    private GridNode(HazelcastInstance hz, GridSettings settings) {
        this.hz = hz;
        this.settings = settings;
    }

    /**
     * Starts a member (for a member file) or a client (for a client file), and checks the site key against the
     * cluster's {@link SiteProof}. A member joins as a lite member (no partitions), passes the check, and only then
     * takes its share of the data.
     *
     * @throws IllegalStateException when the cluster belongs to another site key (the node has left again)
     */
    public static GridNode start(GridSettings settings) {
        HazelcastInstance hz;
        String cluster;
        if (settings.member() != null) {
            Config config = settings.member();
            boolean lite = config.isLiteMember();
            config.setLiteMember(true);
            try {
                hz = Hazelcast.newHazelcastInstance(config);
            } finally {
                config.setLiteMember(lite);
            }
            cluster = config.getClusterName();
            boolean dataMembers = hz.getCluster().getMembers().stream().anyMatch(m -> !m.isLiteMember());
            if (!dataMembers && !lite) hz.getCluster().promoteLocalLiteMember(); // alone: nothing to protect yet
            checkSite(hz, settings, cluster);
            if (dataMembers && !lite) hz.getCluster().promoteLocalLiteMember();
        } else {
            hz = HazelcastClient.newHazelcastClient(settings.client());
            cluster = settings.client().getClusterName();
            checkSite(hz, settings, cluster);
        }
        return new GridNode(hz, settings);
    }

    private static void checkSite(HazelcastInstance hz, GridSettings settings, String cluster) {
        try {
            SiteProof.check(hz, settings.siteKey(), cluster);
        } catch (RuntimeException e) {
            hz.shutdown();
            throw e;
        }
    }

    /** The Hazelcast instance. */
    public HazelcastInstance hazelcast() {
        return hz;
    }

    /** The settings it was started from. */
    public GridSettings settings() {
        return settings;
    }

    /** The site key. */
    public SiteKey siteKey() {
        return settings.siteKey();
    }

    /** This node's metrics. */
    public GridMetrics metrics() {
        return metrics;
    }

    /** True for a member, false for a client. */
    public boolean isMember() {
        return settings.member() != null;
    }

    /** Hosts the zone ledgers of {@code teg.zones} on this member. */
    public ZoneHosting hostZones() {
        if (!isMember()) throw new IllegalStateException("zone ledgers run on members, not on clients");
        return new ZoneHosting(hz, settings.zones(), settings.siteKey(), metrics);
    }

    /** A field view on this node. */
    public FieldView fieldView() {
        return new FieldView(hz, settings.siteKey(), metrics);
    }

    /** An order desk on this node, for senders of orders. */
    public OrderDesk orderDesk() {
        return new OrderDesk(hz, settings.siteKey());
    }

    /** A telemetry bus on this node. */
    public TelemetryBus telemetry() {
        return new TelemetryBus(hz, metrics);
    }

    @Override
    public void close() {
        metrics.close();
        hz.shutdown();
    }
}

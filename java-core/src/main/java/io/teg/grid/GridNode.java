package io.teg.grid;

import com.hazelcast.client.HazelcastClient;
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

    /** Starts a member (for a member file) or a client (for a client file). */
    public static GridNode start(GridSettings settings) {
        if (settings.member() != null) return new GridNode(Hazelcast.newHazelcastInstance(settings.member()), settings);
        return new GridNode(HazelcastClient.newHazelcastClient(settings.client()), settings);
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

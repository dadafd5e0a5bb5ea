package io.teg.grid;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.exporter.httpserver.HTTPServer;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * TEG's Prometheus metrics on one grid node, in its own registry (so that several nodes in one JVM, as in tests, keep
 * their numbers apart). {@link #serve(int)} exposes them at {@code http://host:port/metrics}.
 *
 * <pre>
 * teg_field_published_total            field snapshots this node signed and published
 * teg_field_accepted_total             field snapshots this node verified and took
 * teg_field_rejected_total             field snapshots whose signature did not verify
 * teg_orders_total{status}             orders answered by the zone ledgers hosted here, by outcome
 * teg_orders_repeated_total            resent orders answered from the journal, not applied again
 * teg_zone_replays_total               zone ledgers started here from the journal
 * teg_zones_hosted                     zone ledgers running here now
 * teg_telemetry_node_updates_total     node samples published through this node
 * teg_governor_active                  1 while this node holds the governor lease, else 0
 * teg_governor_term                    the governor term this node last saw
 * </pre>
 */
public final class GridMetrics implements AutoCloseable {

    private final PrometheusRegistry registry = new PrometheusRegistry();
    final Counter fieldPublished = Counter.builder().name("teg_field_published_total")
            .help("field snapshots signed and published by this node").register(registry);
    final Counter fieldAccepted = Counter.builder().name("teg_field_accepted_total")
            .help("field snapshots verified and taken by this node").register(registry);
    final Counter fieldRejected = Counter.builder().name("teg_field_rejected_total")
            .help("field snapshots whose site-key signature did not verify").register(registry);
    final Counter orders = Counter.builder().name("teg_orders_total")
            .help("orders answered by the zone ledgers hosted on this node, by outcome").labelNames("status")
            .register(registry);
    final Counter ordersRepeated = Counter.builder().name("teg_orders_repeated_total")
            .help("resent orders answered with the outcome recorded in the journal, not applied again").register(registry);
    final Counter replays = Counter.builder().name("teg_zone_replays_total")
            .help("zone ledgers started on this node from the journal").register(registry);
    final Gauge zonesHosted = Gauge.builder().name("teg_zones_hosted")
            .help("zone ledgers running on this node").register(registry);
    final Counter telemetryUpdates = Counter.builder().name("teg_telemetry_node_updates_total")
            .help("node samples published through this node").register(registry);
    final Gauge governorActive = Gauge.builder().name("teg_governor_active")
            .help("1 while this node holds the governor lease").register(registry);
    final Gauge governorTerm = Gauge.builder().name("teg_governor_term")
            .help("the governor term this node last saw").register(registry);
    private HTTPServer server;

    /** The registry, for exporters other than {@link #serve}. */
    public PrometheusRegistry registry() {
        return registry;
    }

    /**
     * Serves {@code /metrics} on {@code port} (0 picks a free one) on every interface.
     *
     * @return the port bound
     */
    public synchronized int serve(int port) {
        if (server != null) throw new IllegalStateException("metrics already served on port " + server.getPort());
        try {
            server = HTTPServer.builder().port(port).registry(registry).buildAndStart();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot serve Prometheus metrics on port " + port + ": " + e.getMessage(), e);
        }
        return server.getPort();
    }

    /** Signature rejections counted so far. */
    public long fieldRejections() {
        return (long) fieldRejected.get();
    }

    @Override
    public synchronized void close() {
        if (server != null) server.close();
        server = null;
    }
}

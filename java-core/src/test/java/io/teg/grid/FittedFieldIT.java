package io.teg.grid;

import io.teg.field.FieldSnapshot;
import io.teg.field.SparseGpRegression;
import io.teg.model.Topology;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Three members and a client in one JVM, on loopback ports 6011-6013: the governor role fits the field of a zone from
 * the telemetry batches by sparse-GP regression and publishes it signed; every member takes it after the signature
 * check and evaluates Φ and Φ̇ from it.
 */
class FittedFieldIT {

    private static final Duration LIMIT = Duration.ofSeconds(60);
    private static final String ZONE = "f0";
    /** Nodes 0-15 are rack 0, 16-31 rack 1, ... ({@code Layout.DEFAULT}: 16 nodes a rack, 4 racks a row). */
    private static final int NODES = 64;
    private static final double EPOCH_S = 0.4;

    private static GridFiles files;
    private static final List<GridNode> members = new ArrayList<>();
    private static GridNode client;

    @BeforeAll
    static void startCluster() {
        files = new GridFiles(Path.of("target", "it-grid", "fitted"), "teg-it-fitted", 6011, 3, ZONE + "=" + NODES);
        for (int i = 0; i < 3; i++) members.add(GridNode.start(GridSettings.load(files.member(i))));
        client = GridNode.start(GridSettings.load(files.client("site.key")));
        Await.until("three members", LIMIT, () -> members.get(0).hazelcast().getCluster().getMembers().size() == 3);
    }

    @AfterAll
    static void stopCluster() {
        if (client != null) client.close();
        members.forEach(GridNode::close);
    }

    /** One batch for the whole zone from one source, so that an epoch sees all of it or none. */
    private static TelemetryBatch batch(long sequence, double[] loadPerRack) {
        int[] nodes = new int[NODES];
        float[] use = new float[NODES];
        float[] power = new float[NODES];
        float[] temp = new float[NODES];
        for (int n = 0; n < NODES; n++) {
            nodes[n] = n;
            use[n] = (float) loadPerRack[n / 16];
            power[n] = 300;
            temp[n] = 40;
        }
        return new TelemetryBatch(ZONE, 1, sequence, sequence, nodes, use, use, use, power, temp);
    }

    private static double meanOverRack(FieldSnapshot f, Topology t, int rack, boolean rate) {
        double sum = 0;
        for (int n = rack * 16; n < rack * 16 + 16; n++) sum += rate ? f.rate(t.x(n), t.y(n)) : f.value(t.x(n), t.y(n));
        return sum / 16;
    }

    @Test
    void shouldPublishAFittedFieldThatIsHigherOverTheHotRackAndRisesWhereARackHeatsUp() throws Exception {
        TelemetryBus agents = client.telemetry();
        agents.publish(batch(1, new double[] {0.9, 0.1, 0.1, 0.1}));

        List<Map<Long, SignedField>> seen = new ArrayList<>();
        List<FieldView> views = new ArrayList<>();
        for (GridNode m : members) {
            Map<Long, SignedField> byEpoch = new ConcurrentHashMap<>();
            seen.add(byEpoch);
            views.add(new FieldView(m.hazelcast(), m.siteKey(), m.metrics(), f -> {
                if (f.zone().equals(ZONE)) byEpoch.put(f.snapshot().epoch(), f);
            }));
        }
        GridNode governorNode = members.get(0);
        TelemetryFittedField source = new TelemetryFittedField(governorNode.telemetry(), governorNode.settings().zones(),
                new SparseGpRegression(16), EPOCH_S, 1_000);
        Topology t = source.topology(ZONE);
        GovernorRole governor = new GovernorRole(governorNode, source, Duration.ofMillis((long) (EPOCH_S * 1000)),
                InstantSource.system(), (f, at) -> { });
        try {
            Await.until("a fitted field on every member", LIMIT,
                    () -> seen.stream().allMatch(s -> s.keySet().stream().anyMatch(e -> e >= 2)));
            for (FieldView v : views) {
                FieldSnapshot f = v.snapshot(ZONE).orElseThrow();
                assertThat(f.inducingPointCount()).as("a fit, not the flat field").isGreaterThan(1);
                double hot = meanOverRack(f, t, 0, false);
                double cold = meanOverRack(f, t, 2, false);
                assertThat(hot).as("Φ over the hot rack 0 (load 0.9)").isGreaterThan(0.6);
                assertThat(cold).as("Φ over the cold rack 2 (load 0.1)").isLessThan(0.3);
                assertThat(f.value(t.x(0), t.y(0))).isGreaterThan(f.value(t.x(40), t.y(40)));
            }

            long lastBefore = seen.get(0).keySet().stream().mapToLong(Long::longValue).max().orElseThrow();
            agents.publish(batch(2, new double[] {0.9, 0.8, 0.1, 0.1}));
            Await.until("the heated rack 1 in the field of every member", LIMIT, () -> seen.stream().allMatch(s ->
                    s.values().stream().anyMatch(f -> meanOverRack(f.snapshot(), t, 1, false) > 0.5)));
            for (int m = 0; m < members.size(); m++) {
                SignedField first = seen.get(m).values().stream()
                        .filter(f -> f.snapshot().epoch() > lastBefore && meanOverRack(f.snapshot(), t, 1, false) > 0.5)
                        .min((a, b) -> Long.compare(a.snapshot().epoch(), b.snapshot().epoch())).orElseThrow();
                assertThat(first.verifiedBy(members.get(m).siteKey())).isTrue();
                FieldSnapshot f = first.snapshot();
                assertThat(f.hasRate()).as("epoch %d is a warm start with Φ̇", f.epoch()).isTrue();
                double rising = meanOverRack(f, t, 1, true);
                assertThat(rising).as("Φ̇ over rack 1, which heated from 0.1 to 0.8 in one epoch of %.1f s", EPOCH_S)
                        .isGreaterThan(0.5 * 0.7 / EPOCH_S);
                assertThat(Math.abs(meanOverRack(f, t, 3, true))).as("Φ̇ over rack 3, unchanged")
                        .isLessThan(0.2 * rising);
            }
        } finally {
            governor.close();
            views.forEach(FieldView::close);
        }
    }
}

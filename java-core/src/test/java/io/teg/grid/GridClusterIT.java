package io.teg.grid;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.IExecutorService;
import com.hazelcast.map.IMap;
import io.teg.ledger.Bid;
import io.teg.ledger.Demand;
import io.teg.ledger.Lease;
import io.teg.ledger.Mint;
import io.teg.ledger.Release;
import io.teg.ledger.Target;
import io.teg.ledger.Tokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import javax.management.MBeanServer;
import javax.management.ObjectName;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Three members and a client in one JVM, on loopback ports 5931-5935: the field reaches every reader, signatures are
 * enforced, orders reach the zone owners, statistics, JMX and Prometheus see the grid.
 */
class GridClusterIT {

    private static final Duration LIMIT = Duration.ofSeconds(30);
    private static GridFiles files;
    private static final List<GridNode> members = new ArrayList<>();
    private static final List<ZoneHosting> hostings = new ArrayList<>();
    private static GridNode client;

    @BeforeAll
    static void startCluster() {
        files = new GridFiles(Path.of("target", "it-grid", "cluster"), "teg-it-cluster", 5931, 3, "z0=8,z1=8,z2=8");
        for (int i = 0; i < 3; i++) {
            GridNode m = GridNode.start(GridSettings.load(files.member(i)));
            members.add(m);
        }
        for (GridNode m : members) hostings.add(m.hostZones());
        client = GridNode.start(GridSettings.load(files.client("site.key")));
        Await.until("three members", LIMIT, () -> members.get(0).hazelcast().getCluster().getMembers().size() == 3);
    }

    @AfterAll
    static void stopCluster() {
        if (client != null) client.close();
        hostings.forEach(ZoneHosting::close);
        members.forEach(GridNode::close);
    }

    @Test
    void shouldShowAFieldUpdateOnEveryMemberAndTheClientWithin100MsWhenTheGovernorPublishes() throws Exception {
        List<GridNode> readers = new ArrayList<>(members);
        readers.add(client);
        Map<Long, long[]> seenAt = new ConcurrentHashMap<>();
        List<FieldView> views = new ArrayList<>();
        for (int r = 0; r < readers.size(); r++) {
            int reader = r;
            views.add(new FieldView(readers.get(r).hazelcast(), readers.get(r).siteKey(), readers.get(r).metrics(), f -> {
                if (f.zone().equals("zf")) seenAt.computeIfAbsent(f.snapshot().epoch(), e -> new long[4])[reader] = System.nanoTime();
            }));
        }
        FieldChannel governor = new FieldChannel(members.get(1).hazelcast(), members.get(1).siteKey(), members.get(1).metrics());
        // Migrations after the members joined compete with the events: measure on a settled cluster.
        Await.until("a safe cluster", LIMIT, () -> members.stream().allMatch(m -> m.hazelcast().getPartitionService().isClusterSafe()));
        int epochs = 30;
        long[] publishedAt = new long[epochs + 1];
        for (int e = 1; e <= epochs; e++) {
            publishedAt[e] = System.nanoTime();
            governor.publish("zf", 1, SiteKeyTest.field(e));
            Thread.sleep(20);
        }
        Await.until("every reader to see the last epoch", LIMIT, () -> {
            long[] t = seenAt.get((long) epochs);
            return t != null && t[0] > 0 && t[1] > 0 && t[2] > 0 && t[3] > 0;
        });
        List<Long> perEpoch = new ArrayList<>();
        for (int e = 6; e <= epochs; e++) { // the first five are the warm-up of VisibilityBound
            long[] t = seenAt.get((long) e);
            assertThat(t).as("epoch %d reached every reader", e).isNotNull();
            long worst = 0;
            for (int r = 0; r < 4; r++) {
                assertThat(t[r]).as("epoch %d on reader %d", e, r).isPositive();
                worst = Math.max(worst, t[r] - publishedAt[e]);
            }
            perEpoch.add(worst);
        }
        VisibilityBound.checkMost("3 members + 1 client in one JVM", perEpoch);
        for (FieldView v : views) {
            assertThat(v.snapshot("zf")).get().extracting(s -> s.epoch()).isEqualTo((long) epochs);
            v.close();
        }
    }

    @Test
    void shouldRejectAndCountAFieldWhenItIsSignedWithAnotherKey() {
        SiteKey rogue = SiteKey.read(files.dir.resolve("rogue.key"));
        List<FieldView> views = members.stream().map(GridNode::fieldView).toList();
        FieldChannel governor = new FieldChannel(members.get(0).hazelcast(), members.get(0).siteKey(), members.get(0).metrics());
        governor.publish("zr", 1, SiteKeyTest.field(1));
        Await.until("the honest field everywhere", LIMIT, () -> views.stream().allMatch(v -> v.snapshot("zr").isPresent()));
        long[] before = members.stream().mapToLong(m -> m.metrics().fieldRejections()).toArray();
        IMap<String, SignedField> raw = client.hazelcast().getMap(GridNames.FIELD);
        raw.set("zr", SignedField.sign("zr", 9, SiteKeyTest.field(50), rogue));
        Await.until("every member to count the forged field", LIMIT, () -> {
            for (int i = 0; i < 3; i++) if (members.get(i).metrics().fieldRejections() <= before[i]) return false;
            return true;
        });
        for (FieldView v : views) {
            assertThat(v.snapshot("zr")).get().extracting(s -> s.epoch()).isEqualTo(1L);
            v.close();
        }
    }

    @Test
    void shouldRefuseAnOrderWhenItIsSignedWithAnotherKey() throws Exception {
        OrderDesk rogue = new OrderDesk(client.hazelcast(), SiteKey.read(files.dir.resolve("rogue.key")));
        OrderOutcome o = rogue.placeUntilAnswered(rogue.sign("z1", new Mint("mallory", Tokens.ofTokens(1_000_000), 1)), 20_000);
        assertThat(o.status()).isEqualTo(OrderOutcome.Status.BAD_SIGNATURE);
        ZoneAudit audit = audit("z1");
        assertThat(audit.balanced()).isTrue();
        assertThat(client.hazelcast().<String, WalletBalance>getMap(GridNames.WALLETS).get(WalletBalance.key("z1", "mallory")))
                .isNull();
    }

    @Test
    void shouldKeepAMemberWithAnotherClusterNameOutWhenItListsTheSameMembers() {
        try (GridNode stranger = GridNode.start(GridSettings.load(files.member(3, "teg-it-other", "site.key")))) {
            assertThat(stranger.hazelcast().getCluster().getMembers()).hasSize(1);
            assertThat(members.get(0).hazelcast().getCluster().getMembers()).hasSize(3);
        }
    }

    @Test
    void shouldRefuseAMemberAndAClientWithAnotherSiteKeyBeforeTheyOwnAnyZone() {
        assertThatThrownBy(() -> GridNode.start(GridSettings.load(files.member(4, files.cluster, "rogue.key"))))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("belongs to another site key");
        assertThatThrownBy(() -> GridNode.start(GridSettings.load(files.client("rogue.key"))))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("belongs to another site key");
        Await.until("the refused member to be gone", LIMIT,
                () -> members.get(0).hazelcast().getCluster().getMembers().size() == 3);
        for (String zone : List.of("z0", "z1", "z2")) {
            var owner = members.get(0).hazelcast().getPartitionService().getPartition(zone).getOwner();
            assertThat(members).anyMatch(m -> m.hazelcast().getCluster().getLocalMember().equals(owner));
        }
    }

    @Test
    void shouldFillOnTheZoneOwnerAndPublishLeaseAndWalletWhenTheClientBids() throws Exception {
        OrderDesk desk = client.orderDesk();
        assertThat(desk.placeUntilAnswered(desk.sign("z2", new Mint("alice", Tokens.ofTokens(1_000), 1)), 20_000).status())
                .isEqualTo(OrderOutcome.Status.CREDITED);
        Bid bid = Bid.perUnitSecond(7, "alice", Target.Nodes.of(Demand.of(8_000, 65_536, 2), 3, 4), 1_500, 600, 1.0, 2);
        OrderOutcome fill = desk.placeUntilAnswered(desk.sign("z2", bid), 20_000);
        assertThat(fill.status()).isEqualTo(OrderOutcome.Status.FILLED);
        assertThat(fill.firstNode()).isEqualTo(3);
        HazelcastInstance owner = members.stream().map(GridNode::hazelcast)
                .filter(h -> h.getPartitionService().getPartition("z2").getOwner().localMember()).findFirst().orElseThrow();
        assertThat(fill.member()).isEqualTo(owner.getCluster().getLocalMember().getUuid().toString());
        IMap<ZoneKey, Lease> leases = client.hazelcast().getMap(GridNames.LEASES);
        assertThat(leases.get(new ZoneKey("z2", fill.leaseId()))).extracting(Lease::jobId).isEqualTo(7L);
        long expectedBalance = Tokens.ofTokens(1_000) - fill.micros();
        IMap<String, WalletBalance> wallets = client.hazelcast().getMap(GridNames.WALLETS);
        Await.until("alice's balance in teg-wallets", LIMIT, () -> {
            WalletBalance b = wallets.get(WalletBalance.key("z2", "alice"));
            return b != null && b.micros() == expectedBalance;
        });
        OrderOutcome settled = desk.placeUntilAnswered(desk.sign("z2", new Release(fill.leaseId(), "alice", 3)), 20_000);
        assertThat(settled.status()).isEqualTo(OrderOutcome.Status.SETTLED);
        assertThat(leases.get(new ZoneKey("z2", fill.leaseId()))).isNull();
        assertThat(audit("z2").balanced()).isTrue();
    }

    @Test
    void shouldReadTegMapStatisticsThroughTheClientWhenMembersServeOrders() throws Exception {
        OrderDesk desk = client.orderDesk();
        desk.placeUntilAnswered(desk.sign("z0", new Mint("bob", Tokens.ofTokens(10), 1)), 20_000);
        IExecutorService executor = client.hazelcast().getExecutorService(GridNames.ORDERS);
        Map<?, Future<MapStatistics>> perMember = executor.submitToAllMembers(new ReadMapStatistics(GridNames.JOURNAL));
        long owned = 0;
        long puts = 0;
        for (Future<MapStatistics> f : perMember.values()) {
            MapStatistics s = f.get();
            assertThat(s.statisticsEnabled()).isTrue();
            owned += s.ownedEntries();
            puts += s.puts();
        }
        assertThat(perMember).hasSize(3);
        assertThat(owned).isPositive();
        assertThat(puts).isPositive();
    }

    @Test
    void shouldExposeTegMapsAsJmxBeansWhenJmxIsOn() throws Exception {
        members.get(0).hazelcast().getMap(GridNames.JOURNAL).size();
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        ObjectName pattern = new ObjectName("com.hazelcast:type=IMap,name=teg-journal,*");
        Await.until("a JMX bean for teg-journal", LIMIT, () -> !server.queryNames(pattern, null).isEmpty());
        ObjectName bean = server.queryNames(pattern, null).iterator().next();
        assertThat(server.getAttribute(bean, "name")).isEqualTo("teg-journal");
    }

    @Test
    void shouldServeTegCountersOnMetricsWhenPrometheusScrapes() throws Exception {
        GridNode governorNode = members.get(2);
        int port = governorNode.metrics().serve(0);
        new FieldChannel(governorNode.hazelcast(), governorNode.siteKey(), governorNode.metrics())
                .publish("zp", 1, SiteKeyTest.field(1));
        try (HttpClient http = HttpClient.newHttpClient()) {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.body()).contains("teg_field_published_total 1.0").contains("teg_governor_active")
                    .contains("teg_zones_hosted");
        } finally {
            governorNode.metrics().close();
        }
    }

    @Test
    void shouldSeatExactlyOneGovernorAndMoveTheSeatWhenItsHolderLeaves() {
        List<GovernorSeat> seats = new ArrayList<>();
        for (GridNode m : members)
            seats.add(new GovernorSeat(m.hazelcast(), java.time.InstantSource.system(), Duration.ofMillis(600), m.metrics()));
        try {
            Await.until("one active governor", LIMIT, () -> seats.stream().filter(GovernorSeat::active).count() == 1);
            GovernorSeat first = seats.stream().filter(GovernorSeat::active).findFirst().orElseThrow();
            long term = first.term();
            first.close();
            seats.remove(first);
            Await.until("a standby to take the seat", LIMIT, () -> seats.stream().filter(GovernorSeat::active).count() == 1);
            assertThat(seats.stream().filter(GovernorSeat::active).findFirst().orElseThrow().term()).isGreaterThan(term);
        } finally {
            seats.forEach(GovernorSeat::close);
        }
    }

    @Test
    void shouldGiveTheGovernorAZoneMeanWhenAgentsPublishTelemetryBatches() {
        TelemetryBus agentSide = client.telemetry();
        agentSide.publish(new TelemetryBatch("zt", 1, 1, 10, new int[] {0, 1}, new float[] {0.5f, 1f},
                new float[] {0.5f, 1f}, new float[] {0.5f, 1f}, new float[] {300f, 700f}, new float[] {40f, 70f}));
        agentSide.publish(new TelemetryBatch("zt", 2, 1, 10, new int[] {2}, new float[] {0f}, new float[] {0f},
                new float[] {0f}, new float[] {100f}, new float[] {30f}));
        agentSide.publish(new TelemetryBatch("zu", 1, 1, 10, new int[] {0}, new float[] {1f}, new float[] {1f},
                new float[] {1f}, new float[] {100f}, new float[] {30f}));
        TelemetryBus governorSide = members.get(1).telemetry();
        assertThat(governorSide.zone("zt")).hasSize(2);
        assertThat(new TelemetryMeanField(governorSide).fieldFor("zt", 3).value(5, 5)).isCloseTo(0.5, within(1e-9));
        HazelcastInstance owner = members.stream().map(GridNode::hazelcast)
                .filter(h -> h.getPartitionService().getPartition("zt").getOwner().localMember()).findFirst().orElseThrow();
        assertThat(owner.getMap(GridNames.TELEMETRY).getLocalMapStats().getOwnedEntryCount())
                .as("a zone's batches live on the zone's owner").isGreaterThanOrEqualTo(2);
    }

    private static ZoneAudit audit(String zone) throws Exception {
        return client.hazelcast().getExecutorService(GridNames.ORDERS).submitToKeyOwner(new AuditZone(zone), zone).get();
    }
}

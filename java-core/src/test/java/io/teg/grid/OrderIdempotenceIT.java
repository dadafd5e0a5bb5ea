package io.teg.grid;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import io.teg.ledger.Bid;
import io.teg.ledger.Demand;
import io.teg.ledger.Mint;
import io.teg.ledger.Release;
import io.teg.ledger.Target;
import io.teg.ledger.Tokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Three members and a client in one JVM, on loopback ports 6001-6003: an order whose journal entry was written but
 * whose answer never left the owner is answered, when sent again, with the recorded outcome, by the same owner or by
 * the member that replayed the journal after the owner died. The {@link ZoneHosting.BeforeReply} seam stops the owner
 * exactly between the journal write and the reply.
 */
class OrderIdempotenceIT {

    private static final Duration LIMIT = Duration.ofSeconds(60);
    private static GridFiles files;
    private static final List<GridNode> members = new ArrayList<>();
    private static final List<ZoneHosting> hostings = new ArrayList<>();
    private static GridNode client;

    @BeforeAll
    static void startCluster() {
        files = new GridFiles(Path.of("target", "it-grid", "idempotence"), "teg-it-idempotence", 6001, 3,
                "y0=8,y1=8");
        for (int i = 0; i < 3; i++) members.add(GridNode.start(GridSettings.load(files.member(i))));
        for (GridNode m : members) hostings.add(m.hostZones());
        client = GridNode.start(GridSettings.load(files.client("site.key")));
        Await.until("three members", LIMIT, () -> members.get(0).hazelcast().getCluster().getMembers().size() == 3);
    }

    @AfterAll
    static void stopCluster() {
        if (client != null) client.close();
        hostings.forEach(ZoneHosting::close);
        for (GridNode m : members) if (m.hazelcast().getLifecycleService().isRunning()) m.close();
    }

    /**
     * The index of the member that owns {@code zone}, read once no migration runs on any running member: during the
     * migrations that follow a join or a death, a zone can still move after an order was answered, and the seam must
     * sit on the member that will take the next order.
     */
    private static int ownerOf(String zone) {
        Await.until("no migration running", LIMIT, () -> members.stream()
                .map(GridNode::hazelcast)
                .filter(hz -> hz.getLifecycleService().isRunning())
                .allMatch(hz -> hz.getPartitionService().isClusterSafe()));
        for (int i = 0; i < members.size(); i++) {
            HazelcastInstance hz = members.get(i).hazelcast();
            if (hz.getLifecycleService().isRunning() && hz.getPartitionService().getPartition(zone).getOwner().localMember())
                return i;
        }
        throw new AssertionError("no running member owns " + zone);
    }

    private static ZoneAudit audit(String zone) throws Exception {
        return client.hazelcast().getExecutorService(GridNames.ORDERS).submitToKeyOwner(new AuditZone(zone), zone).get();
    }

    private static List<JournalRecord> journalOf(String zone, String orderKey, long last) {
        IMap<ZoneKey, JournalRecord> journal = client.hazelcast().getMap(GridNames.JOURNAL);
        List<JournalRecord> found = new ArrayList<>();
        for (long s = 1; s <= last; s++) {
            JournalRecord r = journal.get(new ZoneKey(zone, s));
            if (r != null && r.orderKey().equals(orderKey)) found.add(r);
        }
        return found;
    }

    private static double repeated() {
        double n = 0;
        for (GridNode m : members) n += m.metrics().ordersRepeated.get();
        return n;
    }

    /** Orders answered from the recorded outcome by every member but {@code excluded} (an index into members). */
    private static double repeatedExcept(int excluded) {
        double n = 0;
        for (int i = 0; i < members.size(); i++) if (i != excluded) n += members.get(i).metrics().ordersRepeated.get();
        return n;
    }

    @Test
    void shouldAnswerTheRecordedSettlementWhenTheReplyToAReleaseWasLost() throws Exception {
        OrderDesk desk = client.orderDesk();
        long minted = Tokens.ofTokens(1_000);
        assertThat(desk.placeUntilAnswered(desk.sign("y1", new Mint("carol", minted, 1)), 20_000).status())
                .isEqualTo(OrderOutcome.Status.CREDITED);
        Bid bid = Bid.perUnitSecond(11, "carol", Target.Nodes.of(Demand.of(1_000, 1_024, 1), 2, 3), 1_500, 600, 1.0, 2);
        OrderOutcome fill = desk.placeUntilAnswered(desk.sign("y1", bid), 20_000);
        assertThat(fill.status()).isEqualTo(OrderOutcome.Status.FILLED);

        SignedOrder release = desk.sign("y1", new Release(fill.leaseId(), "carol", 3));
        ZoneHosting owner = hostings.get(ownerOf("y1"));
        AtomicInteger reached = new AtomicInteger();
        List<OrderOutcome> lost = new CopyOnWriteArrayList<>();
        owner.beforeReply((order, outcome) -> {
            if (!order.key().equals(release.key())) return;
            reached.incrementAndGet();
            if (lost.isEmpty()) {
                lost.add(outcome);
                throw new IllegalStateException("the reply to " + order + " is lost");
            }
        });
        double repeatedBefore = repeated();
        OrderOutcome settled;
        try {
            settled = desk.placeUntilAnswered(release, 20_000);
        } finally {
            owner.beforeReply(null);
        }

        assertThat(lost).as("the first reply was dropped after the journal write").hasSize(1);
        assertThat(reached.get()).as("the resend reached the same owner").isEqualTo(2);
        assertThat(settled.status()).as("the resend is answered, not refused as a second release").isEqualTo(OrderOutcome.Status.SETTLED);
        assertThat(settled.leaseId()).isEqualTo(fill.leaseId());
        assertThat(settled.micros()).isEqualTo(lost.get(0).micros());
        assertThat(repeated() - repeatedBefore).isEqualTo(1.0);
        ZoneAudit a = audit("y1");
        assertThat(a.balanced()).as("%s", a).isTrue();
        assertThat(a.leaseIds()).doesNotContain(fill.leaseId());
        assertThat(journalOf("y1", release.key(), a.lastSequence())).hasSize(1);
    }

    @Test
    void shouldApplyABidOnceWhenItsOwnerDiesBetweenTheJournalWriteAndTheReply() throws Exception {
        OrderDesk desk = client.orderDesk();
        long minted = Tokens.ofTokens(1_000);
        assertThat(desk.placeUntilAnswered(desk.sign("y0", new Mint("alice", minted, 1)), 20_000).status())
                .isEqualTo(OrderOutcome.Status.CREDITED);
        ZoneAudit before = audit("y0");

        Bid bid = Bid.perUnitSecond(7, "alice", Target.Nodes.of(Demand.of(1_000, 1_024, 1), 3, 4), 1_500, 600, 1.0, 2);
        SignedOrder order = desk.sign("y0", bid);
        int victim = ownerOf("y0");
        HazelcastInstance dying = members.get(victim).hazelcast();
        String dyingUuid = dying.getCluster().getLocalMember().getUuid().toString();
        List<OrderOutcome> neverSent = new CopyOnWriteArrayList<>();
        // The first reply starts the owner's termination and waits for it. A resend that reaches the dying owner
        // before it is gone (the client retries while the first copy waits) is answered there from the recorded
        // outcome and meets the same fate: only the first reply is the one this test stops.
        hostings.get(victim).beforeReply((o, outcome) -> {
            if (!o.key().equals(order.key())) return;
            if (neverSent.isEmpty()) {
                neverSent.add(outcome);
                new Thread(() -> dying.getLifecycleService().terminate(), "terminate-owner").start();
            }
            long end = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (dying.getLifecycleService().isRunning() && System.nanoTime() < end) Thread.onSpinWait();
            throw new IllegalStateException("member died before replying to " + o);
        });
        double repeatedBefore = repeatedExcept(victim);

        OrderOutcome answer = desk.placeUntilAnswered(order, 60_000);

        assertThat(neverSent).as("the dead owner wrote the fill and reached the reply").hasSize(1);
        assertThat(dying.getLifecycleService().isRunning()).isFalse();
        assertThat(answer.member()).as("answered by the successor").isNotEqualTo(dyingUuid);
        assertThat(answer.status()).isEqualTo(OrderOutcome.Status.FILLED);
        assertThat(answer.leaseId()).isEqualTo(neverSent.get(0).leaseId());
        assertThat(answer.micros()).isEqualTo(neverSent.get(0).micros());
        assertThat(answer.firstNode()).isEqualTo(neverSent.get(0).firstNode());
        assertThat(repeatedExcept(victim) - repeatedBefore).as("the successor answered from the journal").isEqualTo(1.0);

        ZoneAudit after = audit("y0");
        assertThat(after.leaseIds()).as("one lease for the bid, not two").containsExactly(answer.leaseId());
        assertThat(after.balanced()).as("%s", after).isTrue();
        assertThat(after.mintedMicros()).isEqualTo(minted);
        assertThat(after.burnedMicros() - before.burnedMicros()).isEqualTo(answer.micros());
        assertThat(after.balancesMicros() + after.escrowedMicros()).isEqualTo(minted - after.burnedMicros());
        assertThat(journalOf("y0", order.key(), after.lastSequence())).hasSize(1);

        // A new order for the next job is applied normally on the successor.
        Bid next = Bid.perUnitSecond(8, "alice", Target.Nodes.of(Demand.of(1_000, 1_024, 1), 5), 1_500, 600, 1.0, 3);
        OrderOutcome second = desk.placeUntilAnswered(desk.sign("y0", next), 20_000);
        assertThat(second.status()).isEqualTo(OrderOutcome.Status.FILLED);
        assertThat(audit("y0").leaseIds()).containsExactlyInAnyOrder(answer.leaseId(), second.leaseId());
    }
}

package io.teg.sim.teg;

import io.teg.agent.Award;
import io.teg.agent.FreeResources;
import io.teg.agent.Quote;
import io.teg.ledger.Audit;
import io.teg.model.JobRequest;
import io.teg.model.Layout;
import io.teg.model.NodeSpec;
import io.teg.model.TaskShape;
import io.teg.model.Topology;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class LedgerSlotMarketTest {

    private static final TaskShape CORE = TaskShape.cpu(1000, 1024);

    private final Topology topology = topology(8);
    private final FreeResources free = new FreeResources(topology);
    private final LedgerSlotMarket market = new LedgerSlotMarket(topology, free, 1_000, 16);

    private static Topology topology(int n) {
        List<NodeSpec> nodes = new ArrayList<>();
        for (int i = 0; i < n; i++) nodes.add(NodeSpec.cpuOnly("n" + i, 4000, 16_384));
        return new Topology(nodes, Layout.DEFAULT);
    }

    private static JobRequest job(long id, int tasks) {
        return new JobRequest(id, "acct", tasks, CORE, 100, 0);
    }

    @Test
    void shouldChangeNothingWhenProbingAgain() {
        JobRequest job = job(1, 2);
        market.at(10);
        Quote first = market.probe(job, new int[] {0, 1}, 2);
        Audit before = market.audits()[0];

        Quote second = market.probe(job, new int[] {0, 1}, 2);

        assertThat(second).isEqualTo(first);
        assertThat(market.audits()[0]).isEqualTo(before);
        assertThat(market.openLeases()).isZero();
        assertThat(market.bidsNaming(0)).isZero();
        // one core for 100 s at the base rate on an empty node: 1,000 µtokens/unit-s x 1 unit x 100 s, memory factor
        // 16384 / (16384 - 512) rounded up per unit-second
        assertThat(first.price(0)).isEqualTo((long) Math.ceil(1000.0 * 16_384 / (16_384 - 512)) * 100);
        assertThat(first.fillable()).isTrue();
    }

    @Test
    void shouldFillEveryOrderAndReleaseTheLeasesWhenTheJobEnds() {
        JobRequest job = job(7, 3);
        market.at(20);
        int[] slots = {2, 2, 5};
        Quote ask = market.probe(job, slots, 3);

        Award award = market.bid(job, slots, 3, ask.totalMicroTokens());

        assertThat(award.accepted()).isTrue();
        assertThat(award.nodes()).containsExactly(2, 2, 5);
        assertThat(award.priceMicroTokens()).isEqualTo(ask.totalMicroTokens());
        assertThat(market.openLeases()).as("one lease per node").isEqualTo(2);
        assertThat(market.bidsNaming(2)).isEqualTo(1);
        Audit audit = market.audits()[0];
        assertThat(audit.balanced()).isTrue();
        assertThat(audit.burnedMicros()).isEqualTo(award.priceMicroTokens());
        assertThat(audit.mintedMicros()).isEqualTo(market.needMicros(job));

        market.assign(0);
        assertThat(market.release(0)).isTrue();
        assertThat(market.openLeases()).isZero();
        assertThat(market.release(0)).as("released once").isFalse();
        assertThat(market.balanced()).isTrue();
    }

    @Test
    void shouldReleaseTheWonLeasesWhenNoJobWasAssignedThem() {
        JobRequest job = job(8, 2);
        market.at(25);
        Quote ask = market.probe(job, new int[] {0, 6}, 2);
        assertThat(market.bid(job, new int[] {0, 6}, 2, ask.totalMicroTokens()).accepted()).isTrue();
        assertThat(market.openLeases()).isEqualTo(2);

        market.releaseWon();

        assertThat(market.openLeases()).isZero();
        assertThat(market.balanced()).isTrue();
    }

    @Test
    void shouldRefuseTheWholeGangWhenOneNodeHasNoRoom() {
        for (int i = 0; i < 4; i++) free.allocate(3, CORE);
        JobRequest job = job(9, 2);
        market.at(30);
        Quote ask = market.probe(job, new int[] {1, 3}, 2);

        Award award = market.bid(job, new int[] {1, 3}, 2, Long.MAX_VALUE);

        assertThat(ask.available(0)).isTrue();
        assertThat(ask.available(1)).isFalse();
        assertThat(award.accepted()).isFalse();
        assertThat(award.rejection()).isEqualTo(Award.Rejection.SLOT_UNAVAILABLE);
        assertThat(award.nodes()).containsExactly(3);
        assertThat(market.openLeases()).isZero();
        assertThat(market.rejectedOrders()).isEqualTo(1);
        assertThat(market.balanced()).isTrue();
    }

    @Test
    void shouldFillAGangAcrossZonesInEachZonesLedger() {
        Topology three = topology(300);
        LedgerSlotMarket zones = new LedgerSlotMarket(three, new FreeResources(three), 1_000, 16);
        JobRequest job = job(12, 2);
        zones.at(50);
        int[] slots = {0, 200};
        assertThat(three.zoneOf(0)).isNotEqualTo(three.zoneOf(200));
        Quote ask = zones.probe(job, slots, 2);

        Award award = zones.bid(job, slots, 2, ask.totalMicroTokens());
        zones.assign(3);

        assertThat(award.accepted()).isTrue();
        Audit[] audits = zones.audits();
        assertThat(audits).hasSize(three.zoneCount());
        assertThat(audits[three.zoneOf(0)].burnedMicros()).isEqualTo(ask.price(0));
        assertThat(audits[three.zoneOf(200)].burnedMicros()).isEqualTo(ask.price(1));
        assertThat(zones.bidsNaming(200)).isEqualTo(1);
        assertThat(zones.openLeases()).isEqualTo(2);
        assertThat(zones.release(3)).isTrue();
        assertThat(zones.openLeases()).isZero();
        assertThat(zones.balanced()).isTrue();
    }

    @Test
    void shouldRefuseABidBelowTheAskingPrice() {
        JobRequest job = job(11, 1);
        market.at(40);
        Quote ask = market.probe(job, new int[] {4}, 1);

        Award award = market.bid(job, new int[] {4}, 1, ask.totalMicroTokens() - 1);

        assertThat(award.rejection()).isEqualTo(Award.Rejection.BID_BELOW_PRICE);
        assertThat(award.priceMicroTokens()).isEqualTo(ask.totalMicroTokens());
        assertThat(market.openLeases()).isZero();
    }
}

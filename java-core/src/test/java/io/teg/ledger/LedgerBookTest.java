package io.teg.ledger;

import io.teg.model.NodeSpec;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.teg.ledger.LedgerFixtures.Harness;
import static io.teg.ledger.LedgerFixtures.SECOND;
import static io.teg.ledger.LedgerFixtures.blockBid;
import static io.teg.ledger.LedgerFixtures.nodeBid;
import static io.teg.ledger.LedgerFixtures.quietZone;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LedgerBookTest {

    private static final Demand ONE_GPU = Demand.of(1_000, 0, 1);

    @Test
    void shouldChargeTheReservePriceAndBurnItWhenABidIsAlone() {
        Harness h = new Harness(quietZone(2, 7));
        h.apply(new Mint("alice", 1_000_000, 0));

        Fill f = h.fill(nodeBid(1, "alice", Demand.of(1_000, 1_024, 1), 50, 100, 1.0, 0, 0));

        assertThat(f.clearingRateMicros()).isEqualTo(8);
        assertThat(f.pricePaidMicros()).isEqualTo(800);
        assertThat(f.tokensBurnedMicros()).isEqualTo(800);
        assertThat(h.book.balance("alice")).isEqualTo(1_000_000 - 800);
        assertThat(h.book.audit()).isEqualTo(new Audit(1_000_000, 800, 999_200, 0));
    }

    @Test
    void shouldChargeTheSecondHighestBidWhenTwoBidsCompeteForOneSlot() {
        Harness h = new Harness(quietZone(1, 1).withAuctionWindowNanos(SECOND));
        h.apply(new Mint("a", 1_000_000, 0));
        h.apply(new Mint("b", 1_000_000, 0));
        Demand wholeNode = Demand.of(1_000, 1_024, 8);

        int low = h.send(nodeBid(1, "a", wholeNode, 30, 10, 0, 0, 0));
        int high = h.send(nodeBid(2, "b", wholeNode, 45, 10, 0, 1, 0));
        assertThat(h.result(high)).isNull();
        h.apply(new CloseAuction(2));

        Fill win = (Fill) h.result(high);
        assertThat(win.clearingRateMicros()).isEqualTo(30);
        assertThat(win.pricePaidMicros()).isEqualTo(30 * 8 * 10);
        Reject lose = (Reject) h.result(low);
        assertThat(lose.reason()).isEqualTo(Reject.Reason.OUTBID);
        assertThat(lose.message()).isEqualTo("outbid on node n0: bid 30 < lowest winning bid 45 µtokens/unit-s");
        assertThat(h.book.balance("a")).isEqualTo(1_000_000);
    }

    @Test
    void shouldChargeEveryWinnerTheHighestLosingBidWhenAWindowSellsSeveralSlots() {
        LedgerConfig config = new LedgerConfig(LedgerFixtures.nodes(1, 1_000_000, 2), 2, new MultiplicativePricing(1),
                0, 0, 0, 1.0, 0.05, SECOND, 16);
        Harness h = new Harness(config);
        for (String a : List.of("a", "b", "c")) h.apply(new Mint(a, 1_000_000, 0));

        int ten = h.send(nodeBid(1, "a", ONE_GPU, 10, 1, 0, 0, 0));
        int five = h.send(nodeBid(2, "b", ONE_GPU, 5, 1, 0, 0, 0));
        int eight = h.send(nodeBid(3, "c", ONE_GPU, 8, 1, 0, 0, 0));
        h.apply(new CloseAuction(0));

        assertThat(((Fill) h.result(ten)).clearingRateMicros()).isEqualTo(5);
        assertThat(((Fill) h.result(eight)).clearingRateMicros()).isEqualTo(5);
        assertThat(h.result(five)).isInstanceOf(Reject.class);
    }

    @Test
    void shouldClearTheWindowWhenACommandArrivesAfterItsEnd() {
        Harness h = new Harness(quietZone(1, 1).withAuctionWindowNanos(SECOND));
        h.apply(new Mint("a", 1_000_000, 0));
        int bid = h.send(nodeBid(1, "a", ONE_GPU, 10, 1, 0, 0, 0));
        h.apply(new Mint("a", 1, SECOND - 1));
        assertThat(h.result(bid)).isNull();
        assertThat(h.book.pendingBids()).isEqualTo(1);

        h.apply(new Mint("a", 1, SECOND));

        assertThat(h.result(bid)).isInstanceOf(Fill.class);
        assertThat(h.book.lease(1).startNanos()).isEqualTo(SECOND);
    }

    @Test
    void shouldRejectWithReserveAndNodeWhenTheBidIsTooLow() {
        Harness h = new Harness(quietZone(4, 15));
        h.apply(new Mint("a", 1_000_000, 0));

        Reject r = h.reject(nodeBid(1, "a", ONE_GPU, 12, 1, 0, 0, 3));

        assertThat(r.reason()).isEqualTo(Reject.Reason.BELOW_RESERVE);
        assertThat(r.message()).isEqualTo("bid 12 < reserve 15 µtokens/unit-s on node n3");
        assertThat(h.journal.size()).isEqualTo(1);
    }

    @Test
    void shouldTryTheNextCandidateWhenTheFirstIsFull() {
        Harness h = new Harness(quietZone(3, 1));
        h.apply(new Mint("a", 1_000_000, 0));
        h.fill(nodeBid(1, "a", Demand.of(1_000, 1_024, 8), 5, 1, 1e9, 0, 1));

        Fill f = h.fill(nodeBid(2, "a", ONE_GPU, 5, 1, 0, 0, 1, 2));

        assertThat(f.firstNode()).isEqualTo(2);
    }

    @Test
    void shouldRejectWithFundsWhenTheMostTheBidCouldPayExceedsTheBalance() {
        Harness h = new Harness(quietZone(1, 1));
        h.apply(new Mint("a", 999, 0));

        Reject r = h.reject(nodeBid(1, "a", ONE_GPU, 10, 100, 0, 0, 0));

        assertThat(r.reason()).isEqualTo(Reject.Reason.INSUFFICIENT_FUNDS);
        assertThat(r.message()).isEqualTo("may pay up to 1000 µtokens, balance 999");
    }

    @Test
    void shouldConvertALeasePriceToARateWhenTheBidIsPerLease() {
        Harness h = new Harness(quietZone(1, 3));
        h.apply(new Mint("a", 1_000_000, 0));

        Fill f = h.fill(new Bid(1, "a", Target.Nodes.of(Demand.of(0, 0, 2), 0), 1_000, PriceBasis.PER_LEASE, 100, 0, false, 0));

        assertThat(f.clearingRateMicros()).isEqualTo(3);
        assertThat(f.pricePaidMicros()).isEqualTo(600);
    }

    @Test
    void shouldNotEvictTheIncumbentWhenTheForceEqualsTheStaticFriction() {
        Harness h = new Harness(quietZone(1, 1).withEvictionFriction(2.0));
        h.apply(new Mint("old", 1_000_000, 0));
        h.apply(new Mint("new", 1_000_000, 0));
        Demand node = Demand.of(1_000, 0, 8);
        Fill incumbent = h.fill(nodeBid(1, "old", node, 100, 10, 5.0, 0, 0));
        assertThat(incumbent.clearingRateMicros()).isEqualTo(1);

        Reject r = h.reject(nodeBid(2, "new", node, 11, 10, 0, 1, 0));

        assertThat(r.reason()).isEqualTo(Reject.Reason.NO_GPU);
        assertThat(h.book.lease(incumbent.leaseId())).isNotNull();
    }

    @Test
    void shouldEvictTheIncumbentWhenTheForceExceedsTheStaticFriction() {
        Harness h = new Harness(quietZone(1, 1).withEvictionFriction(2.0));
        h.apply(new Mint("old", 1_000_000, 0));
        h.apply(new Mint("new", 1_000_000, 0));
        Demand node = Demand.of(1_000, 0, 8);
        Fill incumbent = h.fill(nodeBid(1, "old", node, 100, 10, 5.0, 0, 0));

        Fill f = h.fill(nodeBid(2, "new", node, 12, 10, 0, 1, 0));

        assertThat(f.evictedLeaseId()).isEqualTo(incumbent.leaseId());
        assertThat(h.book.lease(incumbent.leaseId())).isNull();
        assertThat(h.journal.entries()).anySatisfy(e -> assertThat(e).isInstanceOf(JournalEntry.Evicted.class));
        assertThat(h.book.audit().balanced()).isTrue();
    }

    @Test
    void shouldEvictTheLeastResistantIncumbentWhenSeveralWouldMakeRoom() {
        Harness h = new Harness(quietZone(1, 1).withEvictionFriction(1.0));
        h.apply(new Mint("a", 1_000_000, 0));
        Demand half = Demand.of(1_000, 0, 4);
        Fill heavy = h.fill(nodeBid(1, "a", half, 1, 10, 50.0, 0, 0));
        Fill light = h.fill(nodeBid(2, "a", half, 1, 10, 2.0, 0, 0));

        Fill f = h.fill(nodeBid(3, "a", half, 100, 10, 0, 1, 0));

        assertThat(f.evictedLeaseId()).isEqualTo(light.leaseId());
        assertThat(h.book.lease(heavy.leaseId())).isNotNull();
    }

    @Test
    void shouldRejectPastCmaxWithQuantitiesWhenMemoryWouldPassTheAsymptote() {
        LedgerConfig config = new LedgerConfig(List.of(new NodeSpec("m0", 64_000, 1_000, 8, "H100", 0)), 8,
                new MultiplicativePricing(1_000), 0, 0, 0, 1.0, 0.05, 0, 8);
        Harness h = new Harness(config);
        h.apply(new Mint("a", Long.MAX_VALUE / 2, 0));

        Reject tooBig = h.reject(nodeBid(1, "a", Demand.of(0, 951, 0), Long.MAX_VALUE / 4, 1, 0, 0, 0));
        Fill upToCmax = h.fill(nodeBid(2, "a", Demand.of(0, 950, 0), 1_000_000, 1, 1e30, 0, 0));
        Reject oneMore = h.reject(nodeBid(3, "a", Demand.of(0, 1, 0), Long.MAX_VALUE / 4, 1, 0, 0, 0));

        assertThat(tooBig.message()).isEqualTo("needs 951 MiB on node m0, 950 MiB sellable below C_max");
        assertThat(upToCmax.clearingRateMicros()).isEqualTo(2_000);
        assertThat(oneMore.message()).isEqualTo("needs 1 MiB on node m0, 0 MiB sellable below C_max");
    }

    @Test
    void shouldRaiseTheReserveWithoutBoundWhenMemoryUseApproachesCmax() {
        LedgerConfig config = new LedgerConfig(List.of(new NodeSpec("m0", 64_000, 1_000, 8, "H100", 0)), 8,
                new MultiplicativePricing(1_000), 0, 0, 0, 1.0, 0.05, 0, 8);
        Harness h = new Harness(config);
        h.apply(new Mint("a", Long.MAX_VALUE / 2, 0));
        Bid probe = nodeBid(9, "a", Demand.of(0, 2, 0), 1_000_000_000, 1, 0, 0, 0).asProbe();
        long[] quotes = new long[5];
        long[] fills = {0, 500, 400, 40, 8};
        for (int i = 0; i < fills.length; i++) {
            if (fills[i] > 0) h.fill(nodeBid(i, "a", Demand.of(0, fills[i], 0), 1_000_000_000, 1, 0, 0, 0));
            quotes[i] = ((Quote) h.apply(probe)).reserveRateMicros();
        }

        assertThat(quotes).isSorted();
        assertThat(quotes[0]).isEqualTo((long) Math.ceil(1_000 * 950.0 / (950 - 1)));
        assertThat(quotes[4]).isEqualTo((long) Math.ceil(1_000 * 950.0 / (950 - 949)));
        assertThat(quotes[4]).isGreaterThan(100 * quotes[0]);
    }

    @Test
    void shouldBurnFrictionAndPriceWhenALeaseExpands() {
        Harness h = new Harness(quietZone(1, 2).withFrictionMicros(5_000));
        h.apply(new Mint("a", 1_000_000, 0));
        Fill lease = h.fill(nodeBid(1, "a", ONE_GPU, 5, 10, 0, 0, 0));

        Fill grown = h.fill(new Expand(lease.leaseId(), "a", Demand.of(0, 0, 2), 9, PriceBasis.PER_UNIT_SECOND, 20, 1));

        assertThat(grown.expansion()).isTrue();
        assertThat(grown.pricePaidMicros()).isEqualTo(2 * 2 * 20);
        assertThat(grown.frictionMicros()).isEqualTo(5_000);
        assertThat(grown.tokensBurnedMicros()).isEqualTo(5_080);
        assertThat(Long.bitCount(grown.gpuMask())).isEqualTo(2);
        Lease l = h.book.lease(lease.leaseId());
        assertThat(l.gpusPerNode()).isEqualTo(3);
        assertThat(l.units()).isEqualTo(3);
        assertThat(h.book.balance("a")).isEqualTo(1_000_000 - 2 * 10 - 5_080);
    }

    @Test
    void shouldRejectAnExpansionWhenTheAccountDoesNotOwnTheLease() {
        Harness h = new Harness(quietZone(1, 2));
        h.apply(new Mint("a", 1_000_000, 0));
        h.apply(new Mint("b", 1_000_000, 0));
        Fill lease = h.fill(nodeBid(1, "a", ONE_GPU, 5, 10, 0, 0, 0));

        Reject r = h.reject(new Expand(lease.leaseId(), "b", ONE_GPU, 9, PriceBasis.PER_UNIT_SECOND, 20, 1));

        assertThat(r.message()).isEqualTo("lease 1 belongs to another account");
    }

    @Test
    void shouldChargeHoldingTaxOnIdleUnitsAtTicksAndAtRelease() {
        Harness h = new Harness(quietZone(1, 1).withHoldingTax(100));
        h.apply(new Mint("a", 1_000_000, 0));
        Fill lease = h.fill(nodeBid(1, "a", Demand.of(0, 0, 4), 1, 1, 0, 0, 0));
        h.apply(new UsageReport(lease.leaseId(), 2, 0));

        Ticked t = (Ticked) h.apply(new Tick(10 * SECOND));
        Settled s = (Settled) h.apply(new Release(lease.leaseId(), "a", 15 * SECOND));

        assertThat(t.taxBurnedMicros()).isEqualTo(100 * 2 * 10);
        assertThat(s.taxBurnedMicros()).isEqualTo(100 * 2 * 5);
        assertThat(h.book.balance("a")).isEqualTo(1_000_000 - 4 - 3_000);
        assertThat(h.book.freeGpus(0)).isEqualTo(8);
    }

    @Test
    void shouldNotTaxBusyUnitsWhenNoUsageWasReported() {
        Harness h = new Harness(quietZone(1, 1).withHoldingTax(100));
        h.apply(new Mint("a", 1_000_000, 0));
        h.fill(nodeBid(1, "a", Demand.of(0, 0, 4), 1, 1, 0, 0, 0));

        Ticked t = (Ticked) h.apply(new Tick(10 * SECOND));

        assertThat(t.taxBurnedMicros()).isZero();
    }

    @Test
    void shouldDecayBalancesExactlyAndBurnTheRoundingWhenTheEpochTicks() {
        Harness h = new Harness(quietZone(1, 1).withDecayPerSecond(Math.log(2) / 3600));
        h.apply(new Mint("a", 1_000_001, 0));
        h.apply(new Mint("b", 3, 0));

        Ticked t = (Ticked) h.apply(new Tick(3_600 * SECOND));

        assertThat(h.book.balance("a")).isEqualTo(500_000);
        assertThat(h.book.balance("b")).isEqualTo(1);
        assertThat(t.decayBurnedMicros()).isEqualTo(500_001 + 2);
        Audit audit = h.book.audit();
        assertThat(audit.mintedMicros() - audit.burnedMicros()).isEqualTo(audit.balancesMicros());
    }

    @Test
    void shouldGiveAWhaleAContiguousAlignedBlockWhenOneIsFree() {
        Harness h = new Harness(quietZone(8, 1));
        h.apply(new Mint("a", 1_000_000_000, 0));
        h.fill(nodeBid(1, "a", ONE_GPU, 1, 1, 0, 0, 0));
        h.fill(nodeBid(2, "a", ONE_GPU, 1, 1, 0, 0, 5));

        Fill whale = h.fill(blockBid(3, "a", 16, 2, 1, 0));
        Reject tooBig = h.reject(blockBid(4, "a", 32, 2, 1, 0));

        assertThat(whale.firstNode()).isEqualTo(2);
        assertThat(whale.nodeCount()).isEqualTo(2);
        assertThat(whale.gpuMask()).isEqualTo(0xFF);
        assertThat(tooBig.message()).isEqualTo("needs 32 contiguous GPUs, largest free block 16");
        assertThat(h.book.largestFreeBlock()).isEqualTo(16);
    }

    @Test
    void shouldFreeTheWholeBlockWhenAWhaleReleases() {
        Harness h = new Harness(quietZone(8, 1));
        h.apply(new Mint("a", 1_000_000_000, 0));
        Fill whale = h.fill(blockBid(1, "a", 64, 2, 1, 0));
        assertThat(h.book.largestFreeBlock()).isZero();

        h.apply(new Release(whale.leaseId(), "a", 1));

        assertThat(h.book.largestFreeBlock()).isEqualTo(64);
    }

    @Test
    void shouldLeaveStateUntouchedWhenAProbeIsAnswered() {
        Harness h = new Harness(quietZone(2, 3));
        h.apply(new Mint("a", 1_000_000, 0));
        LedgerSnapshot before = h.book.snapshot();

        Quote q = (Quote) h.apply(nodeBid(1, "a", ONE_GPU, 50, 100, 0, 5, 0).asProbe());

        assertThat(q.reserveRateMicros()).isEqualTo(3);
        assertThat(q.priceMicros()).isEqualTo(300);
        assertThat(h.book.snapshot()).isEqualTo(before);
        assertThat(h.book.bidsNaming(0)).isZero();
    }

    @Test
    void shouldNotClearTheWindowWhenAProbeArrivesAfterItsEnd() {
        Harness h = new Harness(quietZone(1, 1).withAuctionWindowNanos(SECOND));
        h.apply(new Mint("a", 1_000_000, 0));
        int bid = h.send(nodeBid(1, "a", ONE_GPU, 10, 1, 0, 0, 0));

        h.apply(nodeBid(2, "a", ONE_GPU, 10, 1, 0, 5 * SECOND, 0).asProbe());

        assertThat(h.result(bid)).isNull();
    }

    @Test
    void shouldPriceWithTheExternalMultiplierWhenGossipRaisesIt() {
        Harness h = new Harness(quietZone(1, 10));
        h.apply(new Mint("a", 1_000_000, 0));
        h.apply(new NodeCondition(0, 1.5, 2.0, 1.2, 0));

        Quote q = (Quote) h.apply(nodeBid(1, "a", Demand.of(0, 0, 1), 1_000, 1, 0, 0, 0).asProbe());

        assertThat(q.reserveRateMicros()).isEqualTo(36);
    }

    @Test
    void shouldRejectAReleaseWhenTheLeaseIsUnknown() {
        Harness h = new Harness(quietZone(1, 1));

        Reject r = h.reject(new Release(7, "a", 0));

        assertThat(r.message()).isEqualTo("lease 7 is not open");
    }

    @Test
    void shouldRefuseAJournalThatAlreadyHoldsEntriesWhenBuildingAnEmptyBook() {
        Harness h = new Harness(quietZone(1, 1));
        h.apply(new Mint("a", 5, 0));

        assertThatThrownBy(() -> new LedgerBook(h.config, h.journal, (a, r) -> { }))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldNumberJournalEntriesWithoutGapsWhenEventsAreAccepted() {
        Harness h = new Harness(quietZone(2, 1).withHoldingTax(10));
        h.apply(new Mint("a", 1_000_000, 0));
        Fill f = h.fill(nodeBid(1, "a", ONE_GPU, 5, 10, 0, 0, 0));
        h.apply(new UsageReport(f.leaseId(), 1, 0));
        h.apply(new Tick(SECOND));
        h.apply(new Release(f.leaseId(), "a", 2 * SECOND));

        assertThat(h.journal.entries()).extracting(JournalEntry::sequence).containsExactly(1L, 2L, 3L, 4L, 5L, 6L);
        assertThat(h.journal.entries()).extracting(e -> e.getClass().getSimpleName())
                .containsExactly("Minted", "Filled", "UsageSet", "Taxed", "Decayed", "Released");
    }
}

package io.teg.agent;

import io.teg.model.JobRequest;
import io.teg.model.TaskShape;
import io.teg.model.Topology;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PostedPriceMarketTest {

    private final Topology topology = Clusters.gpuCluster(128);
    private final FreeResources free = new FreeResources(topology);
    /** Local entropy rises with the node id: node i has S = i / 10. */
    private final PostedPriceMarket market = new PostedPriceMarket(topology, free, node -> node / 10.0, 1_000_000, 0.1);
    private final JobRequest job = Clusters.job(1, 2, new TaskShape(32_000, 65_536, 1, 1000, 0));

    @Test
    void shouldPriceASlotByItsDominantShareOverLocalEntropy() {
        // dominant share: max(32000/128000, 65536/262144, 1/4) = 0.25
        assertThat(market.slotPrice(0, job.task())).isEqualTo(2_500_000);
        assertThat(market.slotPrice(9, job.task())).isEqualTo(250_000);
    }

    @Test
    void shouldLockAndSpendNothingWhenProbed() {
        int cpuBefore = free.freeCpuMilli(3);

        Quote quote = market.probe(job, new int[]{3, 4}, 2);
        Quote again = market.probe(job, new int[]{3, 4}, 2);

        assertThat(quote.fillable()).isTrue();
        assertThat(quote.totalMicroTokens()).isEqualTo(market.slotPrice(3, job.task()) + market.slotPrice(4, job.task()));
        assertThat(again).isEqualTo(quote);
        assertThat(market.burnedMicroTokens()).isZero();
        assertThat(free.freeCpuMilli(3)).isEqualTo(cpuBefore);
        Award award = market.bid(job, new int[]{3, 4}, 2, quote.totalMicroTokens());
        assertThat(award.accepted()).isTrue();
    }

    @Test
    void shouldBurnThePriceAndKeepTheChangeWhenTheBidWins() {
        Award award = market.bid(job, new int[]{5, 6, 99}, 2, 10_000_000);

        long price = market.slotPrice(5, job.task()) + market.slotPrice(6, job.task());
        assertThat(award.accepted()).isTrue();
        assertThat(award.nodes()).containsExactly(5, 6);
        assertThat(award.priceMicroTokens()).isEqualTo(price);
        assertThat(market.burnedMicroTokens()).isEqualTo(price);
        assertThat(market.awards()).isEqualTo(1);
    }

    @Test
    void shouldRejectWithTheAskingPriceWhenTheBidIsBelowIt() {
        long price = market.slotPrice(5, job.task()) + market.slotPrice(6, job.task());

        Award award = market.bid(job, new int[]{5, 6}, 2, price - 1);

        assertThat(award.accepted()).isFalse();
        assertThat(award.rejection()).isEqualTo(Award.Rejection.BID_BELOW_PRICE);
        assertThat(award.priceMicroTokens()).isEqualTo(price);
        assertThat(award.reason()).contains("short by 1 micro-tokens");
        assertThat(market.burnedMicroTokens()).isZero();
    }

    @Test
    void shouldRefuseTheWholeOrderWhenOneNodeHasNoRoomForItsShare() {
        TaskShape fullNode = new TaskShape(128_000, 262_144, 4, 1000, 0);
        free.allocate(8, fullNode);
        // node 7 can hold four of these tasks: the fifth slot on it has no room.
        int[] slots = {7, 7, 7, 7, 7, 8};

        Quote quote = market.probe(job, slots, slots.length);
        Award award = market.bid(job, slots, slots.length, Long.MAX_VALUE);

        assertThat(quote.available()).containsExactly(true, true, true, true, false, false);
        assertThat(quote.fillable()).isFalse();
        assertThat(award.rejection()).isEqualTo(Award.Rejection.SLOT_UNAVAILABLE);
        assertThat(award.nodes()).containsExactlyInAnyOrder(7, 8);
        assertThat(market.burnedMicroTokens()).isZero();
    }
}

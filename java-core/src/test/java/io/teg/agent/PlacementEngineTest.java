package io.teg.agent;

import io.teg.model.JobRequest;
import io.teg.model.Layout;
import io.teg.model.NodeSpec;
import io.teg.model.TaskShape;
import io.teg.model.Topology;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

class PlacementEngineTest {

    private static final TaskShape FULL_NODE = new TaskShape(128_000, 262_144, 4, 1000, 0);

    /** Flights long and damped enough to settle at a bowl's minimum. */
    private static final AgentParameters SETTLING = AgentParameters.defaults()
            .withSteps(400).withStepS(0.25).withDamping(4.0).withTemperature(0.0);

    private final Topology topology = Clusters.gpuCluster(1024);
    private final FreeResources free = new FreeResources(topology);
    private final PostedPriceMarket market = new PostedPriceMarket(topology, free, node -> 1.0, 1_000_000, 0.1);

    private PlacementEngine engine(AnalyticLandscape landscape, AgentParameters p, SlotMarket m) {
        return new PlacementEngine(topology, free, m, landscape::ahead, Clusters::richTerms, p, new SplittableRandom(1));
    }

    private AnalyticLandscape bowlAt(int node) {
        return AnalyticLandscape.bowl(topology.x(node), topology.y(node), 0.5);
    }

    private static BitSet range(int from, int to) {
        BitSet b = new BitSet();
        b.set(from, to);
        return b;
    }

    @Test
    void shouldPlaceAGangOnFeasibleNodesAtTheMinimumWhenThereIsRoom() {
        JobRequest gang = Clusters.job(1, 4, new TaskShape(32_000, 65_536, 2, 1000, 0));
        PlacementEngine engine = engine(bowlAt(300), SETTLING, market);

        Placement placement = engine.place(gang, range(0, 1024));

        assertThat(placement).isInstanceOf(PlacementResult.class);
        PlacementResult r = (PlacementResult) placement;
        assertThat(r.tasks()).isEqualTo(4);
        assertThat(r.distinctNodes()).as("two tasks of half a node share each node").hasSize(2);
        assertThat(Math.hypot(r.landingXM() - topology.x(300), r.landingYM() - topology.y(300))).isLessThan(1e-3);
        assertThat(Math.hypot(topology.x(r.taskNodes()[0]) - topology.x(300), topology.y(r.taskNodes()[0]) - topology.y(300)))
                .isLessThan(0.2);
        for (int node : r.taskNodes()) free.allocate(node, gang.task());
        assertThat(r.priceMicroTokens()).isEqualTo(market.burnedMicroTokens()).isPositive();
        assertThat(r.steps()).isEqualTo(400);
        assertThat(r.attempts()).isEqualTo(1);
        assertThat(r.nodesTouched()).isPositive();
    }

    @Test
    void shouldLockAndSpendNothingWhileProbingSoTwoJobsCanWinTheSameFreeSlots() {
        JobRequest a = Clusters.job(1, 2, FULL_NODE);
        JobRequest b = Clusters.job(2, 2, FULL_NODE);
        PlacementEngine engine = engine(bowlAt(500), SETTLING, market);

        PlacementResult first = (PlacementResult) engine.place(a, range(0, 1024));
        int cpuLeft = free.freeCpuMilli(first.taskNodes()[0]);
        PlacementResult second = (PlacementResult) engine.place(b, range(0, 1024));

        assertThat(cpuLeft).as("the engine binds nothing itself").isEqualTo(128_000);
        assertThat(second.taskNodes()).containsExactlyInAnyOrder(first.taskNodes());
        assertThat(market.awards()).isEqualTo(2);
        assertThat(market.burnedMicroTokens()).as("only the two real bids were paid")
                .isEqualTo(first.priceMicroTokens() + second.priceMicroTokens());
    }

    @Test
    void shouldPutSeveralTasksOnOneNodeWhenTheyFit() {
        JobRequest job = Clusters.job(3, 4, new TaskShape(8_000, 16_384, 1, 1000, 0));
        PlacementEngine engine = engine(bowlAt(40), SETTLING, market);

        PlacementResult r = (PlacementResult) engine.place(job, range(0, 1024));

        assertThat(r.distinctNodes()).hasSize(1);
        assertThat(r.taskNodes()).hasSize(4);
    }

    @Test
    void shouldPlaceALargeGangOnDistinctNearbyNodesWhenEachTaskNeedsAWholeNode() {
        for (int node = 0; node < 1024; node += 3) free.allocate(node, FULL_NODE);
        JobRequest gang = Clusters.job(17, 100, FULL_NODE);
        PlacementEngine engine = engine(bowlAt(512), SETTLING, market);

        PlacementResult r = (PlacementResult) engine.place(gang, range(0, 1024));

        assertThat(r.distinctNodes()).hasSize(100);
        for (int node : r.taskNodes()) {
            assertThat(node % 3).as("node %d was busy", node).isNotZero();
            assertThat(Math.abs(topology.x(node) - topology.x(512))).isLessThan(30.0);
        }
        assertThat(r.priceMicroTokens()).isEqualTo(100 * market.slotPrice(1, FULL_NODE));
    }

    @Test
    void shouldLandWhereTheFieldWillBeWhenLookingAhead() {
        double cx = topology.x(0);
        double cy = topology.y(0);
        AnalyticLandscape drifting = AnalyticLandscape.bowl(cx, cy, 0.5).withDrift(0.2, 0.0);
        JobRequest job = Clusters.job(4, 1, TaskShape.cpu(1000, 1024));

        PlacementResult now = (PlacementResult) engine(drifting, SETTLING.withLookAheadS(0), market).place(job);
        PlacementResult ahead = (PlacementResult) engine(drifting, SETTLING.withLookAheadS(60), market).place(job);

        assertThat(now.landingXM()).isCloseTo(cx, org.assertj.core.api.Assertions.within(1e-3));
        assertThat(ahead.landingXM()).isCloseTo(cx + 12.0, org.assertj.core.api.Assertions.within(1e-3));
    }

    @Test
    void shouldNameTheResourceAndTheShortfallWhenNoNodeCouldEverHoldTheJob() {
        PlacementEngine engine = engine(bowlAt(0), AgentParameters.defaults(), market);

        PlacementFailure gpus = (PlacementFailure) engine.place(Clusters.job(5, 1, new TaskShape(1000, 1024, 8, 1000, 0)));
        PlacementFailure memory = (PlacementFailure) engine.place(Clusters.job(6, 1, TaskShape.cpu(1000, 300_000)));
        PlacementFailure both = (PlacementFailure) engine.place(Clusters.job(7, 1, TaskShape.cpu(256_000, 300_000)));

        assertThat(gpus.message()).isEqualTo("gpus: needs 8 per task, largest node has 4 (short by 4)");
        assertThat(gpus.reasons().getFirst().resource()).isEqualTo(Resource.GPUS);
        assertThat(gpus.reasons().getFirst().shortBy()).isEqualTo(4);
        assertThat(gpus.never()).isTrue();
        assertThat(gpus.steps()).isZero();
        assertThat(gpus.nodesTouched()).isZero();
        assertThat(memory.message()).isEqualTo("memory: needs 300000 MiB per task, largest node has 262144 MiB (short by 37856 MiB)");
        assertThat(memory.reasons().getFirst().shortBy()).isEqualTo(37_856);
        assertThat(both.reasons()).extracting(Reason::resource).containsExactly(Resource.CPU, Resource.MEMORY);
        assertThat(both.reasons().getFirst().message())
                .isEqualTo("cpu: needs 256000 milli-cores per task, largest node has 128000 milli-cores (short by 128000 milli-cores)");
    }

    @Test
    void shouldSayHowManyTasksTheClusterCouldHoldWhenTheGangIsTooLargeForIt() {
        PlacementEngine engine = engine(bowlAt(0), AgentParameters.defaults(), market);

        PlacementFailure f = (PlacementFailure) engine.place(Clusters.job(8, 2000, FULL_NODE));

        assertThat(f.never()).isTrue();
        assertThat(f.reasons().getFirst().resource()).isEqualTo(Resource.TASK_SLOTS);
        assertThat(f.message()).isEqualTo("task slots: needs 2000 tasks at once, every node together holds at most 1024 "
                + "even when empty (short by 976 tasks)");
    }

    @Test
    void shouldFailForeverWhenOnlyTheCandidatesLackTheResource() {
        Topology mixed = Clusters.mixedCluster(4);
        FreeResources mixedFree = new FreeResources(mixed);
        PostedPriceMarket mixedMarket = new PostedPriceMarket(mixed, mixedFree, node -> 1.0, 1_000_000, 0.1);
        PlacementEngine engine = new PlacementEngine(mixed, mixedFree, mixedMarket, AnalyticLandscape.flat()::ahead,
                Clusters::richTerms, AgentParameters.defaults(), new SplittableRandom(2));
        BitSet cpuZone = range(128, 256);

        PlacementFailure f = (PlacementFailure) engine.place(Clusters.job(9, 1, new TaskShape(1000, 1024, 1, 1000, 0)), cpuZone);

        assertThat(f.never()).isTrue();
        assertThat(f.message()).isEqualTo("gpus: needs 1 per task, largest candidate node has 0 (short by 1)");
    }

    @Test
    void shouldDescribeTheNearestMissWhenEachResourceExistsButNoNodeHasAllOfThem() {
        List<NodeSpec> nodes = new ArrayList<>();
        for (int i = 0; i < 64; i++) nodes.add(NodeSpec.cpuOnly("fat" + i, 64_000, 524_288));
        for (int i = 0; i < 64; i++) nodes.add(new NodeSpec("gpu" + i, 128_000, 131_072, 4, "H100", 2));
        Topology t = new Topology(nodes, Layout.DEFAULT);
        FreeResources f = new FreeResources(t);
        PlacementEngine engine = new PlacementEngine(t, f, new PostedPriceMarket(t, f, node -> 1.0, 1_000_000, 0.1),
                AnalyticLandscape.flat()::ahead, Clusters::richTerms, AgentParameters.defaults(), new SplittableRandom(3));

        PlacementFailure failure = (PlacementFailure) engine.place(Clusters.job(10, 1, new TaskShape(1000, 200_000, 1, 1000, 0)));

        assertThat(failure.never()).isTrue();
        assertThat(failure.message()).isEqualTo("nodes: no node has everything a task needs at once; the closest "
                + "(128000 milli-cores, 131072 MiB, 4 GPUs H100) is short of memory by 68928 MiB");
    }

    @Test
    void shouldSayHowManyCandidatesFitWhenNoneIsFreeNow() {
        for (int node = 0; node < 128; node++) free.allocate(node, FULL_NODE);
        PlacementEngine engine = engine(bowlAt(0), AgentParameters.defaults(), market);

        PlacementFailure f = (PlacementFailure) engine.place(Clusters.job(11, 1, TaskShape.cpu(1000, 1024)), range(0, 128));

        assertThat(f.never()).isFalse();
        assertThat(f.message()).isEqualTo("no candidate node is free now: 0 of 128 candidates fit");
        assertThat(f.reasons().getFirst().resource()).isEqualTo(Resource.NODES);
        assertThat(f.steps()).isEqualTo(AgentParameters.defaults().steps());
    }

    @Test
    void shouldSayHowManyTasksTheFreeCandidatesHoldWhenTheGangDoesNotFitNow() {
        for (int node = 0; node < 125; node++) free.allocate(node, FULL_NODE);
        PlacementEngine engine = engine(bowlAt(0), AgentParameters.defaults(), market);

        PlacementFailure f = (PlacementFailure) engine.place(Clusters.job(12, 5, FULL_NODE), range(0, 128));

        assertThat(f.never()).isFalse();
        assertThat(f.reasons().getFirst().resource()).isEqualTo(Resource.TASK_SLOTS);
        assertThat(f.reasons().getFirst().available()).isEqualTo(3);
        assertThat(f.message()).isEqualTo("task slots: needs room for 5 tasks now, the 3 free nodes of 128 candidates "
                + "hold 3 (short by 2 tasks)");
    }

    @Test
    void shouldFailOnTokensWithTheShortfallWhenThePriceIsAboveTheCeiling() {
        PlacementEngine engine = new PlacementEngine(topology, free, market, bowlAt(0)::ahead,
                job -> new JobTerms(10 * JobTerms.MICRO_PER_TOKEN, 1_000, 1.0, 0.0), AgentParameters.defaults(),
                new SplittableRandom(4));
        JobRequest job = Clusters.job(13, 2, FULL_NODE);

        PlacementFailure f = (PlacementFailure) engine.place(job);

        long price = 2 * market.slotPrice(0, FULL_NODE);
        assertThat(f.reasons().getFirst().resource()).isEqualTo(Resource.TOKENS);
        assertThat(f.message()).isEqualTo("tokens: needs " + price + " micro-tokens for 2 tasks, bid ceiling is 1000 "
                + "micro-tokens (short by " + (price - 1000) + " micro-tokens)");
        assertThat(market.burnedMicroTokens()).isZero();
    }

    @Test
    void shouldRetryOnOtherNodesWhenACompetitorTakesASlotBetweenProbeAndBid() {
        Competitor competitor = new Competitor(market, free, 1);
        PlacementEngine engine = engine(bowlAt(600), SETTLING, competitor);

        PlacementResult r = (PlacementResult) engine.place(Clusters.job(14, 2, FULL_NODE), range(0, 1024));

        assertThat(r.attempts()).isEqualTo(2);
        assertThat(competitor.taken).hasSize(1);
        assertThat(r.taskNodes()).doesNotContain(competitor.taken.getFirst());
        for (int node : r.taskNodes()) free.allocate(node, FULL_NODE);
    }

    @Test
    void shouldGiveUpAfterTheBoundedRetriesWhenEveryBidIsBeaten() {
        Competitor competitor = new Competitor(market, free, Integer.MAX_VALUE);
        PlacementEngine engine = engine(bowlAt(600), SETTLING.withBidRetries(2), competitor);

        PlacementFailure f = (PlacementFailure) engine.place(Clusters.job(15, 2, FULL_NODE), range(0, 1024));

        assertThat(competitor.taken).hasSize(3);
        assertThat(f.reasons().getFirst().resource()).isEqualTo(Resource.MARKET);
        assertThat(f.message()).startsWith("market: 3 fill-or-kill attempts refused (1 + 2 retries); last: slot unavailable");
        assertThat(f.never()).isFalse();
    }

    @Test
    void shouldRefuseAnEmptyCandidateSet() {
        PlacementFailure f = (PlacementFailure) engine(bowlAt(0), AgentParameters.defaults(), market)
                .place(Clusters.job(16, 1, TaskShape.cpu(1, 1)), new BitSet());

        assertThat(f.never()).isTrue();
        assertThat(f.message()).contains("0 of 0 candidates fit");
    }

    @Test
    void shouldTouchABoundedNumberOfNodesWhenTheClusterGrowsFromOneThousandToOneHundredThousand() {
        int[] sizes = {1_000, 10_000, 100_000};
        double[] mean = new double[sizes.length];
        int[] max = new int[sizes.length];
        for (int s = 0; s < sizes.length; s++) {
            Topology t = Clusters.gpuCluster(sizes[s]);
            FreeResources f = new FreeResources(t);
            SplittableRandom random = new SplittableRandom(5);
            for (int node = 0; node < t.nodeCount(); node++) if (random.nextBoolean()) f.allocate(node, FULL_NODE);
            PostedPriceMarket m = new PostedPriceMarket(t, f, node -> 1.0 + (node % 7) / 7.0, 1_000_000, 0.1);
            PlacementEngine engine = new PlacementEngine(t, f, m, wellsOver(t, 32, random)::ahead, Clusters::richTerms,
                    AgentParameters.defaults(), new SplittableRandom(6));
            long total = 0;
            int decisions = 300;
            for (int j = 0; j < decisions; j++) {
                Placement p = engine.place(Clusters.job(j, 1 + j % 4, new TaskShape(16_000, 32_768, 1, 1000, 0)));
                assertThat(p.placed()).isTrue();
                total += p.nodesTouched();
                max[s] = Math.max(max[s], p.nodesTouched());
            }
            mean[s] = (double) total / decisions;
        }
        for (int m : max) assertThat(m).isLessThanOrEqualTo(120);
        assertThat(mean[2]).isLessThanOrEqualTo(1.25 * mean[0]);
        assertThat(mean[1]).isLessThanOrEqualTo(1.25 * mean[0]);
    }

    /** M Gaussian wells spread over the plane of {@code t}. */
    static AnalyticLandscape.GaussianWells wellsOver(Topology t, int m, SplittableRandom random) {
        double width = t.x(t.nodeCount() - 1) + 1;
        double[] cx = new double[m], cy = new double[m], d = new double[m], w = new double[m];
        for (int j = 0; j < m; j++) {
            cx[j] = random.nextDouble() * width;
            cy[j] = random.nextDouble() * 3.0;
            d[j] = random.nextDouble(-0.5, 1.0);
            w[j] = 2.0 + random.nextDouble() * 8.0;
        }
        return AnalyticLandscape.wells(cx, cy, d, w).withUniformBz(0.05);
    }

    /**
     * A competing job that wins the first node of each real bid just before that bid reaches the market (the
     * probe-then-bid race), at most {@code limit} times.
     */
    private static final class Competitor implements SlotMarket {
        private final PostedPriceMarket market;
        private final FreeResources free;
        private final int limit;
        final List<Integer> taken = new ArrayList<>();

        Competitor(PostedPriceMarket market, FreeResources free, int limit) {
            this.market = market;
            this.free = free;
            this.limit = limit;
        }

        @Override
        public Quote probe(JobRequest job, int[] nodes, int count) {
            return market.probe(job, nodes, count);
        }

        @Override
        public Award bid(JobRequest job, int[] nodes, int count, long bidMicroTokens) {
            if (taken.size() < limit) {
                while (free.canHost(nodes[0], job.task())) free.allocate(nodes[0], job.task());
                taken.add(nodes[0]);
            }
            return market.bid(job, nodes, count, bidMicroTokens);
        }
    }
}

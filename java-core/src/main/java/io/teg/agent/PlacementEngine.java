package io.teg.agent;

import io.teg.model.JobRequest;
import io.teg.model.TaskShape;
import io.teg.model.Topology;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.Objects;
import java.util.function.DoubleFunction;
import java.util.function.Function;
import java.util.function.IntPredicate;
import java.util.random.RandomGenerator;

/**
 * Places one job per call: an agent flies over the landscape, lands on the nearest feasible nodes, asks their
 * prices for free and then bids for real (ARCHITECTURE §4, paper Section 3.4).
 *
 * <h2>One decision</h2>
 * <ol>
 *   <li><b>Could it ever fit?</b> The job's task shape is checked against the topology's node types (distinct
 *       capacities, precomputed once): O(T) for T types. A job no node could ever hold fails at once, naming the
 *       resource and by how much.</li>
 *   <li><b>Flight.</b> The agent (mass by Eq. 11, charge by Eq. 12 from the job's {@link JobTerms}) starts at rest
 *       at a maximum-entropy point ({@link MaxEntropyStart}, Eq. 9) and flies K steps on the landscape seen
 *       {@link AgentParameters#lookAheadS()} ahead (Eq. 8) with the {@link LangevinIntegrator}: O(K·M).</li>
 *   <li><b>Landing.</b> The {@link SpatialIndex} returns the k' = max(k, tasks) nearest candidate nodes that can
 *       host a task now ({@link Feasibility#canHost}), inspecting at most
 *       max({@link AgentParameters#searchBudgetNodes()}, 4·k') nodes: O(k') for well-spread free nodes.</li>
 *   <li><b>Virtual bid.</b> One zero-cost probe ({@link SlotMarket#probe}) prices a task on each landed node.
 *       Nodes are ranked by price, then by distance, and the tasks are packed onto them in that order, several
 *       to a node where {@link Feasibility#hostable} says they fit. A second zero-cost probe of exactly those
 *       slots is the fill-or-kill check and gives the total.</li>
 *   <li><b>Real bid.</b> If the total is within the job's bid ceiling, a fill-or-kill bid of that total is placed
 *       ({@link SlotMarket#bid}).</li>
 * </ol>
 * A refused fill check or a rejected real bid is retried at most {@link AgentParameters#bidRetries()} times from
 * the same landing point, leaving out the nodes the market refused; the flight is not repeated. So a decision
 * costs O(K·M + (1 + R)·k'), never O(N): nothing on this path loops over all nodes.
 *
 * <p>Only when a decision has already failed for lack of free nodes does the engine check whether the
 * <em>candidates</em> (as opposed to the whole topology) could ever hold the job, at O(T·N/64) word operations
 * (a few microseconds at a million nodes), so that the failure says "never" or "not now" correctly.
 *
 * <p>The engine does not bind tasks: on a {@link PlacementResult} the slots are won in the market and the caller
 * binds task i to {@code taskNodes[i]}.
 *
 * <p>Threading: the constructor's random generator is used by {@link #place(JobRequest, BitSet)}, so an engine is
 * used by one thread at a time; {@link #place(JobRequest, BitSet, RandomGenerator)} takes a generator per call and
 * is as thread-safe as the seams it calls.
 */
public final class PlacementEngine {

    private final Topology topology;
    private final Feasibility feasibility;
    private final SlotMarket market;
    private final DoubleFunction<? extends Landscape> landscapeAhead;
    private final Function<? super JobRequest, JobTerms> terms;
    private final AgentParameters parameters;
    private final RandomGenerator random;
    private final SpatialIndex index;
    private final CapacityCatalog catalog;
    private final MaxEntropyStart starts;
    private final LangevinIntegrator integrator;

    /**
     * Builds the per-topology structures (spatial index, node types, zone boxes) in O(N log N).
     *
     * @param topology the nodes and their coordinates
     * @param feasibility what is free now
     * @param market the zone ledgers, or a {@link PostedPriceMarket}
     * @param landscapeAhead the current field seen a given look-ahead (seconds) ahead; called once per decision
     *        with {@link AgentParameters#lookAheadS()}
     * @param terms each job's endowment, bid ceiling, SLA priority and risk
     * @param parameters the agent's tunables
     * @param random the source of the start points and the flight noise
     */
    public PlacementEngine(Topology topology, Feasibility feasibility, SlotMarket market,
                           DoubleFunction<? extends Landscape> landscapeAhead,
                           Function<? super JobRequest, JobTerms> terms, AgentParameters parameters,
                           RandomGenerator random) {
        this.topology = Objects.requireNonNull(topology, "topology");
        this.feasibility = Objects.requireNonNull(feasibility, "feasibility");
        this.market = Objects.requireNonNull(market, "market");
        this.landscapeAhead = Objects.requireNonNull(landscapeAhead, "landscapeAhead");
        this.terms = Objects.requireNonNull(terms, "terms");
        this.parameters = Objects.requireNonNull(parameters, "parameters");
        this.random = Objects.requireNonNull(random, "random");
        if (feasibility.nodeCount() != topology.nodeCount())
            throw new IllegalArgumentException("feasibility covers " + feasibility.nodeCount() + " nodes, topology has "
                    + topology.nodeCount());
        index = SpatialIndex.of(topology);
        catalog = CapacityCatalog.of(topology);
        starts = new MaxEntropyStart(topology);
        integrator = LangevinIntegrator.of(parameters);
    }

    public Topology topology() {
        return topology;
    }

    public AgentParameters parameters() {
        return parameters;
    }

    public SpatialIndex index() {
        return index;
    }

    /** Places {@code job} on any node of the topology. */
    public Placement place(JobRequest job) {
        return decide(job, null, random);
    }

    /** Places {@code job} on nodes of {@code candidates} (bit i set = node i may be used). */
    public Placement place(JobRequest job, BitSet candidates) {
        return decide(job, Objects.requireNonNull(candidates, "candidates"), random);
    }

    /** As {@link #place(JobRequest, BitSet)} with the given random source. */
    public Placement place(JobRequest job, BitSet candidates, RandomGenerator rng) {
        return decide(job, Objects.requireNonNull(candidates, "candidates"), rng);
    }

    private Placement decide(JobRequest job, BitSet candidates, RandomGenerator rng) {
        int n = topology.nodeCount();
        if (candidates != null) {
            int first = candidates.nextSetBit(0);
            if (first < 0 || first >= n)
                return new PlacementFailure(job.jobId(), List.of(new Reason(Resource.NODES, 1, 0,
                        "no candidate node is free now: 0 of 0 candidates fit (the candidate set is empty)")), true, 0, 0);
        }
        List<Reason> never = catalog.neverFits(job);
        if (!never.isEmpty()) return new PlacementFailure(job.jobId(), never, true, 0, 0);

        TaskShape task = job.task();
        int tasks = job.tasks();
        if (!feasibility.mayHold(task, tasks))
            return new PlacementFailure(job.jobId(), List.of(new Reason(Resource.TASK_SLOTS, tasks, 0,
                    "task slots: the free resources of all " + n + " nodes together cannot hold " + tasks
                            + " tasks now (aggregate check, no node searched)")), false, 0, 0);
        JobTerms jobTerms = terms.apply(job);
        Agent agent = Agent.of(job, jobTerms, parameters);
        Landscape landscape = landscapeAhead.apply(parameters.lookAheadS());
        AgentState start = candidates == null
                ? starts.sample(parameters.startMode(), feasibility, rng)
                : starts.sample(candidates, parameters.startMode(), feasibility, rng);
        AgentState landing = integrator.walk(agent, landscape, start, parameters.steps(), rng);
        double x = landing.xM();
        double y = landing.yM();
        int steps = parameters.steps();

        int wanted = Math.max(parameters.candidateNodes(), tasks);
        int budget = (int) Math.min(Integer.MAX_VALUE, Math.max(parameters.searchBudgetNodes(), 4L * wanted));
        Exclusions excluded = new Exclusions();
        int touched = 0;
        int buckets = 0;
        int rounds = 0;
        String lastRefusal = "";
        for (int round = 0; round <= parameters.bidRetries(); round++) {
            rounds = round + 1;
            IntPredicate free = node -> !excluded.contains(node) && feasibility.canHost(node, task);
            Neighbours landed = candidates == null
                    ? index.nearest(x, y, wanted, free, budget)
                    : index.nearest(x, y, wanted, candidates, free, budget);
            touched += landed.nodesTested();
            buckets += landed.bucketsInspected();
            if (landed.size() == 0)
                return notNow(job, candidates, landed, 0, 0, excluded.size(), budget, steps, touched);

            // Zero-cost virtual bid on every landed node: one task each.
            int[] found = landed.nodes();
            Quote prices = market.probe(job, found, found.length);
            touched += found.length;
            int[] ranked = rankByPrice(prices);
            int[] slots = new int[tasks];
            int filled = 0;
            int marketRefused = 0;
            for (int r = 0; r < ranked.length && filled < tasks; r++) {
                int i = ranked[r];
                if (!prices.available(i)) {
                    excluded.add(found[i]);
                    marketRefused++;
                    continue;
                }
                int room = feasibility.hostable(found[i], task, tasks - filled);
                touched++;
                for (int t = 0; t < room; t++) slots[filled++] = found[i];
            }
            if (filled < tasks) {
                if (marketRefused > 0 && round < parameters.bidRetries()) {
                    lastRefusal = "the market refused " + marketRefused + " of the landed nodes";
                    continue;
                }
                return notNow(job, candidates, landed, filled, landed.size() - marketRefused, excluded.size(), budget,
                        steps, touched);
            }

            // Zero-cost fill-or-kill check of exactly these slots, then the real bid.
            Quote fill = market.probe(job, slots, tasks);
            touched += tasks;
            if (!fill.fillable()) {
                int refused = 0;
                for (int i = 0; i < tasks; i++) {
                    if (!fill.available(i) && !excluded.contains(slots[i])) {
                        excluded.add(slots[i]);
                        refused++;
                    }
                }
                lastRefusal = "the fill check refused " + refused + " nodes";
                continue;
            }
            long ceiling = jobTerms.bidCeilingMicroTokens();
            if (fill.totalMicroTokens() > ceiling) return tooDear(job, fill.totalMicroTokens(), ceiling, steps, touched);
            Award award = market.bid(job, slots, tasks, fill.totalMicroTokens());
            touched += tasks;
            if (award.accepted())
                return new PlacementResult(job.jobId(), award.nodes(), x, y, award.priceMicroTokens(), agent, steps,
                        touched, buckets, rounds);
            lastRefusal = award.reason();
            if (award.rejection() == Award.Rejection.SLOT_UNAVAILABLE) {
                for (int node : award.nodes()) excluded.add(node);
            } else if (award.priceMicroTokens() > ceiling) {
                return tooDear(job, award.priceMicroTokens(), ceiling, steps, touched);
            }
        }
        return new PlacementFailure(job.jobId(), List.of(new Reason(Resource.MARKET, rounds, 0, "market: " + rounds
                + " fill-or-kill attempts refused (1 + " + parameters.bidRetries() + " retries); last: " + lastRefusal)),
                false, steps, touched);
    }

    /** Indexes of the quote's slots, available ones first, by price, ties in distance order (a stable sort). */
    private static int[] rankByPrice(Quote q) {
        int k = q.size();
        if (k > 32) {
            return java.util.stream.IntStream.range(0, k).boxed()
                    .sorted(java.util.Comparator.<Integer, Boolean>comparing(i -> !q.available(i)).thenComparingLong(q::price))
                    .mapToInt(Integer::intValue).toArray();
        }
        int[] order = new int[k];
        for (int i = 0; i < k; i++) order[i] = i;
        for (int i = 1; i < k; i++) {
            int v = order[i];
            int j = i - 1;
            while (j >= 0 && before(q, v, order[j])) {
                order[j + 1] = order[j];
                j--;
            }
            order[j + 1] = v;
        }
        return order;
    }

    private static boolean before(Quote q, int a, int b) {
        if (q.available(a) != q.available(b)) return q.available(a);
        return q.price(a) < q.price(b);
    }

    private PlacementFailure tooDear(JobRequest job, long price, long ceiling, int steps, int touched) {
        return new PlacementFailure(job.jobId(), List.of(new Reason(Resource.TOKENS, price, ceiling, "tokens: needs "
                + price + " micro-tokens for " + job.tasks() + " tasks, bid ceiling is " + ceiling
                + " micro-tokens (short by " + (price - ceiling) + " micro-tokens)")), false, steps, touched);
    }

    /** No room (enough) near the landing point: never, if the candidates could not hold it even empty; else now. */
    private PlacementFailure notNow(JobRequest job, BitSet candidates, Neighbours landed, int slotsFound,
                                    int freeNodes, int excludedCount, int budget, int steps, int touched) {
        if (candidates != null) {
            List<Reason> never = catalog.neverFits(job, candidates);
            if (!never.isEmpty()) return new PlacementFailure(job.jobId(), never, true, steps, touched);
        }
        long candidateCount = candidates == null ? topology.nodeCount() : candidates.cardinality();
        String excludedNote = excludedCount == 0 ? "" : " after leaving out " + excludedCount + " nodes the market refused";
        List<Reason> reasons = new ArrayList<>(1);
        if (landed.size() == 0) {
            String where = landed.complete() ? "0 of " + candidateCount + " candidates fit"
                    : "0 of the " + landed.nodesInspected() + " nodes searched near the landing point fit ("
                    + candidateCount + " candidates; search budget " + budget + " nodes)";
            reasons.add(new Reason(Resource.NODES, 1, 0, "no candidate node is free now: " + where + excludedNote));
        } else {
            String where = landed.complete() ? " of " + candidateCount + " candidates"
                    : " nearest the landing point (search budget " + budget + " nodes, "
                    + candidateCount + " candidates)";
            reasons.add(new Reason(Resource.TASK_SLOTS, job.tasks(), slotsFound, "task slots: needs room for "
                    + job.tasks() + " tasks now, the " + freeNodes + " free nodes" + where + " hold " + slotsFound
                    + " (short by " + (job.tasks() - slotsFound) + " tasks)" + excludedNote));
        }
        return new PlacementFailure(job.jobId(), reasons, false, steps, touched);
    }

    /** Nodes left out of a decision's later rounds: a small sorted set. */
    private static final class Exclusions {
        private int[] nodes = new int[8];
        private int size;

        boolean contains(int node) {
            return size > 0 && Arrays.binarySearch(nodes, 0, size, node) >= 0;
        }

        void add(int node) {
            int at = Arrays.binarySearch(nodes, 0, size, node);
            if (at >= 0) return;
            at = -at - 1;
            if (size == nodes.length) nodes = Arrays.copyOf(nodes, 2 * size);
            System.arraycopy(nodes, at, nodes, at + 1, size - at);
            nodes[at] = node;
            size++;
        }

        int size() {
            return size;
        }
    }
}

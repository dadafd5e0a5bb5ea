package io.teg.bridge;

import io.teg.agent.AgentParameters;
import io.teg.agent.AnalyticLandscape;
import io.teg.agent.FreeResources;
import io.teg.agent.JobTerms;
import io.teg.agent.Landscape;
import io.teg.agent.Placement;
import io.teg.agent.PlacementEngine;
import io.teg.agent.PlacementFailure;
import io.teg.agent.PlacementResult;
import io.teg.agent.PostedPriceMarket;
import io.teg.model.JobRequest;
import io.teg.model.Layout;
import io.teg.model.NodeSpec;
import io.teg.model.TaskShape;
import io.teg.model.Topology;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleFunction;
import java.util.function.LongSupplier;
import java.util.random.RandomGenerator;

/**
 * TEG's part in slurmctld's decisions: ranks the candidate nodes of a job with the {@link PlacementEngine}, and keeps
 * the zone ledgers' leases in step with what Slurm really started.
 *
 * <h2>Ranking</h2>
 * TEG ranks by what Slurm counts free at the call ({@link SlurmView}): before each decision the engine's view of
 * the candidates is set to Slurm's numbers, so a decline means that Slurm itself has no room there; TEG's own state
 * only sets the scores (prices, field). A Slurm job asking for at least {@code minNodes} nodes and {@code minCpus} CPUs becomes a gang of
 * {@code t = nodesWanted} tasks of ⌈minCpus / t⌉ CPUs each. The engine places that gang on the candidates; the
 * distinct nodes it chose come first, best first. When the engine packed several tasks on one node and so named
 * fewer than {@code t} nodes, the nearest further candidates to its landing point (Euclidean, in the machine-room
 * plane) are added until there are {@code t}. When the engine finds no room, TEG declines (an empty ranking): Slurm
 * then decides over all candidates, and nothing is counted as a fault. A one-node job (t = 1, the bulk of a
 * scheduler's calls) skips the engine's walk: {@link #rankOne} picks the cheapest candidate slot in O(candidates).
 *
 * <h2>Whole-node jobs</h2>
 * A job that takes whole nodes ({@code --exclusive}) gets a contiguous block: {@code t} consecutive nodes (in the
 * topology's order, which is slurm.conf's) that are candidates and wholly free. Among the runs of such nodes, runs
 * inside one rack come first, then the tightest run (least left over, so large runs stay whole), then the lowest
 * index. With no such run TEG declines, and cons_tres places the job on whatever it finds.
 *
 * <h2>Leases</h2>
 * {@link #begin} allocates the job on the engine's {@link FreeResources} and opens one lease per node with the
 * {@link ZoneLedgers}: the grid's ({@link GridZoneLedgers}) while a grid client is configured and available, else the
 * ledgers inside slurmctld ({@link LocalZoneLedgers}) (a real bid that clears on arrival, paid from the job's account: {@code class-<name>} for a job
 * with {@code --teg-class=name}, else {@code uid-<uid>}; each account is minted
 * {@link #ACCOUNT_MINT_MICROS} once); {@link #fini} frees the resources and releases (settles) every lease of the
 * job, with the ledgers that opened them. Slurm is the authority: a lease the ledger refuses is logged and counted, and the job runs regardless.
 *
 * <p>Not thread-safe: the bridge thread is its only caller.
 */
public final class SlurmPlacement {

    /** Tokens given once to each account seen, µtokens (10^11 tokens: the in-controller ledger only records). */
    public static final long ACCOUNT_MINT_MICROS = 100_000_000_000_000_000L;
    /** Rate bid for each lease, µtokens per unit-second (well above the default reserve price). */
    public static final long LEASE_RATE_MICROS = 10_000L;

    /** The most GPUs per node the engine models ({@link NodeSpec}); a job asking more is declined. */
    static final int MAX_GPUS_PER_NODE = 64;

    /** Throw-away decisions run once the first node table is known, and the most time they may take. */
    static final int WARM_UP_DECISIONS = 2_000;
    static final long WARM_UP_NANOS = 3_000_000_000L;

    private final DecisionLog log;
    private final LongSupplier nanoClock;
    private final RandomGenerator random;

    private Topology topology;
    private FreeResources free;      // what the open leases hold (begin / fini)
    private FreeResources view;      // Slurm's free resources on the candidates of the current decision
    private PlacementEngine engine;
    private PostedPriceMarket market;
    private double anchorX;                 // where the last one-node job went, metres in the machine-room plane
    private double anchorY;
    private int[] topoOfSlurm = new int[0];   // slurm index -> topology index, -1 when unknown
    private int[] slurmOfTopo = new int[0];
    private final LocalZoneLedgers local;
    private final ZoneLedgers grid;             // null without a grid client
    private final DoubleFunction<? extends Landscape> landscape;
    private final Map<Long, Running> running = new HashMap<>();

    private long decisions;
    private long declined;

    private record Running(long jobId, String account, int[] topoNodes, TaskShape[] perNode, long[] gpuMasks,
                           ZoneLedgers ledgers) {
    }

    /**
     * @param log where each decision and lease goes
     * @param nanoClock a monotone clock, nanoseconds (the ledger's time stamps)
     * @param random the engine's random source
     */
    public SlurmPlacement(DecisionLog log, LongSupplier nanoClock, RandomGenerator random) {
        this(log, nanoClock, random, null, AnalyticLandscape.flat()::ahead);
    }

    /**
     * @param log where each decision and lease goes
     * @param nanoClock a monotone clock, nanoseconds (the ledger's time stamps)
     * @param random the engine's random source
     * @param grid the grid's ledgers, or null for the local ones only
     * @param landscape the field seen {@code Δt} seconds ahead, read from what is cached (no network call)
     */
    SlurmPlacement(DecisionLog log, LongSupplier nanoClock, RandomGenerator random, ZoneLedgers grid,
                   DoubleFunction<? extends Landscape> landscape) {
        this.log = log;
        this.nanoClock = nanoClock;
        this.random = random;
        this.local = new LocalZoneLedgers(log, nanoClock);
        this.grid = grid;
        this.landscape = landscape;
    }

    /** Replaces the node table (start-up and every reconfiguration); running jobs are carried over by node name. */
    public void setNodes(List<SlurmNode> nodes) {
        if (nodes.isEmpty()) throw new IllegalArgumentException("slurmctld sent an empty node table");
        List<SlurmNode> sorted = new ArrayList<>(nodes);
        sorted.sort((a, b) -> Integer.compare(a.index(), b.index()));
        List<NodeSpec> specs = new ArrayList<>(sorted.size());
        int maxIndex = 0;
        for (SlurmNode n : sorted) {
            int cpuMilli = Math.multiplyExact(n.cpus(), 1000);
            // Slurm's GPUs are counted, not told apart: one model (id 0) for every GPU node
            specs.add(n.gpus() > 0 ? new NodeSpec(n.name(), cpuMilli, n.memMiB(), n.gpus(), "gpu", 0)
                    : NodeSpec.cpuOnly(n.name(), cpuMilli, n.memMiB()));
            maxIndex = Math.max(maxIndex, n.index());
        }
        Topology old = topology;

        topology = new Topology(specs, Layout.DEFAULT);
        free = new FreeResources(topology);
        view = new FreeResources(topology);
        topoOfSlurm = new int[maxIndex + 1];
        Arrays.fill(topoOfSlurm, -1);
        slurmOfTopo = new int[sorted.size()];
        for (int t = 0; t < sorted.size(); t++) {
            topoOfSlurm[sorted.get(t).index()] = t;
            slurmOfTopo[t] = sorted.get(t).index();
        }
        market = new PostedPriceMarket(topology, view, node -> 1.0, 1_000_000L, 0.1);
        engine = new PlacementEngine(topology, view, market, landscape, this::terms, AgentParameters.defaults(), random);
        local.nodeTable(topology);
        if (grid != null) grid.nodeTable(topology);
        if (old == null) warmUp();

        // jobs that were running keep their resources (matched by node name); their leases move to the new books
        Map<String, Integer> newByName = new HashMap<>();
        for (int i = 0; i < topology.nodeCount(); i++) newByName.put(topology.node(i).name(), i);
        Map<Long, Running> carried = new HashMap<>();
        for (Running r : running.values()) {
            List<Integer> nodesNow = new ArrayList<>();
            List<TaskShape> shapesNow = new ArrayList<>();
            for (int i = 0; i < r.topoNodes().length; i++) {
                int t = newByName.getOrDefault(old.node(r.topoNodes()[i]).name(), -1);
                if (t < 0) continue;
                nodesNow.add(t);
                shapesNow.add(r.perNode()[i]);
            }
            carried.put(r.jobId(), open(r.jobId(), r.account(), nodesNow.stream().mapToInt(Integer::intValue).toArray(),
                    shapesNow.toArray(TaskShape[]::new), r.ledgers()));
        }
        running.clear();
        running.putAll(carried);
        log.line("nodes count=" + sorted.size() + " zones=" + topology.zoneCount() + " carried_jobs=" + carried.size());
    }

    /** Runs a few hundred throw-away decisions, so that the first real ones do not pay for class loading and JIT. */
    private void warmUp() {
        int n = topology.nodeCount();
        int[] nodes = new int[n];
        for (int t = 0; t < n; t++) nodes[t] = slurmOfTopo[t];
        SlurmView idle = SlurmView.allFree(nodes, topology.node(0).cpuMilli() / 1000, topology.node(0).memMiB());
        long until = nanoClock.getAsLong() + WARM_UP_NANOS;
        long decided = decisions;
        long refused = declined;
        warming = true;
        try {
            // both ranking paths (one node, and the engine's gangs), with the string building of their log lines
            for (int i = 0; i < WARM_UP_DECISIONS && nanoClock.getAsLong() < until; i++)
                rank(new JobQuestion(-1 - i, 0, 1 + (i & 1), 1 + (i & 1), 1 + (i & 1), 1 + (i & 1), 0, 1, 0, false),
                        idle);
        } finally {
            warming = false;
            decisions = decided;
            declined = refused;
            anchorX = 0;
            anchorY = 0;
        }
    }

    /** Set while {@link #warmUp} runs: its decisions are not logged. */
    private boolean warming;

    /**
     * Logs a decision or a decline after the answer is out ({@link DecisionLog#later}): the line's recipe captures
     * values only (the topology of the moment, the elapsed time), as a node table may change before it runs.
     */
    private void decided(java.util.function.Supplier<String> line) {
        if (!warming) log.later(line);
    }

    /** The job being decided: its --teg-bid is the bid ceiling, its --teg-sla the agent's SLA priority. */
    private JobQuestion deciding;

    /** The account of each job TEG was asked about and that has not begun yet (its --teg-class), bounded. */
    private final Map<Long, String> accountOfJob = new java.util.LinkedHashMap<>(64, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, String> eldest) {
            return size() > 16_384;
        }
    };

    private JobTerms terms(JobRequest job) {
        JobQuestion q = deciding;
        long ceiling = q != null && q.bidMicroTokens() > 0 ? q.bidMicroTokens() : Long.MAX_VALUE / 4;
        double sla = q != null ? q.sla().priority() : Sla.NONE.priority();
        return new JobTerms(ACCOUNT_MINT_MICROS, ceiling, sla, 0.0);
    }

    /**
     * Ranks the candidates of {@code slurm} for {@code q}, by what Slurm counts free on them now.
     *
     * @return Slurm node indexes, best first, each one of the candidates; empty when TEG declines
     */
    public int[] rank(JobQuestion q, SlurmView slurm) {
        long t0 = nanoClock.getAsLong();
        if (engine == null) throw new IllegalStateException("no node table yet");
        int[] candidates = slurm.nodes();
        BitSet allowed = new BitSet(topology.nodeCount());
        int maxFreeCpus = 0;
        for (int i = 0; i < candidates.length; i++) {
            int c = candidates[i];
            int t = c >= 0 && c < topoOfSlurm.length ? topoOfSlurm[c] : -1;
            if (t < 0) continue;
            allowed.set(t);
            maxFreeCpus = Math.max(maxFreeCpus, slurm.freeCpus()[i]);
            view.setFree(t, (int) Math.min(Integer.MAX_VALUE / 2, slurm.freeCpus()[i] * 1000L), slurm.freeMemMiB()[i],
                    slurm.freeGpus()[i]);
        }
        if (q.account().startsWith("class-")) accountOfJob.put(q.jobId(), q.account());
        else accountOfJob.remove(q.jobId());
        int nodes = q.nodesWanted();
        if (q.gpusPerNode() > MAX_GPUS_PER_NODE) {
            declined++;
            long ns = elapsed(t0);
            int candidateCount = candidates.length;
            decided(() -> "declined job=" + q.jobId() + " candidates=" + candidateCount + " reason=\"the job asks "
                    + q.gpusPerNode() + " GPUs per node, TEG models at most " + MAX_GPUS_PER_NODE + "\"" + terms(q)
                    + " latency_us=" + micros(ns));
            return new int[0];
        }
        if (q.wholeNodes()) return rankBlock(q, candidates, allowed, nodes, t0);
        int cpusPerNode = Math.max(1, (q.minCpus() + nodes - 1) / nodes);
        // a job free to use more nodes whose CPUs no candidate holds alone (sbatch -n 26 on 4-CPU nodes): one-CPU
        // tasks, which the engine packs onto as few nodes as it can, as Slurm spreads the job's tasks
        // (not a GPU job: its GPUs are asked per node, so its node count is what it is)
        boolean split = q.nodeCountFlexible() && cpusPerNode > maxFreeCpus && q.gpusPerNode() == 0;
        int tasks = split ? Math.max(q.minCpus(), nodes) : nodes;
        int cpusPerTask = split ? 1 : cpusPerNode;
        long mem = split ? q.memPerCpuMiB() : q.memMiBFor(cpusPerTask);
        TaskShape shape = q.gpusPerNode() > 0 ? new TaskShape(cpusPerTask * 1000, mem, q.gpusPerNode(), 1000, 0L)
                : TaskShape.cpu(cpusPerTask * 1000, mem);
        if (tasks == 1) return rankOne(q, candidates.length, allowed, shape, t0);
        JobRequest job = new JobRequest(q.jobId(), q.account(), tasks, shape, q.timeLimitS(),
                (int) Math.min(Integer.MAX_VALUE, q.priority()));
        deciding = q;
        Placement p;
        try {
            p = engine.place(job, allowed);
        } finally {
            deciding = null;
        }
        int candidateCount = candidates.length;
        if (p instanceof PlacementFailure f) {
            declined++;
            String room = room(allowed, shape, tasks);
            long ns = elapsed(t0);
            decided(() -> "declined job=" + q.jobId() + " candidates=" + candidateCount + " reason=\""
                    + (f.reasons().isEmpty() ? "" : f.reasons().getFirst().message().replace('"', '\''))
                    + "\"" + room + terms(q) + " latency_us=" + micros(ns));
            return new int[0];
        }
        PlacementResult r = (PlacementResult) p;
        int[] chosen = r.distinctNodes();
        int[] ranked = chosen.length >= nodes ? chosen
                : padNearest(chosen, allowed, nodes, shape, r.landingXM(), r.landingYM());
        if (ranked.length < nodes) {
            declined++;
            String room = room(allowed, shape, tasks);
            long ns = elapsed(t0);
            int hosts = ranked.length;
            decided(() -> "declined job=" + q.jobId() + " candidates=" + candidateCount + " reason=\"the job needs "
                    + nodes + " distinct nodes, " + hosts + " candidates can host one of its tasks\""
                    + room + terms(q) + " latency_us=" + micros(ns));
            return new int[0];
        }
        int[] out = new int[ranked.length];
        for (int i = 0; i < ranked.length; i++) out[i] = slurmOfTopo[ranked[i]];
        decisions++;
        long ns = elapsed(t0);
        Topology topo = topology;
        String seen = seen(ranked);
        decided(() -> "decision job=" + q.jobId() + " ranked=" + names(topo, ranked) + " candidates="
                + candidateCount + (split ? " tasks=" + tasks + "x1cpu" : "") + seen + terms(q) + " latency_us="
                + micros(ns));
        return out;
    }

    /**
     * A one-node job, in O(candidates) without the engine's walk: among the candidates that hold {@code shape} in
     * Slurm's count, the cheapest slot by the posted reserve price (Eq. 6 of {@link PostedPriceMarket}), ties to the
     * candidate nearest where the previous one-node job went (so that consecutive small jobs gather, as the agent's
     * walk from its last position would), then the lowest index. A price above the job's bid ceiling declines.
     */
    private int[] rankOne(JobQuestion q, int candidateCount, BitSet allowed, TaskShape shape, long t0) {
        int best = -1;
        long bestPrice = Long.MAX_VALUE;
        double bestD2 = Double.MAX_VALUE;
        for (int t = allowed.nextSetBit(0); t >= 0; t = allowed.nextSetBit(t + 1)) {
            if (!view.canHost(t, shape)) continue;
            long price = market.slotPrice(t, shape);
            double dx = topology.x(t) - anchorX;
            double dy = topology.y(t) - anchorY;
            double d2 = dx * dx + dy * dy;
            if (price < bestPrice || (price == bestPrice && d2 < bestD2)) {
                best = t;
                bestPrice = price;
                bestD2 = d2;
            }
        }
        long ceiling = q.bidMicroTokens() > 0 ? q.bidMicroTokens() : Long.MAX_VALUE / 4;
        if (best < 0 || bestPrice > ceiling) {
            declined++;
            String why = best < 0 ? "no candidate holds the job now in Slurm's count"
                    : "tokens: needs " + bestPrice + " micro-tokens, bid ceiling is " + ceiling + " micro-tokens";
            String room = room(allowed, shape, 1);
            long ns = elapsed(t0);
            decided(() -> "declined job=" + q.jobId() + " candidates=" + candidateCount + " reason=\"" + why + "\""
                    + room + terms(q) + " latency_us=" + micros(ns));
            return new int[0];
        }
        anchorX = topology.x(best);
        anchorY = topology.y(best);
        decisions++;
        long ns = elapsed(t0);
        String name = topology.node(best).name();
        long price = bestPrice;
        String seen = seen(new int[] {best});
        decided(() -> "decision job=" + q.jobId() + " ranked=" + name + " candidates=" + candidateCount
                + " price_micros=" + price + seen + terms(q) + " latency_us=" + micros(ns));
        return new int[] {slurmOfTopo[best]};
    }

    /**
     * The room the candidates had, in Slurm's numbers, for a decline's log line: the job's need ({@code tasks} of
     * {@code shape}), the candidates that could host one task, the tasks they could host in all, and their free CPUs
     * (total and the most on one node) and memory (the most on one node).
     */
    private String room(BitSet allowed, TaskShape shape, int tasks) {
        int fit = 0;
        long hostable = 0;
        long cpus = 0;
        int maxCpus = 0;
        long maxMem = 0;
        for (int t = allowed.nextSetBit(0); t >= 0; t = allowed.nextSetBit(t + 1)) {
            int h = view.hostable(t, shape, tasks);
            if (h > 0) fit++;
            hostable += h;
            cpus += view.freeCpuMilli(t) / 1000;
            maxCpus = Math.max(maxCpus, view.freeCpuMilli(t) / 1000);
            maxMem = Math.max(maxMem, view.freeMemMiB(t));
        }
        int maxGpus = 0;
        for (int t = allowed.nextSetBit(0); t >= 0; t = allowed.nextSetBit(t + 1))
            maxGpus = Math.max(maxGpus, view.freeWholeGpus(t));
        return " need=" + tasks + "x" + shape.cpuMilli() / 1000 + "cpu" + (shape.memMiB() > 0 ? "x" + shape.memMiB()
                + "MiB" : "") + (shape.gpus() > 0 ? "x" + shape.gpus() + "gpu" : "") + " fit_nodes=" + fit
                + " hostable_tasks=" + hostable + " free_cpus=" + cpus + " max_free_cpus=" + maxCpus
                + " max_free_mem_mib=" + maxMem + (shape.gpus() > 0 ? " max_free_gpus=" + maxGpus : "");
    }

    private int[] rankBlock(JobQuestion q, int[] candidates, BitSet allowed, int k, long t0) {
        int perRack = topology.layout().nodesPerRack();
        int bestStart = -1;
        int bestLen = 0;
        boolean bestInRack = false;
        int n = topology.nodeCount();
        int wholly = 0;
        for (int i = 0; i < n; ) {
            if (!wholeFree(allowed, i)) {
                i++;
                continue;
            }
            int start = i;
            while (i < n && wholeFree(allowed, i)) i++;
            int len = i - start;
            wholly += len;
            if (len < k) continue;
            // inside the run, the first k-window within one rack, if any
            int at = start;
            boolean inRack = false;
            for (int s = start; s + k <= i; s++) {
                if (s / perRack == (s + k - 1) / perRack) {
                    at = s;
                    inRack = true;
                    break;
                }
            }
            boolean better = bestStart < 0 || (inRack && !bestInRack)
                    || (inRack == bestInRack && len < bestLen);
            if (better) {
                bestStart = at;
                bestLen = len;
                bestInRack = inRack;
            }
        }
        int candidateCount = candidates.length;
        if (bestStart < 0) {
            declined++;
            long ns = elapsed(t0);
            int whollyFree = wholly;
            decided(() -> "declined job=" + q.jobId() + " candidates=" + candidateCount + " reason=\"no " + k
                    + " consecutive wholly free candidate nodes\" need=" + k + "x(whole node) wholly_free_nodes="
                    + whollyFree + terms(q) + " latency_us=" + micros(ns));
            return new int[0];
        }
        int[] block = new int[k];
        int[] slurm = new int[k];
        for (int i = 0; i < k; i++) {
            block[i] = bestStart + i;
            slurm[i] = slurmOfTopo[bestStart + i];
        }
        decisions++;
        long ns = elapsed(t0);
        Topology topo = topology;
        String seen = seen(block);
        decided(() -> "decision job=" + q.jobId() + " ranked=" + names(topo, block) + " candidates=" + candidateCount
                + " block=" + k + seen + terms(q) + " latency_us=" + micros(ns));
        return slurm;
    }

    /**
     * What Slurm counted free on the ranked nodes at this call, for a decision's log line: {@code free_cpus} (CPUs)
     * and {@code free_mem_mib} (MiB), one comma-separated entry per ranked node, in the ranked order.
     */
    private String seen(int[] topo) {
        StringBuilder cpus = new StringBuilder(" free_cpus=");
        StringBuilder mem = new StringBuilder(" free_mem_mib=");
        StringBuilder gpus = new StringBuilder(" free_gpus=");
        boolean anyGpus = false;
        for (int i = 0; i < topo.length; i++) {
            if (i > 0) {
                cpus.append(',');
                mem.append(',');
                gpus.append(',');
            }
            cpus.append(view.freeCpuMilli(topo[i]) / 1000);
            mem.append(view.freeMemMiB(topo[i]));
            gpus.append(view.freeWholeGpus(topo[i]));
            anyGpus |= topology.node(topo[i]).gpus() > 0;
        }
        return cpus.append(mem).append(anyGpus ? gpus : "").toString();
    }

    private boolean wholeFree(BitSet allowed, int node) {
        return allowed.get(node) && view.freeCpuMilli(node) == topology.node(node).cpuMilli();
    }

    private static String terms(JobQuestion q) {
        return (q.bidMicroTokens() > 0 ? " bid_micros=" + q.bidMicroTokens() : "")
                + (q.sla() != Sla.NONE ? " sla=" + q.sla().name().toLowerCase(java.util.Locale.ROOT) : "")
                + (q.jobClass().isEmpty() ? "" : " class=" + q.jobClass());
    }

    /** Adds to {@code chosen} the candidates nearest to (x, y) that can host one {@code task}, up to {@code want}. */
    private int[] padNearest(int[] chosen, BitSet allowed, int want, TaskShape task, double x, double y) {
        BitSet taken = new BitSet();
        for (int c : chosen) taken.set(c);
        List<Integer> rest = new ArrayList<>();
        for (int i = allowed.nextSetBit(0); i >= 0; i = allowed.nextSetBit(i + 1))
            if (!taken.get(i) && view.canHost(i, task)) rest.add(i);
        rest.sort((a, b) -> Double.compare(Math.hypot(topology.x(a) - x, topology.y(a) - y),
                Math.hypot(topology.x(b) - x, topology.y(b) - y)));
        int[] out = Arrays.copyOf(chosen, Math.min(want, chosen.length + rest.size()));
        for (int i = chosen.length; i < out.length; i++) out[i] = rest.get(i - chosen.length);
        return out;
    }

    /** As {@link #begin(long, long, int[], int[], int[])}, for a job that holds no GPUs. */
    public void begin(long jobId, long userId, int[] slurmNodes, int[] cpus) {
        begin(jobId, userId, slurmNodes, cpus, new int[slurmNodes.length]);
    }

    /**
     * Slurm started {@code jobId}: {@code cpus[i]} CPUs and {@code gpus[i]} whole GPUs on Slurm node
     * {@code slurmNodes[i]}. Allocates them and opens one lease per node, priced per GPU on a node where the job holds
     * GPUs and per core elsewhere ({@link io.teg.ledger.Demand#units()}). For a job that holds leases already (Slurm
     * resized or expanded it), those are settled first and the new ones are opened for the same account; with no
     * node left, the job only settles. GPU counts above {@link #MAX_GPUS_PER_NODE} are held at that bound.
     */
    public void begin(long jobId, long userId, int[] slurmNodes, int[] cpus, int[] gpus) {
        if (engine == null) throw new IllegalStateException("no node table yet");
        if (cpus.length != slurmNodes.length || gpus.length != slurmNodes.length)
            throw new IllegalArgumentException("job " + jobId + ": " + slurmNodes.length + " nodes but " + cpus.length
                    + " CPU counts and " + gpus.length + " GPU counts");
        List<Integer> topo = new ArrayList<>();
        List<TaskShape> shapes = new ArrayList<>();
        for (int i = 0; i < slurmNodes.length; i++) {
            int s = slurmNodes[i];
            int t = s >= 0 && s < topoOfSlurm.length ? topoOfSlurm[s] : -1;
            if (t < 0) continue;
            topo.add(t);
            int g = Math.min(MAX_GPUS_PER_NODE, Math.max(0, gpus[i]));
            shapes.add(new TaskShape(Math.max(1, cpus[i]) * 1000, 0, g, g > 0 ? 1000 : 0, 0L));
        }
        String account = accountOfJob.remove(jobId);
        Running previous = running.remove(jobId);
        if (previous != null) {
            close(previous);
            if (account == null) account = previous.account();
        }
        if (topo.isEmpty()) return;
        ZoneLedgers ledgers = grid != null && grid.available() ? grid : local;
        running.put(jobId, open(jobId, account != null ? account : account(userId),
                topo.stream().mapToInt(Integer::intValue).toArray(), shapes.toArray(TaskShape[]::new), ledgers));
    }

    private Running open(long jobId, String account, int[] topo, TaskShape[] perNode, ZoneLedgers ledgers) {
        long[] masks = new long[topo.length];
        for (int i = 0; i < topo.length; i++)
            masks[i] = free.canHost(topo[i], perNode[i]) ? free.allocate(topo[i], perNode[i]) : -1L;
        ledgers.open(jobId, account, topo, perNode);
        return new Running(jobId, account, topo, perNode, masks, ledgers);
    }

    /** Slurm finished {@code jobId}: free its resources and settle its leases. Unknown jobs are ignored. */
    public void fini(long jobId) {
        Running r = running.remove(jobId);
        if (r != null) close(r);
    }

    private void close(Running r) {
        for (int i = 0; i < r.topoNodes().length; i++)
            if (r.gpuMasks()[i] != -1L) free.release(r.topoNodes()[i], r.perNode()[i], r.gpuMasks()[i]);
        r.ledgers().settle(r.jobId());
    }

    /**
     * What slurmctld did with TEG's last ranking for {@code jobId}: {@code used} (allocated within it), {@code unfit}
     * (cons_tres needed every candidate) or {@code late} (the answer missed DecisionTimeout). Logged only.
     */
    public void outcome(long jobId, String what) {
        log.later(() -> "outcome job=" + jobId + " " + what);
    }

    /** Leases open now, over every zone. */
    public int openLeases() {
        return local.openLeases() + (grid != null ? grid.openLeases() : 0);
    }

    /** Stops the grid client, if any (slurmctld is shutting down). */
    public void close() {
        if (grid != null) grid.close();
    }

    /** Jobs TEG ranked nodes for, declined, and leases the ledger refused, since start. */
    public String counters() {
        return "decisions=" + decisions + " declined=" + declined + " lease_rejects=" + (local.rejects() + (grid != null ? grid.rejects() : 0))
                + " running=" + running.size() + " open_leases=" + openLeases()
                + (grid instanceof GridZoneLedgers g ? " grid=" + (g.available() ? "up" : "down") + " grid_lost=" + g.lost()
                        : "");
    }

    private static String account(long userId) {
        return "uid-" + userId;
    }

    /** {@code " gpus=a,b,..."} per node when the job holds GPUs anywhere; empty otherwise. */
    static String gpus(TaskShape[] perNode) {
        boolean any = false;
        for (TaskShape t : perNode) any |= t.gpus() > 0;
        if (!any) return "";
        StringBuilder g = new StringBuilder(" gpus=");
        for (int i = 0; i < perNode.length; i++) g.append(i == 0 ? "" : ",").append(perNode[i].gpus());
        return g.toString();
    }

    /** The CPUs of each node's share, comma-separated, for the log. */
    static String cpus(TaskShape[] perNode) {
        StringBuilder cpus = new StringBuilder();
        for (TaskShape t : perNode) cpus.append(cpus.isEmpty() ? "" : ",").append(t.cpuMilli() / 1000);
        return cpus.toString();
    }

    /** The names of topology nodes {@code topo}, comma-separated, for the log. */
    static String names(Topology topology, int[] topo) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < topo.length; i++) {
            if (i > 0) b.append(',');
            b.append(topology.node(topo[i]).name());
        }
        return b.toString();
    }

    /** Nanoseconds since {@code t0} on the placement's clock. */
    private long elapsed(long t0) {
        return nanoClock.getAsLong() - t0;
    }

    /** Nanoseconds as microseconds with one decimal. */
    private static String micros(long nanos) {
        return String.format(java.util.Locale.ROOT, "%.1f", nanos / 1000.0);
    }
}

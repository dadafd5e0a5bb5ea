package io.teg.sim.teg;

import io.teg.agent.Award;
import io.teg.agent.Feasibility;
import io.teg.agent.Quote;
import io.teg.agent.SlotMarket;
import io.teg.ledger.Audit;
import io.teg.ledger.Bid;
import io.teg.ledger.CloseAuction;
import io.teg.ledger.Demand;
import io.teg.ledger.Fill;
import io.teg.ledger.InMemoryJournal;
import io.teg.ledger.LedgerBook;
import io.teg.ledger.LedgerConfig;
import io.teg.ledger.Mint;
import io.teg.ledger.MultiplicativePricing;
import io.teg.ledger.PriceBasis;
import io.teg.ledger.Reject;
import io.teg.ledger.Release;
import io.teg.ledger.Result;
import io.teg.ledger.Target;
import io.teg.ledger.TaxRate;
import io.teg.ledger.Tick;
import io.teg.model.JobRequest;
import io.teg.model.NodeSpec;
import io.teg.model.TaskShape;
import io.teg.model.Topology;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The agent's {@link SlotMarket} seam over one production {@link LedgerBook} per zone (zones from
 * {@link Topology#zoneOf}). The book is the synchronous matching core that a {@code ZoneLedger} runs on its
 * Disruptor thread; the simulator is single-threaded and replays in order, so it drives the book directly.
 *
 * <h2>Slots to orders</h2>
 * The agent asks for slots (one task on one node). The slots of one job on one node become one ledger order for
 * the sum of their demands ({@link Demand}: CPU thousandths, MiB, whole GPUs; a task sharing a GPU is priced on its
 * CPU and memory only, its GPU share is checked against the cluster). A slot is available only when the ledger
 * would fill its node's order <em>and</em> the cluster's {@link Feasibility} says the tasks fit, so the ledger and
 * the simulator's allocation can never disagree.
 *
 * <ul>
 *   <li>{@link #probe}: one <em>virtual</em> fill-or-kill {@link Bid} per node; it locks, pays and records
 *       nothing. The price of a slot is the node's quoted price divided by its tasks.</li>
 *   <li>{@link #bid}: one real {@link Bid} per node, all entering the zone's auction window, then
 *       {@link CloseAuction}: the window clears (second price, burned). If any order of the job is rejected, the
 *       leases it did win are released at once, so a gang never holds part of its slots.</li>
 *   <li>{@link #assign}: the won leases are filed under the job's index before its tasks are bound;
 *       {@link #release}: on job end (or when the bind failed) every lease of the job is released.</li>
 * </ul>
 *
 * <h2>Tokens</h2>
 * Every job bids truthfully at its ceiling rate {@code base × ceilingMultiple} µtokens per unit-second for its
 * requested time limit; it pays the clearing rate (the reserve when it bids alone). Before the job is priced in a
 * zone, its account is topped up there to cover the whole job at that rate: {@code max(0, need − balance)} is
 * minted ({@link Mint}). That is a per-job endowment, simpler than the governor's per-epoch energy-share mint,
 * which needs per-account energy shares the traces do not carry. The top-up is a command of its own, issued before
 * the virtual bid; the virtual bid itself changes nothing. {@link #subsidise} mints a cold-stasis subsidy, and
 * {@link #epoch} ticks every book (window, holding tax, wallet decay) and sets the holding tax γ. Every µtoken
 * comes from a {@link Mint}, so each book's {@link Audit} stays balanced.
 *
 * <h2>Ledger settings</h2>
 * The production defaults ({@link LedgerConfig#defaults}) except: eviction is switched off (μ = 10¹⁵), as the
 * simulator has no preemption and a lease the cluster runs must stay; memory has no reserve fraction (C_max =
 * capacity), the cluster's own admission rule; GPU slots per node are the zone's largest GPU count rounded up to a
 * power of two.
 *
 * <p>Mutable and not thread-safe: one scheduler of one simulation owns it.
 */
final class LedgerSlotMarket implements SlotMarket {

    /** Bids are stamped in nanoseconds; the window is kept open this long and closed explicitly. */
    private static final long WINDOW_NANOS = 3_600L * 1_000_000_000L;
    /**
     * μ so large that no lease is ever evicted: the simulator has no preemption, so a lease the cluster runs must
     * stay. Every order carries mass 1.
     */
    private static final double NO_EVICTION_FRICTION = 1e15;

    private final Topology topology;
    private final Feasibility feasibility;
    private final LedgerBook[] books;
    private final int[] zone;
    private final int[] local;
    private final int[][] globalOf;
    private final long ceilingRateMicros;
    private final Map<Integer, List<long[]>> leasesByJob = new HashMap<>();
    private final Map<Integer, String> accountByJob = new HashMap<>();
    private final Map<Integer, Double> pricePerMiBByJob = new HashMap<>();
    private List<long[]> won;
    private String wonAccount;
    private double wonPricePerMiB;
    private Result[] resultsHolder = new Result[16];
    private long nowNanos;
    private long rejectedOrders;
    private long filledOrders;

    /**
     * @param topology the nodes and their zones
     * @param feasibility what the cluster has free now
     * @param baseMicrosPerUnitSecond the ledger's base reserve rate, µtokens per unit-second (a unit is a GPU, or a
     *        CPU core for CPU-only demand)
     * @param ceilingMultiple the most a job pays per unit-second, as a multiple of the base rate, &ge; 1
     */
    LedgerSlotMarket(Topology topology, Feasibility feasibility, long baseMicrosPerUnitSecond, long ceilingMultiple) {
        if (baseMicrosPerUnitSecond < 1) throw new IllegalArgumentException("base rate must be >= 1 µtoken, got "
                + baseMicrosPerUnitSecond);
        if (ceilingMultiple < 1) throw new IllegalArgumentException("ceilingMultiple must be >= 1, got " + ceilingMultiple);
        this.topology = topology;
        this.feasibility = feasibility;
        this.ceilingRateMicros = Math.multiplyExact(baseMicrosPerUnitSecond, ceilingMultiple);
        int n = topology.nodeCount();
        int zones = topology.zoneCount();
        zone = new int[n];
        local = new int[n];
        int[] size = new int[zones];
        for (int i = 0; i < n; i++) {
            zone[i] = topology.zoneOf(i);
            local[i] = size[zone[i]]++;
        }
        globalOf = new int[zones][];
        for (int z = 0; z < zones; z++) globalOf[z] = new int[size[z]];
        for (int i = 0; i < n; i++) globalOf[zone[i]][local[i]] = i;
        books = new LedgerBook[zones];
        for (int z = 0; z < zones; z++) {
            if (size[z] == 0) continue;
            List<NodeSpec> specs = new ArrayList<>(size[z]);
            int maxGpus = 1;
            for (int g : globalOf[z]) {
                specs.add(topology.node(g));
                maxGpus = Math.max(maxGpus, topology.node(g).gpus());
            }
            LedgerConfig config = LedgerConfig.defaults(specs)
                    .withPricing(new MultiplicativePricing(baseMicrosPerUnitSecond))
                    .withGpusPerNode(ceilPow2(maxGpus))
                    .withAuctionWindowNanos(WINDOW_NANOS)
                    .withMaxBidsPerWindow(1024);
            config = new LedgerConfig(config.nodes(), config.gpusPerNode(), config.pricing(), config.decayPerSecond(),
                    config.frictionMicros(), config.holdingTaxMicrosPerUnitSecond(), NO_EVICTION_FRICTION, 0.0,
                    config.auctionWindowNanos(), config.maxBidsPerWindow());
            books[z] = new LedgerBook(config, new InMemoryJournal(), this::deliver);
        }
    }

    private static int ceilPow2(int v) {
        return v <= 1 ? 1 : Integer.highestOneBit(v - 1) << 1;
    }

    private void deliver(Object attachment, Result result) {
        if (attachment instanceof Integer i) {
            if (i >= resultsHolder.length) resultsHolder = Arrays.copyOf(resultsHolder, Math.max(i + 1, 2 * resultsHolder.length));
            resultsHolder[i] = result;
        }
    }

    /** Sets the ledgers' clock, seconds of simulated time; never goes back. */
    void at(long nowS) {
        nowNanos = Math.max(nowNanos, Math.multiplyExact(nowS, 1_000_000_000L));
    }

    /** The ceiling rate every job bids, µtokens per unit-second. */
    long ceilingRateMicros() {
        return ceilingRateMicros;
    }

    /** What a job may pay in one zone: its whole demand at the ceiling rate for its time limit, µtokens. */
    long needMicros(JobRequest job) {
        long units = Math.multiplyExact((long) job.tasks(), demand(job.task(), 1).units());
        return Math.multiplyExact(Math.multiplyExact(ceilingRateMicros, units), job.timeLimitS());
    }

    @Override
    public Quote probe(JobRequest job, int[] nodes, int count) {
        long[] groups = groups(nodes, count);
        long[] prices = new long[count];
        boolean[] available = new boolean[count];
        long total = 0;
        for (int g = 0; g < groups.length; ) {
            int node = (int) (groups[g] >>> 32);
            int end = g;
            while (end < groups.length && (int) (groups[end] >>> 32) == node) end++;
            int k = end - g;
            long price = -1;
            if (feasibility.hostable(node, job.task(), k) >= k) {
                endow(job, zone[node]);
                Result r = submit(zone[node], order(job, node, k).asProbe());
                if (r instanceof io.teg.ledger.Quote q) price = q.priceMicros();
            }
            for (int s = g; s < end; s++) {
                int slot = (int) groups[s];
                if (price >= 0) {
                    available[slot] = true;
                    prices[slot] = price / k + (s - g < price % k ? 1 : 0);
                    total = saturatingAdd(total, prices[slot]);
                }
            }
            g = end;
        }
        return new Quote(Arrays.copyOf(nodes, count), prices, available, total);
    }

    @Override
    public Award bid(JobRequest job, int[] nodes, int count, long bidMicroTokens) {
        Quote ask = probe(job, nodes, count);
        if (!ask.fillable()) {
            int[] refused = Arrays.stream(ask.nodes()).filter(n -> !slotAvailable(ask, n)).distinct().toArray();
            rejectedOrders++;
            return Award.rejected(Award.Rejection.SLOT_UNAVAILABLE, refused, 0, "slot unavailable: nodes "
                    + Arrays.toString(refused) + " cannot sell the job's tasks now");
        }
        if (bidMicroTokens < ask.totalMicroTokens()) {
            rejectedOrders++;
            return Award.rejected(Award.Rejection.BID_BELOW_PRICE, new int[0], ask.totalMicroTokens(),
                    "bid below price: bid " + bidMicroTokens + " µtokens, price " + ask.totalMicroTokens() + " µtokens");
        }
        long[] groups = groups(nodes, count);
        int orders = 0;
        int[] orderNode = new int[groups.length];
        boolean[] zonesUsed = new boolean[books.length];
        for (int g = 0; g < groups.length; ) {
            int node = (int) (groups[g] >>> 32);
            int end = g;
            while (end < groups.length && (int) (groups[end] >>> 32) == node) end++;
            orderNode[orders] = node;
            clear(orders);
            books[zone[node]].submit(order(job, node, end - g), orders);
            zonesUsed[zone[node]] = true;
            orders++;
            g = end;
        }
        for (int z = 0; z < books.length; z++) if (zonesUsed[z]) books[z].submit(new CloseAuction(nowNanos), null);
        List<long[]> leases = new ArrayList<>(orders);
        List<Integer> refused = new ArrayList<>();
        long paid = 0;
        String why = "";
        for (int o = 0; o < orders; o++) {
            Result r = resultsHolder[o];
            if (r instanceof Fill f) {
                if (f.evictedLeaseId() != io.teg.ledger.Lease.NONE)
                    throw new IllegalStateException("order of job " + job.jobId() + " evicted lease " + f.evictedLeaseId());
                leases.add(new long[] {zone[orderNode[o]], f.leaseId()});
                paid = saturatingAdd(paid, f.pricePaidMicros());
                filledOrders++;
            } else {
                rejectedOrders++;
                refused.add(orderNode[o]);
                if (why.isEmpty()) why = r instanceof Reject rej ? rej.message() : String.valueOf(r);
            }
        }
        if (!refused.isEmpty()) {
            for (long[] lease : leases) releaseLease(job.account(), lease);
            int[] bad = refused.stream().mapToInt(Integer::intValue).toArray();
            return Award.rejected(Award.Rejection.SLOT_UNAVAILABLE, bad, 0, "the zone ledger refused " + bad.length
                    + " of " + orders + " orders (first: " + why + "); the leases won were released");
        }
        if (won != null) releaseWon();
        won = leases;
        wonAccount = job.account();
        double mibSeconds = (double) job.task().memMiB() * job.tasks() * job.timeLimitS();
        wonPricePerMiB = mibSeconds > 0 ? paid / 1e6 / mibSeconds : 0.0;
        return Award.won(Arrays.copyOf(nodes, count), paid);
    }

    /**
     * Files the leases of the latest accepted bid under the simulator's job index (trace job ids need not be
     * unique, indexes are), before the job's tasks are bound: the simulator may end the job inside the bind (an OOM
     * kill at start), and its end must find the leases.
     *
     * @throws IllegalStateException when no accepted bid is waiting
     */
    void assign(int jobIndex) {
        if (won == null) throw new IllegalStateException("no accepted bid waits to be bound to job " + jobIndex);
        leasesByJob.put(jobIndex, won);
        accountByJob.put(jobIndex, wonAccount);
        pricePerMiBByJob.put(jobIndex, wonPricePerMiB);
        won = null;
    }

    /** Releases the leases of the latest accepted bid if no job was assigned them. */
    void releaseWon() {
        if (won == null) return;
        for (long[] lease : won) releaseLease(wonAccount, lease);
        won = null;
    }

    /** Releases every lease the job with simulator index {@code jobIndex} holds; true when it held any. */
    boolean release(int jobIndex) {
        List<long[]> leases = leasesByJob.remove(jobIndex);
        if (leases == null) return false;
        String account = accountByJob.remove(jobIndex);
        pricePerMiBByJob.remove(jobIndex);
        for (long[] lease : leases) releaseLease(account, lease);
        return true;
    }

    /**
     * What the running job with simulator index {@code jobIndex} paid for its leases per MiB-second, in tokens:
     * µtokens paid / 10⁶ / (MiB per task × tasks × time limit). The node-level reserve price grows as memory
     * fills (the memory asymptote), so a job placed on a fuller node paid more. 0 for a job holding no leases.
     */
    double pricePerMiBSecond(int jobIndex) {
        return pricePerMiBByJob.getOrDefault(jobIndex, 0.0);
    }

    /** Per-epoch upkeep: ticks every book (window, holding tax, decay) and sets the holding tax, µtokens per idle unit-second. */
    void epoch(long holdingTaxMicrosPerUnitSecond) {
        for (LedgerBook book : books) {
            if (book == null) continue;
            book.submit(new TaxRate(Math.max(0, holdingTaxMicrosPerUnitSecond), nowNanos), null);
            book.submit(new Tick(nowNanos), null);
        }
    }

    /** Mints {@code micros} µtokens to {@code account} in every zone where it has a wallet (a cold-stasis subsidy). */
    long subsidise(String account, long micros) {
        if (micros <= 0) return 0;
        long total = 0;
        for (LedgerBook book : books) {
            if (book == null || book.balance(account) <= 0) continue;
            book.submit(new Mint(account, micros, nowNanos), null);
            total += micros;
        }
        return total;
    }

    /** Real bids that named global node {@code node} since the start: the raw count behind auction heat. */
    long bidsNaming(int node) {
        return books[zone[node]].bidsNaming(local[node]);
    }

    /** The audit of each zone's book, by zone (null for a zone without nodes). */
    Audit[] audits() {
        Audit[] out = new Audit[books.length];
        for (int z = 0; z < books.length; z++) out[z] = books[z] == null ? null : books[z].audit();
        return out;
    }

    /** True when every zone's book balances: minted − burned = Σ balances + Σ escrowed, exactly. */
    boolean balanced() {
        for (LedgerBook book : books) if (book != null && !book.audit().balanced()) return false;
        return true;
    }

    /** Open leases over all zones. */
    int openLeases() {
        int n = 0;
        for (LedgerBook book : books) if (book != null) n += book.leaseCount();
        return n;
    }

    /** Orders the ledgers refused (real bids, and bids refused before they were placed), since the start. */
    long rejectedOrders() {
        return rejectedOrders;
    }

    /** Orders the ledgers filled since the start. */
    long filledOrders() {
        return filledOrders;
    }

    private boolean slotAvailable(Quote q, int node) {
        for (int i = 0; i < q.size(); i++) if (q.node(i) == node && !q.available(i)) return false;
        return true;
    }

    private void endow(JobRequest job, int z) {
        long need = needMicros(job);
        long balance = books[z].balance(job.account());
        if (need > balance) books[z].submit(new Mint(job.account(), need - balance, nowNanos), null);
    }

    private Bid order(JobRequest job, int node, int tasks) {
        return new Bid(job.jobId(), job.account(), Target.Nodes.of(demand(job.task(), tasks), local[node]),
                ceilingRateMicros, PriceBasis.PER_UNIT_SECOND, job.timeLimitS(), 1.0, false, nowNanos);
    }

    private Result submit(int z, Bid probe) {
        clear(0);
        books[z].submit(probe, 0);
        return resultsHolder[0];
    }

    private void clear(int i) {
        if (i >= resultsHolder.length) resultsHolder = Arrays.copyOf(resultsHolder, Math.max(i + 1, 2 * resultsHolder.length));
        resultsHolder[i] = null;
    }

    private void releaseLease(String account, long[] lease) {
        books[(int) lease[0]].submit(new Release(lease[1], account, nowNanos), null);
    }

    /** What {@code tasks} tasks of {@code task} hold together on one node, as a ledger demand. */
    static Demand demand(TaskShape task, int tasks) {
        int cpu = Math.multiplyExact(task.cpuMilli(), tasks);
        long mem = Math.multiplyExact(task.memMiB(), (long) tasks);
        int gpus = task.sharesGpu() ? 0 : Math.multiplyExact(task.gpus(), tasks);
        if (cpu == 0 && mem == 0 && gpus == 0) cpu = 1;
        return new Demand(cpu, mem, gpus);
    }

    /** Slots sorted by node: (node << 32 | slot index). */
    private long[] groups(int[] nodes, int count) {
        if (count < 0 || count > nodes.length)
            throw new IllegalArgumentException("count must be in [0, " + nodes.length + "], got " + count);
        long[] keys = new long[count];
        for (int i = 0; i < count; i++) {
            if (nodes[i] < 0 || nodes[i] >= topology.nodeCount())
                throw new IllegalArgumentException("node " + nodes[i] + " is not in [0, " + topology.nodeCount() + ")");
            keys[i] = ((long) nodes[i] << 32) | i;
        }
        Arrays.sort(keys);
        return keys;
    }

    private static long saturatingAdd(long a, long b) {
        long s = a + b;
        return ((a ^ s) & (b ^ s)) < 0 ? Long.MAX_VALUE : s;
    }
}

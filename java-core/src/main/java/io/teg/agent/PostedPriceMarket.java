package io.teg.agent;

import io.teg.model.JobRequest;
import io.teg.model.NodeSpec;
import io.teg.model.TaskShape;
import io.teg.model.Topology;

import java.util.Arrays;
import java.util.function.IntToDoubleFunction;

/**
 * A posted-price market: each slot has a reserve price, and a fill-or-kill bid wins when it covers the sum of
 * the reserve prices of its slots and every slot is free. The winner pays the reserve prices (what a Vickrey
 * auction charges when there is no second bidder), and the tokens are burned. It is the market the simulator and
 * the benchmarks use until the zone ledgers (second-price clearing on the Disruptor) are wired in behind
 * {@link SlotMarket}; it is real, only simpler: no competing bids, no order book.
 *
 * <p>Reserve price of one task on node i, by the entropic valuation (Eq. 6):
 * <pre>
 *   P(i) = ⌈ scale · share(task, i) / (S_local(i) + ε) ⌉  micro-tokens
 * </pre>
 * where share is the task's dominant share of the node's capacity, max(cpu, memory, GPU) (so a task that takes
 * a whole node pays {@code scale/(S + ε)}), and S_local ≥ 0 is the node's local entropy: low entropy (ordered,
 * idle) resources cost the most.
 *
 * <p>Availability comes from a {@link Feasibility}; for a node listed several times the earlier slots get the
 * room first. The market does not allocate: whoever acts on an accepted {@link Award} binds the slots (the
 * simulator's start, or {@link FreeResources#allocate}) before the next decision.
 *
 * <p>Not thread-safe: one thread bids, as one thread matches a zone ledger. {@link #probe} changes nothing.
 */
public final class PostedPriceMarket implements SlotMarket {

    private final Topology topology;
    private final Feasibility feasibility;
    private final IntToDoubleFunction localEntropy;
    private final long scaleMicroTokens;
    private final double epsilon;
    private long burned;
    private long awards;

    /**
     * @param topology the nodes' capacities
     * @param feasibility what is free now
     * @param localEntropy S_local(node) ≥ 0 (dimensionless)
     * @param scaleMicroTokens the price of a whole node at S_local + ε = 1, micro-tokens, &gt; 0
     * @param epsilon ε &gt; 0 of Eq. 6
     */
    public PostedPriceMarket(Topology topology, Feasibility feasibility, IntToDoubleFunction localEntropy,
                             long scaleMicroTokens, double epsilon) {
        if (feasibility.nodeCount() != topology.nodeCount())
            throw new IllegalArgumentException("feasibility covers " + feasibility.nodeCount() + " nodes, topology has "
                    + topology.nodeCount());
        if (scaleMicroTokens <= 0) throw new IllegalArgumentException("scaleMicroTokens must be in [1, ∞), got " + scaleMicroTokens);
        if (!(epsilon > 0) || !Double.isFinite(epsilon))
            throw new IllegalArgumentException("epsilon must be in (0, ∞) and finite, got " + epsilon);
        this.topology = topology;
        this.feasibility = feasibility;
        this.localEntropy = localEntropy;
        this.scaleMicroTokens = scaleMicroTokens;
        this.epsilon = epsilon;
    }

    /** Tokens burned by accepted bids so far, micro-tokens. */
    public long burnedMicroTokens() {
        return burned;
    }

    /** Accepted bids so far. */
    public long awards() {
        return awards;
    }

    /** The reserve price of one task of {@code task} on {@code node}, micro-tokens (Eq. 6). */
    public long slotPrice(int node, TaskShape task) {
        NodeSpec s = topology.node(node);
        double share = Math.max((double) task.cpuMilli() / s.cpuMilli(), (double) task.memMiB() / s.memMiB());
        if (task.gpus() > 0 && s.gpus() > 0) share = Math.max(share, (double) task.gpuMilliTotal() / (1000.0 * s.gpus()));
        double entropy = localEntropy.applyAsDouble(node);
        if (!(entropy >= 0) || Double.isInfinite(entropy))
            throw new IllegalStateException("local entropy of node " + node + " must be in [0, ∞), got " + entropy);
        double price = Math.ceil(scaleMicroTokens * share / (entropy + epsilon));
        return price >= Long.MAX_VALUE ? Long.MAX_VALUE : (long) price;
    }

    @Override
    public Quote probe(JobRequest job, int[] nodes, int count) {
        boolean[] available = availability(job.task(), nodes, count);
        long[] prices = new long[count];
        long total = 0;
        for (int i = 0; i < count; i++) {
            if (available[i]) {
                prices[i] = slotPrice(nodes[i], job.task());
                total = saturatingAdd(total, prices[i]);
            }
        }
        return new Quote(Arrays.copyOf(nodes, count), prices, available, total);
    }

    @Override
    public Award bid(JobRequest job, int[] nodes, int count, long bidMicroTokens) {
        boolean[] available = availability(job.task(), nodes, count);
        int[] refused = new int[count];
        int refusedCount = 0;
        long total = 0;
        for (int i = 0; i < count; i++) {
            if (!available[i]) {
                boolean seen = false;
                for (int j = 0; j < refusedCount && !seen; j++) seen = refused[j] == nodes[i];
                if (!seen) refused[refusedCount++] = nodes[i];
            } else {
                total = saturatingAdd(total, slotPrice(nodes[i], job.task()));
            }
        }
        if (refusedCount > 0) {
            int[] bad = Arrays.copyOf(refused, refusedCount);
            return Award.rejected(Award.Rejection.SLOT_UNAVAILABLE, bad, 0,
                    "slot unavailable: " + refusedCount + " of the " + count + " slots' nodes have no room now "
                            + Arrays.toString(bad));
        }
        if (bidMicroTokens < total) {
            return Award.rejected(Award.Rejection.BID_BELOW_PRICE, new int[0], total,
                    "bid below price: bid " + bidMicroTokens + " micro-tokens, price " + total
                            + " micro-tokens (short by " + (total - bidMicroTokens) + " micro-tokens)");
        }
        burned = saturatingAdd(burned, total);
        awards++;
        return Award.won(Arrays.copyOf(nodes, count), total);
    }

    private boolean[] availability(TaskShape task, int[] nodes, int count) {
        if (count < 0 || count > nodes.length)
            throw new IllegalArgumentException("count must be in [0, " + nodes.length + "], got " + count);
        int n = topology.nodeCount();
        long[] keys = new long[count];
        for (int i = 0; i < count; i++) {
            if (nodes[i] < 0 || nodes[i] >= n)
                throw new IllegalArgumentException("node " + nodes[i] + " is not in [0, " + n + ")");
            keys[i] = ((long) nodes[i] << 32) | i;
        }
        Arrays.sort(keys);
        boolean[] ok = new boolean[count];
        for (int i = 0; i < count; ) {
            int node = (int) (keys[i] >>> 32);
            int j = i;
            while (j < count && (int) (keys[j] >>> 32) == node) j++;
            int run = j - i;
            int room = feasibility.hostable(node, task, run);
            for (int r = 0; r < run; r++) ok[(int) keys[i + r]] = r < room;
            i = j;
        }
        return ok;
    }

    private static long saturatingAdd(long a, long b) {
        long s = a + b;
        return ((a ^ s) & (b ^ s)) < 0 ? Long.MAX_VALUE : s;
    }
}

package io.teg.ledger;

import io.teg.model.NodeSpec;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.TreeMap;

/**
 * One zone's order book and token books: the synchronous, deterministic state machine behind a {@link ZoneLedger}.
 * Given the same configuration and the same sequence of commands, two books deliver the same results and reach equal
 * {@link LedgerSnapshot}s; a book rebuilt by {@link #replay} from the journal reaches an equal snapshot too.
 *
 * <h2>Auction windows and Vickrey clearing</h2>
 * Real {@link Bid}s and {@link Expand}s wait in the open auction window; everything else applies at once. A window
 * opens with its first bid and clears when a command stamped at or after {@code open + auctionWindowNanos} arrives,
 * on {@link CloseAuction} or {@link Tick}, when it holds {@code maxBidsPerWindow} bids, or at once when the window
 * length is 0. Which commands share a window thus depends only on the command sequence and its time stamps, never on
 * thread timing.
 * <p>Clearing ranks the window's bids by rate (µtokens per unit-second) descending, earlier arrival first on ties,
 * and places them greedily: a node bid takes the first of its candidates where it fits and its rate meets the reserve
 * price; a block bid takes the leftmost free aligned block from the {@link BlockTree}. A bid that no longer fits on a
 * candidate only because of this window's winners there is <em>displaced</em>: its rate becomes the second price of
 * every winner on that node still waiting for one (the highest rate ranked below them). Each winner then pays
 * <pre>   clearingRate = max(reserve at placement, second price)  ≤ its own rate
 *   paid = clearingRate × units × durationS                       (µtokens, burned)</pre>
 * With one unit-demand slot this is the Vickrey auction: the highest bid wins and pays the second-highest bid, or the
 * reserve when alone, so bidding one's true value is a dominant strategy. Whole-block bids compete among themselves
 * for the block pool the same way. Funds are checked before a bid competes: its maximum payment, rate × units ×
 * durationS (+ C_txn for an expansion), must be covered by the balance ("proof of wealth"); it is escrowed while the
 * window clears, and what the second price saves returns to the wallet.
 *
 * <h2>Other economics</h2>
 * <ul>
 * <li>Inertial eviction (paper eq. 14): a node bid that does not fit may evict one incumbent single-node lease from an
 * earlier window if P_new − P_local &gt; μ·m_incumbent, P_local being the rate the incumbent paid and m its mass; the
 * victim is the one with least P_local + μ·m whose departure makes room. Block leases are never evicted.</li>
 * <li>Expansion friction: every expansion burns C_txn µtokens on top of its price.</li>
 * <li>Holding tax: γ µtokens per idle unit-second, charged at each tick and at release, capped at the balance.</li>
 * <li>Decay: at each tick every balance B becomes ⌊B·exp(−λ·Δt)⌋ (StrictMath, so replays agree bit for bit); the
 * whole difference, rounding included, is burned.</li>
 * <li>Memory: never sold past C_max = (1 − reserve fraction)·capacity; the reserve price carries the asymptote.</li>
 * </ul>
 * Invariant, exact at every step: minted − burned = Σ balances + Σ escrowed (see {@link #audit()}).
 *
 * <h2>Threading</h2>
 * Not thread-safe. One thread owns a book: the ring's matcher thread in a {@link ZoneLedger}, or a test. Results go
 * to the {@link ResultSink} on that thread.
 *
 * <h2>Allocation</h2>
 * The window's arrays are preallocated; the hot path allocates only the values it hands out (the lease, its journal
 * entry and the result).
 */
public final class LedgerBook {

    private static final long NEVER = Long.MIN_VALUE;
    private static final Accepted NO_ENTRY = new Accepted(0);
    private static final int NO_SLOT = -1;

    private final LedgerConfig config;
    private final PricingFunction pricing;
    private final Journal journal;
    private final ResultSink sink;
    private final int nodeCount;
    private final int gpusPerNode;
    private final NodeSpec[] specs;
    private final long[] sellableMem;
    private final int[] usedCpu;
    private final long[] usedMem;
    private final long[] usedGpuMask;
    private final double[] thermal;
    private final double[] external;
    private final double[] demand;
    private final long[] bidsNaming;
    private final BlockTree tree;
    private final HashMap<String, Wallet> wallets = new HashMap<>();
    private final LeaseTable leases = new LeaseTable();
    private final NodeLeases nodeLeases;
    private final Cursor cursor = new Cursor();

    private long minted;
    private long burned;
    private long escrowed;
    private long taxRate;
    private long lastTick = NEVER;
    private long nextLeaseId = 1;
    private long lastSequence;
    private long clock = NEVER;

    // The auction window, preallocated: slot i holds the i-th arrival; order[] ranks slots by rate.
    private final int windowCapacity;
    private final Command[] wCommand;
    private final Object[] wAttachment;
    private final Wallet[] wWallet;
    private final long[] wRate;
    private final long[] wHold;
    private final int[] wUnits;
    private final long[] wDuration;
    private final int[] wOrder;
    private final boolean[] wPlaced;
    private final int[] wNode;
    private final int[] wNodes;
    private final long[] wMask;
    private final long[] wReserve;
    private final long[] wSecond;
    private final long[] wLease;
    private final long[] wEvicted;
    private final int[] wNext;
    private int wSize;
    private long wEnd;

    // Per-node scratch for the window being cleared.
    private final int[] winCpu;
    private final long[] winMem;
    private final int[] winGpus;
    private final long[] minWinRate;
    private final int[] awaitHead;
    private final int[] touched;
    private final boolean[] isTouched;
    private int touchedCount;
    private int blockAwaitHead = NO_SLOT;

    // The first refusal met while placing one bid.
    private Reject.Reason failReason;
    private int failNode;
    private long failAsked;
    private long failAvailable;

    /**
     * An empty book. Results go to {@code sink}; every accepted event is appended to {@code journal}, which must be
     * empty (use {@link #replay} to continue from a journal).
     */
    public LedgerBook(LedgerConfig config, Journal journal, ResultSink sink) {
        this(config, journal, sink, true);
    }

    private LedgerBook(LedgerConfig config, Journal journal, ResultSink sink, boolean requireEmpty) {
        if (config == null || journal == null || sink == null) throw new IllegalArgumentException("config, journal and sink are required");
        if (requireEmpty && journal.lastSequence() != 0)
            throw new IllegalArgumentException("journal already holds " + journal.lastSequence() + " entries; use LedgerBook.replay");
        this.config = config;
        this.pricing = config.pricing();
        this.journal = journal;
        this.sink = sink;
        this.nodeCount = config.nodes().size();
        this.gpusPerNode = config.gpusPerNode();
        this.specs = config.nodes().toArray(new NodeSpec[0]);
        this.sellableMem = new long[nodeCount];
        int[] installed = new int[nodeCount];
        for (int n = 0; n < nodeCount; n++) {
            sellableMem[n] = config.sellableMemMiB(n);
            installed[n] = specs[n].gpus();
        }
        this.usedCpu = new int[nodeCount];
        this.usedMem = new long[nodeCount];
        this.usedGpuMask = new long[nodeCount];
        this.thermal = filled(nodeCount);
        this.external = filled(nodeCount);
        this.demand = filled(nodeCount);
        this.bidsNaming = new long[nodeCount];
        this.tree = new BlockTree(nodeCount, gpusPerNode, installed);
        this.nodeLeases = new NodeLeases(nodeCount);
        this.taxRate = config.holdingTaxMicrosPerUnitSecond();

        int w = config.maxBidsPerWindow();
        this.windowCapacity = w;
        this.wCommand = new Command[w];
        this.wAttachment = new Object[w];
        this.wWallet = new Wallet[w];
        this.wRate = new long[w];
        this.wHold = new long[w];
        this.wUnits = new int[w];
        this.wDuration = new long[w];
        this.wOrder = new int[w];
        this.wPlaced = new boolean[w];
        this.wNode = new int[w];
        this.wNodes = new int[w];
        this.wMask = new long[w];
        this.wReserve = new long[w];
        this.wSecond = new long[w];
        this.wLease = new long[w];
        this.wEvicted = new long[w];
        this.wNext = new int[w];
        this.winCpu = new int[nodeCount];
        this.winMem = new long[nodeCount];
        this.winGpus = new int[nodeCount];
        this.minWinRate = new long[nodeCount];
        Arrays.fill(minWinRate, Long.MAX_VALUE);
        this.awaitHead = new int[nodeCount];
        Arrays.fill(awaitHead, NO_SLOT);
        this.touched = new int[nodeCount];
        this.isTouched = new boolean[nodeCount];
    }

    /**
     * Rebuilds a book from every entry of {@code journal}, without re-running any auction, and keeps appending to the
     * same journal: the new owner of a zone calls this before it takes orders.
     *
     * @throws IllegalStateException when the journal contradicts itself (a gap, an unknown lease, a wrong total)
     */
    public static LedgerBook replay(LedgerConfig config, Journal journal, ResultSink sink) {
        LedgerBook book = new LedgerBook(config, journal, sink, false);
        journal.forEach(1, book::restore);
        return book;
    }

    /** {@link #replay(LedgerConfig, Journal, ResultSink)} with results dropped. */
    public static LedgerBook replay(LedgerConfig config, Journal journal) {
        return replay(config, journal, (attachment, result) -> { });
    }

    /**
     * Handles one command. Its result goes to the sink with {@code attachment}: at once, or, for a real bid or an
     * expansion, when its auction window clears (possibly while a later command is handled).
     */
    public void submit(Command command, Object attachment) {
        // An instanceof chain, most frequent first: cheaper on the hot path than a pattern switch's type classifier.
        if (command instanceof Bid b) {
            if (b.virtual()) sink.deliver(attachment, probe(b));
            else enqueue(b, b.target().units(), b.price(), b.basis(), b.durationS(), 0L, attachment);
        } else if (command instanceof Release r) {
            advance(r.nowNanos());
            sink.deliver(attachment, release(r));
        } else if (command instanceof CloseAuction c) {
            advance(c.nowNanos());
            clearWindow(clock);
            sink.deliver(attachment, NO_ENTRY);
        } else if (command instanceof Expand e) {
            enqueue(e, e.extra().units(), e.price(), e.basis(), e.durationS(), config.frictionMicros(), attachment);
        } else if (command instanceof Mint m) {
            advance(m.nowNanos());
            sink.deliver(attachment, mint(m));
        } else if (command instanceof Tick t) {
            advance(t.nowNanos());
            clearWindow(clock);
            sink.deliver(attachment, tick());
        } else if (command instanceof UsageReport u) {
            advance(u.nowNanos());
            sink.deliver(attachment, usage(u));
        } else if (command instanceof NodeCondition c) {
            advance(c.nowNanos());
            if (c.node() >= nodeCount) {
                sink.deliver(attachment, Reject.of(Reject.Reason.UNKNOWN_NODE, c.node(), nodeCount));
            } else {
                record(new JournalEntry.ConditionSet(lastSequence + 1, clock, c.node(), c.thermal(), c.external(), c.demand()));
                sink.deliver(attachment, new Accepted(lastSequence));
            }
        } else if (command instanceof TaxRate t) {
            advance(t.nowNanos());
            record(new JournalEntry.TaxRateSet(lastSequence + 1, clock, t.microsPerUnitSecond()));
            sink.deliver(attachment, new Accepted(lastSequence));
        } else if (command instanceof Inspect) {
            sink.deliver(attachment, new Inspection(snapshot()));
        } else {
            throw new IllegalArgumentException("unknown command " + command);
        }
    }

    /** The token totals, Σ balances summed afresh over every wallet. */
    public Audit audit() {
        long sum = 0;
        for (Wallet w : wallets.values()) sum += w.balance;
        return new Audit(minted, burned, sum, escrowed);
    }

    /** The book's state as an immutable value (see {@link LedgerSnapshot}). O(wallets + leases + nodes). */
    public LedgerSnapshot snapshot() {
        TreeMap<String, Long> balances = new TreeMap<>();
        for (Wallet w : wallets.values()) balances.put(w.account, w.balance);
        List<LedgerSnapshot.NodeState> nodes = new ArrayList<>(nodeCount);
        for (int n = 0; n < nodeCount; n++)
            nodes.add(new LedgerSnapshot.NodeState(usedCpu[n], usedMem[n], usedGpuMask[n], thermal[n], external[n], demand[n]));
        return new LedgerSnapshot(lastSequence, minted, burned, escrowed, taxRate, lastTick, nextLeaseId, balances,
                leases.sortedById(), nodes);
    }

    /** The µtoken balance of {@code account}, 0 when it has no wallet. */
    public long balance(String account) {
        Wallet w = wallets.get(account);
        return w == null ? 0 : w.balance;
    }

    /** The open lease with {@code id}, or null. */
    public Lease lease(long id) {
        return leases.get(id);
    }

    /** Open leases. */
    public int leaseCount() {
        return leases.size();
    }

    /** Bids waiting in the open auction window. */
    public int pendingBids() {
        return wSize;
    }

    /**
     * Real bids that named {@code node} since this book was built: the raw count behind auction heat H_auction,
     * sampled by the governor. An observation, not state: not in the snapshot, not rebuilt by replay.
     */
    public long bidsNaming(int node) {
        return bidsNaming[node];
    }

    /** Free GPUs on {@code node}. */
    public int freeGpus(int node) {
        return specs[node].gpus() - Long.bitCount(usedGpuMask[node]);
    }

    /** The largest fully free aligned GPU block in the zone. O(1). */
    public int largestFreeBlock() {
        return tree.largestFreeBlock();
    }

    /** The zone's configuration. */
    public LedgerConfig config() {
        return config;
    }

    /** The attachments of bids still waiting in the open window, in arrival order (for a ledger shutting down). */
    List<Object> pendingAttachments() {
        List<Object> out = new ArrayList<>(wSize);
        for (int i = 0; i < wSize; i++) out.add(wAttachment[i]);
        return out;
    }

    // ---------------------------------------------------------------- time and the window

    private void advance(long nowNanos) {
        if (nowNanos > clock) clock = nowNanos;
        if (wSize > 0 && clock >= wEnd) clearWindow(wEnd);
    }

    private void enqueue(Command c, int units, long price, PriceBasis basis, long durationS, long friction, Object attachment) {
        advance(c.nowNanos());
        long unitSeconds = Tokens.productOrMinusOne(units, durationS, 1);
        long rate = basis == PriceBasis.PER_UNIT_SECOND ? price : (unitSeconds <= 0 ? 0 : price / unitSeconds);
        long hold = Tokens.productOrMinusOne(rate, units, durationS);
        if (hold < 0 || hold > Long.MAX_VALUE - friction) {
            sink.deliver(attachment, Reject.of(Reject.Reason.PRICE_OVERFLOW, rate, unitSeconds < 0 ? Long.MAX_VALUE : unitSeconds));
            return;
        }
        int slot = wSize;
        wCommand[slot] = c;
        wAttachment[slot] = attachment;
        wRate[slot] = rate;
        wHold[slot] = hold;
        wUnits[slot] = units;
        wDuration[slot] = durationS;
        int pos = slot;
        while (pos > 0 && wRate[wOrder[pos - 1]] < rate) {
            wOrder[pos] = wOrder[pos - 1];
            pos--;
        }
        wOrder[pos] = slot;
        wSize = slot + 1;
        if (slot == 0) {
            long w = config.auctionWindowNanos();
            wEnd = clock > Long.MAX_VALUE - w ? Long.MAX_VALUE : clock + w;
        }
        if (config.auctionWindowNanos() == 0 || wSize == windowCapacity) clearWindow(clock);
    }

    private void clearWindow(long at) {
        int n = wSize;
        if (n == 0) return;
        for (int r = 0; r < n; r++) place(wOrder[r], at);
        for (int r = 0; r < n; r++) {
            int slot = wOrder[r];
            if (wPlaced[slot]) settle(slot, at);
        }
        for (int i = 0; i < touchedCount; i++) {
            int node = touched[i];
            winCpu[node] = 0;
            winMem[node] = 0;
            winGpus[node] = 0;
            minWinRate[node] = Long.MAX_VALUE;
            awaitHead[node] = NO_SLOT;
            isTouched[node] = false;
        }
        touchedCount = 0;
        blockAwaitHead = NO_SLOT;
        for (int i = 0; i < n; i++) {
            wCommand[i] = null;
            wAttachment[i] = null;
            wWallet[i] = null;
            wPlaced[i] = false;
        }
        wSize = 0;
    }

    // ---------------------------------------------------------------- placement (pass 1)

    private void place(int slot, long at) {
        Command c = wCommand[slot];
        failReason = null;
        boolean placed;
        if (c instanceof Expand e) {
            placed = placeExpansion(slot, e);
        } else {
            Bid b = (Bid) c;
            if (!escrowable(slot, b.account(), 0)) {
                placed = false;
            } else if (b.target() instanceof Target.Nodes nodes) {
                placed = placeOnNodes(slot, b, nodes, at);
            } else {
                placed = placeBlock(slot, (Target.Block) b.target());
            }
        }
        if (!placed) {
            sink.deliver(wAttachment[slot], new Reject(failReason, failNode >= 0 ? specs[failNode].name() : "", failAsked, failAvailable));
            return;
        }
        Wallet w = wWallet[slot];
        long held = wHold[slot] + (c instanceof Expand ? config.frictionMicros() : 0);
        w.balance -= held;
        w.escrow += held;
        escrowed += held;
        wPlaced[slot] = true;
    }

    private boolean escrowable(int slot, String account, long friction) {
        Wallet w = wallets.get(account);
        long balance = w == null ? 0 : w.balance;
        long need = wHold[slot] + friction;
        if (w == null || need > balance) {
            fail(Reject.Reason.INSUFFICIENT_FUNDS, -1, need, balance);
            return false;
        }
        wWallet[slot] = w;
        return true;
    }

    private boolean placeOnNodes(int slot, Bid b, Target.Nodes target, long at) {
        Demand d = target.demand();
        long rate = wRate[slot];
        for (int k = 0; k < target.candidateCount(); k++) {
            int c = target.candidate(k);
            if (c < 0 || c >= nodeCount) {
                fail(Reject.Reason.UNKNOWN_NODE, -1, c, nodeCount);
                continue;
            }
            bidsNaming[c]++;
            int freeCpu = specs[c].cpuMilli() - usedCpu[c];
            int freeGpu = specs[c].gpus() - Long.bitCount(usedGpuMask[c]);
            long freeMem = sellableMem[c] - usedMem[c];
            if (d.cpuMilli() <= freeCpu && d.gpus() <= freeGpu && d.memMiB() <= freeMem) {
                long reserve = reserve(c, d, 0, 0, 0);
                if (rate < reserve) {
                    fail(Reject.Reason.BELOW_RESERVE, c, rate, reserve);
                    continue;
                }
                placeOnNode(slot, c, d, reserve, Lease.NONE);
                wLease[slot] = nextLeaseId++;
                return true;
            }
            if (exceedsNode(c, d)) continue;
            Lease victim = victim(c, d, rate, freeCpu, freeGpu, freeMem);
            if (victim != null) {
                long reserve = reserve(c, d, -victim.cpuMilliPerNode(), -victim.memMiBPerNode(), -victim.gpusPerNode());
                if (rate >= reserve) {
                    evict(victim, b.jobId(), at);
                    placeOnNode(slot, c, d, reserve, victim.id());
                    wLease[slot] = nextLeaseId++;
                    return true;
                }
            }
            if (!displaced(slot, c, d, freeCpu, freeGpu, freeMem)) failCapacity(c, d, freeCpu, freeGpu, freeMem);
        }
        return false;
    }

    private boolean placeExpansion(int slot, Expand e) {
        Lease lease = leases.get(e.leaseId());
        if (lease == null) return fail(Reject.Reason.UNKNOWN_LEASE, -1, e.leaseId(), 0);
        if (!lease.account().equals(e.account())) return fail(Reject.Reason.NOT_OWNER, -1, e.leaseId(), 0);
        if (lease.block()) return fail(Reject.Reason.BLOCK_LEASE, -1, e.leaseId(), 0);
        if (!escrowable(slot, e.account(), config.frictionMicros())) return false;
        int c = lease.firstNode();
        Demand d = e.extra();
        bidsNaming[c]++;
        int freeCpu = specs[c].cpuMilli() - usedCpu[c];
        int freeGpu = specs[c].gpus() - Long.bitCount(usedGpuMask[c]);
        long freeMem = sellableMem[c] - usedMem[c];
        if (d.cpuMilli() <= freeCpu && d.gpus() <= freeGpu && d.memMiB() <= freeMem) {
            long reserve = reserve(c, d, 0, 0, 0);
            if (wRate[slot] < reserve) return fail(Reject.Reason.BELOW_RESERVE, c, wRate[slot], reserve);
            placeOnNode(slot, c, d, reserve, Lease.NONE);
            wLease[slot] = lease.id();
            return true;
        }
        if (!exceedsNode(c, d) && !displaced(slot, c, d, freeCpu, freeGpu, freeMem))
            failCapacity(c, d, freeCpu, freeGpu, freeMem);
        return false;
    }

    private boolean placeBlock(int slot, Target.Block block) {
        int size = block.gpus();
        int first = size <= gpusPerNode * nodeCount ? tree.findBlock(size) : -1;
        if (first < 0) {
            if (blockAwaitHead != NO_SLOT) {
                for (int s = blockAwaitHead; s != NO_SLOT; s = wNext[s]) wSecond[s] = wRate[slot];
                blockAwaitHead = NO_SLOT;
            }
            return fail(Reject.Reason.NO_BLOCK, -1, size, tree.largestFreeBlock());
        }
        int firstNode = first / gpusPerNode;
        int nodes = Math.max(1, size / gpusPerNode);
        long mask = size >= gpusPerNode
                ? (gpusPerNode == 64 ? -1L : (1L << gpusPerNode) - 1)
                : ((1L << size) - 1) << (first % gpusPerNode);
        Demand perNode = new Demand(block.cpuMilliPerNode(), block.memMiBPerNode(), Long.bitCount(mask));
        long reserveSum = 0;
        for (int n = firstNode; n < firstNode + nodes; n++) {
            int freeCpu = specs[n].cpuMilli() - usedCpu[n];
            long freeMem = sellableMem[n] - usedMem[n];
            if (perNode.cpuMilli() > freeCpu) return fail(Reject.Reason.NO_CPU, n, perNode.cpuMilli(), freeCpu);
            if (perNode.memMiB() > freeMem) return fail(Reject.Reason.PAST_C_MAX, n, perNode.memMiB(), freeMem);
            long r = reserve(n, perNode, 0, 0, 0);
            reserveSum = r == Long.MAX_VALUE || reserveSum > Long.MAX_VALUE - r ? Long.MAX_VALUE : reserveSum + r;
        }
        long reserve = reserveSum == Long.MAX_VALUE ? Long.MAX_VALUE : (reserveSum + nodes - 1) / nodes;
        if (wRate[slot] < reserve) return fail(Reject.Reason.BELOW_RESERVE, firstNode, wRate[slot], reserve);
        tree.allocateBlock(first, size);
        for (int n = firstNode; n < firstNode + nodes; n++) {
            usedCpu[n] += perNode.cpuMilli();
            usedMem[n] += perNode.memMiB();
            usedGpuMask[n] |= mask;
            noteWinner(n, perNode, wRate[slot]);
        }
        wNode[slot] = firstNode;
        wNodes[slot] = nodes;
        wMask[slot] = mask;
        wReserve[slot] = reserve;
        wSecond[slot] = -1;
        wEvicted[slot] = Lease.NONE;
        wNext[slot] = blockAwaitHead;
        blockAwaitHead = slot;
        wLease[slot] = nextLeaseId++;
        return true;
    }

    private void placeOnNode(int slot, int c, Demand d, long reserve, long evicted) {
        usedCpu[c] += d.cpuMilli();
        usedMem[c] += d.memMiB();
        long mask = d.gpus() > 0 ? tree.allocateOnNode(c, d.gpus()) : 0L;
        usedGpuMask[c] |= mask;
        noteWinner(c, d, wRate[slot]);
        wNode[slot] = c;
        wNodes[slot] = 1;
        wMask[slot] = mask;
        wReserve[slot] = reserve;
        wSecond[slot] = -1;
        wEvicted[slot] = evicted;
        wNext[slot] = awaitHead[c];
        awaitHead[c] = slot;
    }

    private void noteWinner(int node, Demand d, long rate) {
        if (!isTouched[node]) {
            isTouched[node] = true;
            touched[touchedCount++] = node;
        }
        winCpu[node] += d.cpuMilli();
        winMem[node] += d.memMiB();
        winGpus[node] += d.gpus();
        if (rate < minWinRate[node]) minWinRate[node] = rate;
    }

    /**
     * True when the bid in {@code slot} would fit on {@code c} but for this window's winners there: then it was
     * outbid, and its rate is the second price of every winner on {@code c} still waiting for one.
     */
    private boolean displaced(int slot, int c, Demand d, int freeCpu, int freeGpu, long freeMem) {
        if (!isTouched[c]) return false;
        if (d.cpuMilli() > freeCpu + winCpu[c] || d.gpus() > freeGpu + winGpus[c] || d.memMiB() > freeMem + winMem[c])
            return false;
        long rate = wRate[slot];
        for (int s = awaitHead[c]; s != NO_SLOT; s = wNext[s]) wSecond[s] = rate;
        awaitHead[c] = NO_SLOT;
        fail(Reject.Reason.OUTBID, c, rate, minWinRate[c]);
        return true;
    }

    /** True (and the refusal noted) when {@code d} exceeds what node {@code c} could ever sell, empty. */
    private boolean exceedsNode(int c, Demand d) {
        if (d.cpuMilli() <= specs[c].cpuMilli() && d.gpus() <= specs[c].gpus() && d.memMiB() <= sellableMem[c]) return false;
        failCapacity(c, d, specs[c].cpuMilli() - usedCpu[c], specs[c].gpus() - Long.bitCount(usedGpuMask[c]),
                sellableMem[c] - usedMem[c]);
        return true;
    }

    private void failCapacity(int c, Demand d, int freeCpu, int freeGpu, long freeMem) {
        if (d.cpuMilli() > freeCpu) fail(Reject.Reason.NO_CPU, c, d.cpuMilli(), freeCpu);
        else if (d.gpus() > freeGpu) fail(Reject.Reason.NO_GPU, c, d.gpus(), freeGpu);
        else fail(Reject.Reason.PAST_C_MAX, c, d.memMiB(), freeMem);
    }

    /** Records the first refusal met for the bid being placed; returns false so callers can {@code return fail(...)}. */
    private boolean fail(Reject.Reason reason, int node, long asked, long available) {
        if (failReason == null) {
            failReason = reason;
            failNode = node;
            failAsked = asked;
            failAvailable = available;
        }
        return false;
    }

    /**
     * The incumbent single-node lease on {@code c} whose departure makes room for {@code d} and which the bid's rate
     * overcomes: P_new − P_local &gt; μ·m. Of several, the least resistant (P_local + μ·m), then the lowest id.
     */
    private Lease victim(int c, Demand d, long rate, int freeCpu, int freeGpu, long freeMem) {
        double mu = config.evictionFriction();
        Lease best = null;
        double bestResistance = Double.POSITIVE_INFINITY;
        for (int i = 0; i < nodeLeases.count(c); i++) {
            Lease v = leases.get(nodeLeases.id(c, i));
            if (d.cpuMilli() > freeCpu + v.cpuMilliPerNode() || d.gpus() > freeGpu + v.gpusPerNode()
                    || d.memMiB() > freeMem + v.memMiBPerNode()) continue;
            double friction = mu * v.mass();
            if (!((double) (rate - v.rateMicros()) > friction)) continue;
            if (expandedInWindow(v.id())) continue;
            double resistance = v.rateMicros() + friction;
            if (resistance < bestResistance || (resistance == bestResistance && v.id() < best.id())) {
                best = v;
                bestResistance = resistance;
            }
        }
        return best;
    }

    private boolean expandedInWindow(long leaseId) {
        for (int i = 0; i < wSize; i++)
            if (wPlaced[i] && wCommand[i] instanceof Expand e && e.leaseId() == leaseId) return true;
        return false;
    }

    private void evict(Lease victim, long byJobId, long at) {
        long tax = accruedTax(victim, at);
        record(new JournalEntry.Evicted(lastSequence + 1, at, victim.id(), tax, byJobId));
    }

    private long reserve(int node, Demand d, int dCpu, long dMem, int dGpu) {
        cursor.node = node;
        cursor.dCpu = dCpu;
        cursor.dMem = dMem;
        cursor.dGpu = dGpu;
        long r = pricing.reserveMicrosPerUnitSecond(cursor, d);
        if (r < 0) throw new IllegalStateException("pricing returned a negative reserve " + r + " for node " + node);
        return r;
    }

    // ---------------------------------------------------------------- settlement (pass 2)

    private void settle(int slot, long at) {
        Command c = wCommand[slot];
        Wallet w = wWallet[slot];
        long clearing = Math.max(wReserve[slot], wSecond[slot]);
        long paid = clearing * wUnits[slot] * wDuration[slot];
        boolean expansion = c instanceof Expand;
        long friction = expansion ? config.frictionMicros() : 0;
        long held = wHold[slot] + friction;
        w.escrow -= held;
        escrowed -= held;
        w.balance += held - paid - friction;
        burned += paid + friction;
        if (expansion) {
            Expand e = (Expand) c;
            Lease grown = leases.get(e.leaseId()).expandedBy(e.extra(), wMask[slot]);
            leases.put(grown);
            append(new JournalEntry.Expanded(lastSequence + 1, at, e.leaseId(), e.extra(), wMask[slot], paid, friction));
            sink.deliver(wAttachment[slot], new Fill(e.leaseId(), 0L, e.account(), grown.firstNode(), 1, wMask[slot],
                    clearing, paid, friction, paid + friction, Lease.NONE, true));
        } else {
            Bid b = (Bid) c;
            boolean block = b.target() instanceof Target.Block;
            int cpu;
            long mem;
            if (block) {
                Target.Block t = (Target.Block) b.target();
                cpu = t.cpuMilliPerNode();
                mem = t.memMiBPerNode();
            } else {
                Demand d = ((Target.Nodes) b.target()).demand();
                cpu = d.cpuMilli();
                mem = d.memMiB();
            }
            Lease lease = new Lease(wLease[slot], b.jobId(), b.account(), wNode[slot], wNodes[slot], wMask[slot], cpu, mem,
                    wUnits[slot], clearing, b.mass(), at, b.durationS(), 0, block);
            leases.put(lease);
            if (!block) nodeLeases.add(lease.firstNode(), lease.id());
            append(new JournalEntry.Filled(lastSequence + 1, at, lease, paid));
            sink.deliver(wAttachment[slot], new Fill(lease.id(), b.jobId(), b.account(), lease.firstNode(), lease.nodeCount(),
                    lease.gpuMask(), clearing, paid, 0L, paid, wEvicted[slot], false));
        }
    }

    // ---------------------------------------------------------------- immediate commands

    private Result probe(Bid b) {
        Wallet w = wallets.get(b.account());
        long balance = w == null ? 0 : w.balance;
        int units = b.target().units();
        long unitSeconds = Tokens.productOrMinusOne(units, b.durationS(), 1);
        long rate = b.basis() == PriceBasis.PER_UNIT_SECOND ? b.price() : (unitSeconds <= 0 ? 0 : b.price() / unitSeconds);
        long hold = Tokens.productOrMinusOne(rate, units, b.durationS());
        if (hold < 0) return Reject.of(Reject.Reason.PRICE_OVERFLOW, rate, unitSeconds < 0 ? Long.MAX_VALUE : unitSeconds);
        if (w == null || hold > balance) return Reject.of(Reject.Reason.INSUFFICIENT_FUNDS, hold, balance);
        Reject first = null;
        if (b.target() instanceof Target.Nodes target) {
            Demand d = target.demand();
            for (int k = 0; k < target.candidateCount(); k++) {
                int c = target.candidate(k);
                Reject why;
                if (c < 0 || c >= nodeCount) {
                    why = Reject.of(Reject.Reason.UNKNOWN_NODE, c, nodeCount);
                } else {
                    int freeCpu = specs[c].cpuMilli() - usedCpu[c];
                    int freeGpu = specs[c].gpus() - Long.bitCount(usedGpuMask[c]);
                    long freeMem = sellableMem[c] - usedMem[c];
                    if (d.cpuMilli() > freeCpu) why = new Reject(Reject.Reason.NO_CPU, specs[c].name(), d.cpuMilli(), freeCpu);
                    else if (d.gpus() > freeGpu) why = new Reject(Reject.Reason.NO_GPU, specs[c].name(), d.gpus(), freeGpu);
                    else if (d.memMiB() > freeMem) why = new Reject(Reject.Reason.PAST_C_MAX, specs[c].name(), d.memMiB(), freeMem);
                    else {
                        long reserve = reserve(c, d, 0, 0, 0);
                        if (rate >= reserve)
                            return new Quote(c, 1, reserve, reserve * units * b.durationS(), balance);
                        why = new Reject(Reject.Reason.BELOW_RESERVE, specs[c].name(), rate, reserve);
                    }
                }
                if (first == null) first = why;
            }
            return first;
        }
        Target.Block block = (Target.Block) b.target();
        int size = block.gpus();
        int firstSlot = size <= gpusPerNode * nodeCount ? tree.findBlock(size) : -1;
        if (firstSlot < 0) return Reject.of(Reject.Reason.NO_BLOCK, size, tree.largestFreeBlock());
        int firstNode = firstSlot / gpusPerNode;
        int nodes = Math.max(1, size / gpusPerNode);
        Demand perNode = new Demand(block.cpuMilliPerNode(), block.memMiBPerNode(), Math.min(size, gpusPerNode));
        long reserveSum = 0;
        for (int n = firstNode; n < firstNode + nodes; n++) {
            int freeCpu = specs[n].cpuMilli() - usedCpu[n];
            long freeMem = sellableMem[n] - usedMem[n];
            if (perNode.cpuMilli() > freeCpu) return new Reject(Reject.Reason.NO_CPU, specs[n].name(), perNode.cpuMilli(), freeCpu);
            if (perNode.memMiB() > freeMem) return new Reject(Reject.Reason.PAST_C_MAX, specs[n].name(), perNode.memMiB(), freeMem);
            long r = reserve(n, perNode, 0, 0, 0);
            reserveSum = r == Long.MAX_VALUE || reserveSum > Long.MAX_VALUE - r ? Long.MAX_VALUE : reserveSum + r;
        }
        long reserve = reserveSum == Long.MAX_VALUE ? Long.MAX_VALUE : (reserveSum + nodes - 1) / nodes;
        if (rate < reserve) return new Reject(Reject.Reason.BELOW_RESERVE, specs[firstNode].name(), rate, reserve);
        return new Quote(firstNode, nodes, reserve, reserve * units * b.durationS(), balance);
    }

    private Result release(Release r) {
        Lease lease = leases.get(r.leaseId());
        if (lease == null) return Reject.of(Reject.Reason.UNKNOWN_LEASE, r.leaseId(), 0);
        if (!lease.account().equals(r.account())) return Reject.of(Reject.Reason.NOT_OWNER, r.leaseId(), 0);
        long tax = accruedTax(lease, clock);
        record(new JournalEntry.Released(lastSequence + 1, clock, lease.id(), tax));
        return new Settled(lease.id(), tax);
    }

    private Result mint(Mint m) {
        if (minted > Long.MAX_VALUE - m.micros()) return Reject.of(Reject.Reason.MINT_OVERFLOW, m.micros(), Long.MAX_VALUE - minted);
        record(new JournalEntry.Minted(lastSequence + 1, clock, m.account(), m.micros()));
        return new Credited(m.account(), m.micros(), wallets.get(m.account()).balance);
    }

    private Result usage(UsageReport u) {
        Lease lease = leases.get(u.leaseId());
        if (lease == null) return Reject.of(Reject.Reason.UNKNOWN_LEASE, u.leaseId(), 0);
        if (u.idleUnits() > lease.units()) return Reject.of(Reject.Reason.IDLE_EXCEEDS_UNITS, u.idleUnits(), lease.units());
        record(new JournalEntry.UsageSet(lastSequence + 1, clock, lease.id(), u.idleUnits()));
        return new Accepted(lastSequence);
    }

    private Result tick() {
        long taxTotal = 0;
        for (int i = 0; i < leases.capacity(); i++) {
            Lease lease = leases.at(i);
            if (lease == null) continue;
            long tax = accruedTax(lease, clock);
            if (tax > 0) {
                record(new JournalEntry.Taxed(lastSequence + 1, clock, lease.id(), lease.account(), tax));
                taxTotal += tax;
            }
        }
        long decay = decayAll(clock);
        append(new JournalEntry.Decayed(lastSequence + 1, clock, decay));
        lastTick = clock;
        return new Ticked(taxTotal, decay);
    }

    /** Holding tax on {@code lease}'s idle units since the last tick (or its start), capped at its account's balance. */
    private long accruedTax(Lease lease, long now) {
        if (lease.idleUnits() == 0 || taxRate == 0) return 0;
        long from = Math.max(lease.startNanos(), lastTick);
        if (now <= from) return 0;
        long tax = Tokens.perSecondCharge(taxRate, lease.idleUnits(), now - from);
        Wallet w = wallets.get(lease.account());
        long balance = w == null ? 0 : w.balance;
        return Math.min(tax, balance);
    }

    /** Decays every wallet over the time since the last tick; returns the µtokens burned. */
    private long decayAll(long now) {
        if (lastTick == NEVER || now <= lastTick || config.decayPerSecond() == 0) return 0;
        double factor = StrictMath.exp(-config.decayPerSecond() * ((now - lastTick) / (double) Tokens.NANOS_PER_SECOND));
        long total = 0;
        for (Wallet w : wallets.values()) {
            long b = w.balance;
            if (b <= 0) continue;
            long kept = (long) Math.floor(b * factor);
            if (kept > b) kept = b;
            if (kept < 0) kept = 0;
            w.balance = kept;
            total += b - kept;
        }
        burned += total;
        return total;
    }

    // ---------------------------------------------------------------- journal: append, apply, replay

    /** Appends {@code e} and applies it to the state. */
    private void record(JournalEntry e) {
        append(e);
        apply(e);
    }

    /** Appends {@code e} whose effect the caller has applied itself. */
    private void append(JournalEntry e) {
        journal.append(e);
        lastSequence = e.sequence();
        if (lastTick == NEVER) lastTick = e.nowNanos();
    }

    private void restore(JournalEntry e) {
        if (e.sequence() != lastSequence + 1)
            throw new IllegalStateException("journal entry " + e.sequence() + " does not follow " + lastSequence);
        apply(e);
        if (e instanceof JournalEntry.Filled f) {
            Lease l = f.lease();
            allocate(l.firstNode(), l.nodeCount(), l.cpuMilliPerNode(), l.memMiBPerNode(), l.gpuMask(), l.block());
            debit(l.account(), f.paidMicros());
            leases.put(l);
            if (!l.block()) nodeLeases.add(l.firstNode(), l.id());
            nextLeaseId = Math.max(nextLeaseId, l.id() + 1);
        } else if (e instanceof JournalEntry.Expanded x) {
            Lease l = leaseOrThrow(x.leaseId());
            allocate(l.firstNode(), 1, x.extra().cpuMilli(), x.extra().memMiB(), x.addedGpuMask(), false);
            debit(l.account(), x.paidMicros() + x.frictionMicros());
            leases.put(l.expandedBy(x.extra(), x.addedGpuMask()));
        }
        lastSequence = e.sequence();
        if (lastTick == NEVER) lastTick = e.nowNanos();
        if (e.nowNanos() > clock) clock = e.nowNanos();
    }

    /**
     * The effect of an entry on the state. Fills and expansions are applied by the clearing itself while live, and
     * by {@link #restore} on replay.
     */
    private void apply(JournalEntry e) {
        switch (e) {
            case JournalEntry.Minted m -> {
                Wallet w = wallets.computeIfAbsent(m.account(), Wallet::new);
                w.balance += m.micros();
                minted += m.micros();
            }
            case JournalEntry.Released r -> endLease(r.leaseId(), r.taxMicros());
            case JournalEntry.Evicted v -> endLease(v.leaseId(), v.taxMicros());
            case JournalEntry.Taxed t -> debit(t.account(), t.micros());
            case JournalEntry.Decayed d -> {
                long total = decayAll(d.nowNanos());
                if (total != d.burnedMicros())
                    throw new IllegalStateException("decay at entry " + d.sequence() + " burns " + total + ", journal says " + d.burnedMicros());
                lastTick = d.nowNanos();
            }
            case JournalEntry.ConditionSet c -> {
                thermal[c.node()] = c.thermal();
                external[c.node()] = c.external();
                demand[c.node()] = c.demand();
            }
            case JournalEntry.TaxRateSet t -> taxRate = t.microsPerUnitSecond();
            case JournalEntry.UsageSet u -> leases.put(leaseOrThrow(u.leaseId()).withIdleUnits(u.idleUnits()));
            case JournalEntry.Filled f -> { }
            case JournalEntry.Expanded x -> { }
        }
    }

    private void endLease(long id, long tax) {
        Lease l = leases.remove(id);
        if (l == null) throw new IllegalStateException("lease " + id + " is not open");
        for (int n = l.firstNode(); n < l.firstNode() + l.nodeCount(); n++) {
            usedCpu[n] -= l.cpuMilliPerNode();
            usedMem[n] -= l.memMiBPerNode();
            usedGpuMask[n] &= ~l.gpuMask();
        }
        if (l.block()) {
            int size = l.nodeCount() > 1 ? l.nodeCount() * gpusPerNode : l.gpusPerNode();
            tree.freeBlock(l.firstNode() * gpusPerNode + Long.numberOfTrailingZeros(l.gpuMask()), size);
        } else {
            if (l.gpuMask() != 0) tree.freeMask(l.firstNode(), l.gpuMask());
            nodeLeases.remove(l.firstNode(), id);
        }
        debit(l.account(), tax);
    }

    private void allocate(int firstNode, int nodes, int cpu, long mem, long mask, boolean block) {
        for (int n = firstNode; n < firstNode + nodes; n++) {
            if ((usedGpuMask[n] & mask) != 0) throw new IllegalStateException("GPUs " + mask + " of node " + n + " are sold twice");
            usedCpu[n] += cpu;
            usedMem[n] += mem;
            usedGpuMask[n] |= mask;
        }
        if (block) {
            int size = nodes > 1 ? nodes * gpusPerNode : Long.bitCount(mask);
            tree.allocateBlock(firstNode * gpusPerNode + Long.numberOfTrailingZeros(mask), size);
        } else if (mask != 0) {
            tree.allocateMask(firstNode, mask);
        }
    }

    private void debit(String account, long micros) {
        if (micros == 0) return;
        Wallet w = wallets.get(account);
        if (w == null || w.balance < micros)
            throw new IllegalStateException("account " + account + " cannot pay " + micros + " µtokens");
        w.balance -= micros;
        burned += micros;
    }

    private Lease leaseOrThrow(long id) {
        Lease l = leases.get(id);
        if (l == null) throw new IllegalStateException("lease " + id + " is not open");
        return l;
    }

    private static double[] filled(int n) {
        double[] a = new double[n];
        Arrays.fill(a, 1.0);
        return a;
    }

    /** The one reusable {@link NodeView} handed to the pricing function, with optional "as if" deltas. */
    private final class Cursor implements NodeView {
        int node;
        int dCpu;
        long dMem;
        int dGpu;

        @Override
        public int index() {
            return node;
        }

        @Override
        public NodeSpec spec() {
            return specs[node];
        }

        @Override
        public int usedCpuMilli() {
            return usedCpu[node] + dCpu;
        }

        @Override
        public long usedMemMiB() {
            return usedMem[node] + dMem;
        }

        @Override
        public int usedGpus() {
            return Long.bitCount(usedGpuMask[node]) + dGpu;
        }

        @Override
        public long sellableMemMiB() {
            return sellableMem[node];
        }

        @Override
        public double thermalMultiplier() {
            return thermal[node];
        }

        @Override
        public double externalMultiplier() {
            return external[node];
        }

        @Override
        public double demandMultiplier() {
            return demand[node];
        }
    }
}

package io.teg.bridge;

import io.teg.ledger.Bid;
import io.teg.ledger.Demand;
import io.teg.ledger.Fill;
import io.teg.ledger.InMemoryJournal;
import io.teg.ledger.LedgerBook;
import io.teg.ledger.LedgerConfig;
import io.teg.ledger.Mint;
import io.teg.ledger.Reject;
import io.teg.ledger.Release;
import io.teg.ledger.Result;
import io.teg.ledger.Settled;
import io.teg.ledger.Target;
import io.teg.model.NodeSpec;
import io.teg.model.TaskShape;
import io.teg.model.Topology;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * The zone ledgers inside slurmctld: one {@link LedgerBook} per zone of the topology, in memory. A lease is a real bid
 * for the job's cores and whole GPUs on one node that clears on arrival, {@link SlurmPlacement#LEASE_RATE_MICROS}
 * per unit-second (a unit is a GPU where the job holds GPUs, else a core), paid from the job's account; each
 * account is minted {@link SlurmPlacement#ACCOUNT_MINT_MICROS} once per zone. Slurm decides who runs: no eviction,
 * no memory held back. Its log lines are deferred ({@link DecisionLog#later}) and written at the bridge thread's next
 * drain, after the questions waiting. Not thread-safe: the bridge thread is its only caller.
 */
final class LocalZoneLedgers implements ZoneLedgers {

    private final DecisionLog log;
    private final LongSupplier nanoClock;
    private Topology topology;
    private LedgerBook[] books = new LedgerBook[0];
    private int[] zoneLocal = new int[0];       // topology index -> index within its zone's book
    private final Set<String> minted = new HashSet<>();
    private final Map<Long, Held> held = new HashMap<>();
    private Result lastResult;
    private long rejects;

    private record Held(String account, int[] zones, long[] leaseIds) {
    }

    /**
     * @param log where each lease and settlement goes
     * @param nanoClock a monotone clock, nanoseconds (the ledger's time stamps)
     */
    LocalZoneLedgers(DecisionLog log, LongSupplier nanoClock) {
        this.log = log;
        this.nanoClock = nanoClock;
    }

    @Override
    public String name() {
        return "local";
    }

    @Override
    public boolean available() {
        return true;
    }

    @Override
    public void nodeTable(Topology topology) {
        this.topology = topology;
        int zones = topology.zoneCount();
        List<List<NodeSpec>> perZone = new ArrayList<>();
        for (int z = 0; z < zones; z++) perZone.add(new ArrayList<>());
        zoneLocal = new int[topology.nodeCount()];
        for (int i = 0; i < topology.nodeCount(); i++) {
            List<NodeSpec> zoneNodes = perZone.get(topology.zoneOf(i));
            zoneLocal[i] = zoneNodes.size();
            // a lease asks the job's cores and whole GPUs on the node (see open): the books carry the GPUs too
            zoneNodes.add(topology.node(i));
        }
        books = new LedgerBook[zones];
        for (int z = 0; z < zones; z++) {
            if (perZone.get(z).isEmpty()) continue;
            // the defaults' parameters, read off a CPU-only twin (their 8 GPU slots would refuse a 16-GPU node)
            LedgerConfig d = LedgerConfig.defaults(perZone.get(z).stream()
                    .map(n -> NodeSpec.cpuOnly(n.name(), n.cpuMilli(), n.memMiB())).toList());
            int maxGpus = perZone.get(z).stream().mapToInt(NodeSpec::gpus).max().orElse(0);
            // GPU slots per node in the book's block tree: a power of two that holds the zone's largest node
            int slots = maxGpus <= 1 ? 1 : Integer.highestOneBit(maxGpus - 1) << 1;
            LedgerConfig c = new LedgerConfig(perZone.get(z), slots, d.pricing(), d.decayPerSecond(), d.frictionMicros(),
                    d.holdingTaxMicrosPerUnitSecond(), 1e300, 0.0, 0L, d.maxBidsPerWindow());
            books[z] = new LedgerBook(c, new InMemoryJournal(), (attachment, result) -> lastResult = result);
        }
        minted.clear();
        held.clear();
    }

    @Override
    public void open(long jobId, String account, int[] topo, TaskShape[] perNode) {
        long[] leases = new long[topo.length];
        int[] zones = new int[topo.length];
        int fills = 0;
        int refused = 0;
        long now = nanoClock.getAsLong();
        for (int i = 0; i < topo.length; i++) {
            int node = topo[i];
            int z = topology.zoneOf(node);
            zones[i] = z;
            if (minted.add(z + "/" + account))
                books[z].submit(new Mint(account, SlurmPlacement.ACCOUNT_MINT_MICROS, now), null);
            lastResult = null;
            Demand demand = Demand.of(perNode[i].cpuMilli(), 0, perNode[i].gpus());
            books[z].submit(Bid.perUnitSecond(jobId, account, Target.Nodes.of(demand, zoneLocal[node]),
                    SlurmPlacement.LEASE_RATE_MICROS, JobQuestion.UNLIMITED_AS_S, 1.0, now), null);
            if (lastResult instanceof Fill f) {
                leases[i] = f.leaseId();
                fills++;
            } else {
                leases[i] = -1;
                refused++;
                rejects++;
                if (lastResult instanceof Reject rj) {
                    String name = topology.node(node).name();
                    log.later(() -> "lease-refused job=" + jobId + " node=" + name + " reason=" + rj.reason());
                }
            }
        }
        Topology topo0 = topology;
        int filled = fills;
        int refusedHere = refused;
        log.later(() -> "lease job=" + jobId + " nodes=" + SlurmPlacement.names(topo0, topo) + " cpus="
                + SlurmPlacement.cpus(perNode) + SlurmPlacement.gpus(perNode) + " fills=" + filled + " rejects="
                + refusedHere + " account=" + account);
        held.put(jobId, new Held(account, zones, leases));
    }

    @Override
    public void settle(long jobId) {
        Held h = held.remove(jobId);
        if (h == null) return;
        long tax = 0;
        int settled = 0;
        long now = nanoClock.getAsLong();
        for (int i = 0; i < h.leaseIds().length; i++) {
            if (h.leaseIds()[i] < 0) continue;
            lastResult = null;
            books[h.zones()[i]].submit(new Release(h.leaseIds()[i], h.account(), now), null);
            if (lastResult instanceof Settled s) {
                tax += s.taxBurnedMicros();
                settled++;
            }
        }
        int settledHere = settled;
        long taxHere = tax;
        log.later(() -> "settle job=" + jobId + " leases=" + settledHere + " tax_burned_micros=" + taxHere);
    }

    @Override
    public int openLeases() {
        int n = 0;
        for (LedgerBook b : books) if (b != null) n += b.leaseCount();
        return n;
    }

    @Override
    public long rejects() {
        return rejects;
    }

    @Override
    public void close() {
        held.clear();
    }
}

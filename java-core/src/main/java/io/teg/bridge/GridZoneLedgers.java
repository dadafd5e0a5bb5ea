package io.teg.bridge;

import io.teg.agent.AnalyticLandscape;
import io.teg.agent.Landscape;
import io.teg.grid.FieldLandscape;
import io.teg.grid.FieldView;
import io.teg.grid.GridNode;
import io.teg.grid.GridSettings;
import io.teg.grid.OrderDesk;
import io.teg.grid.OrderOutcome;
import io.teg.ledger.Bid;
import io.teg.ledger.Command;
import io.teg.ledger.Demand;
import io.teg.ledger.Mint;
import io.teg.ledger.Release;
import io.teg.ledger.Target;
import io.teg.model.TaskShape;
import io.teg.model.Topology;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * The grid's zone ledgers, seen from slurmctld: a Hazelcast client (a {@code hazelcast-client} file, loaded by
 * {@link GridSettings}) whose leases are opened and settled through the grid's {@link OrderDesk}, and whose field is
 * read from a {@link FieldView} (near-cached, every snapshot's signature checked against the site key).
 *
 * <h2>Never in slurmctld's way</h2>
 * The client connects on a thread of its own; {@link #start} waits at most {@code waitMillis} for it, and gives the
 * grid up when it has not connected by then. The bridge
 * thread only queues lease work: one worker thread sends the orders, in the order Slurm began and finished the jobs,
 * each until a final answer or {@link #ORDER_DEADLINE_MILLIS} (a member's death moves its zones within seconds, and
 * the desk sends the same signed order again, which the new owner applies once). The ranking reads the field from
 * what the view holds, never over the network. When the client cannot connect, or an order gets no final answer in
 * time, the grid is marked down with one log line ({@code grid-down}) and new jobs lease from the local ledgers;
 * lease work still queued for the grid is dropped and counted ({@code grid_lost}).
 *
 * <h2>Zones</h2>
 * Topology zone {@code z} (128 nodes of slurm.conf's order each) is the {@code z}-th zone of the file's
 * {@code teg.zones}, and a node is its zone-local index there; when the file lists fewer zones, or a zone with fewer
 * nodes than Slurm puts in it, the grid is not used ({@code grid-down} names the zone).
 */
final class GridZoneLedgers implements ZoneLedgers {

    /** The longest a lease order may wait for a final answer before the grid is marked down, milliseconds. */
    static final long ORDER_DEADLINE_MILLIS = 20_000;

    private final GridSettings settings;
    private final DecisionLog log;
    private final LongSupplier nanoClock;
    private final List<String> zoneNames;
    private final CountDownLatch started = new CountDownLatch(1);
    private volatile GridNode node;
    private volatile OrderDesk desk;
    private volatile FieldView field;
    private volatile String down;               // why the grid is not used; null while it is
    private volatile String unmapped;           // why this node table does not fit the grid's zones; null when it does
    private volatile boolean closed;

    // bridge thread
    private Topology topology;
    private int[] zoneLocal = new int[0];
    private final Set<Long> sent = new HashSet<>();
    private boolean fieldTold;

    // worker thread
    private final BlockingQueue<Runnable> work = new LinkedBlockingQueue<>();
    private final Thread worker;
    private final Map<Long, Held> held = new HashMap<>();
    private final Set<String> minted = new HashSet<>();
    private final AtomicInteger openLeases = new AtomicInteger();
    private final AtomicLong rejects = new AtomicLong();
    private final AtomicLong lost = new AtomicLong();

    private record Held(String account, String[] zones, long[] leaseIds) {
    }

    private GridZoneLedgers(GridSettings settings, DecisionLog log, LongSupplier nanoClock) {
        this.settings = settings;
        this.log = log;
        this.nanoClock = nanoClock;
        this.zoneNames = new ArrayList<>(settings.zones().keySet());
        this.worker = new Thread(this::work, "teg-grid-leases");
        worker.setDaemon(true);
    }

    /**
     * Starts connecting the client of {@code settings} and waits up to {@code waitMillis} for it. A client that has not
     * connected by then is given up ({@code grid-down}, once): the local ledgers keep every lease until slurmctld
     * restarts, and a connection that completes later is closed again.
     *
     * @throws IllegalArgumentException when {@code settings} is a member file
     */
    static GridZoneLedgers start(GridSettings settings, DecisionLog log, LongSupplier nanoClock, long waitMillis)
            throws InterruptedException {
        if (settings.client() == null)
            throw new IllegalArgumentException(settings.file() + ": GridClientConfig must name a hazelcast-client file "
                    + "(teg-client.yaml); this one configures a member");
        GridZoneLedgers g = new GridZoneLedgers(settings, log, nanoClock);
        if (g.zoneNames.isEmpty())
            g.markDown(settings.file() + ": hazelcast-client.properties.teg.zones names no zones, so Slurm's zones "
                    + "cannot be mapped to the grid's");
        Thread connect = new Thread(g::connect, "teg-grid-connect");
        connect.setDaemon(true);
        connect.start();
        g.worker.start();
        if (!g.started.await(waitMillis, TimeUnit.MILLISECONDS))
            g.markDown("the client could not join cluster " + settings.client().getClusterName() + " of "
                    + settings.file() + ": no member answered within " + waitMillis + " ms");
        return g;
    }

    private void connect() {
        try {
            GridNode n = GridNode.start(settings);
            if (closed || down != null) { // given up on at start-up: the local ledgers keep the leases
                n.close();
                return;
            }
            desk = n.orderDesk();
            field = n.fieldView();
            node = n;
            log.line("grid-client file=" + settings.file() + " cluster=" + settings.client().getClusterName()
                    + " members=" + n.hazelcast().getCluster().getMembers().size() + " zones=" + String.join(",", zoneNames)
                    + " sender=" + desk.sender());
        } catch (Throwable t) {
            markDown("the client could not join cluster " + settings.client().getClusterName() + ": "
                    + String.valueOf(t.getMessage()).replace('\n', ' '));
        } finally {
            started.countDown();
        }
    }

    private void markDown(String why) {
        if (down != null) return;
        down = why;
        log.line("grid-down reason=\"" + why.replace('"', '\'') + "\" (new jobs lease from the local ledger)");
    }

    @Override
    public String name() {
        return "grid";
    }

    @Override
    public boolean available() {
        return node != null && down == null && unmapped == null;
    }

    @Override
    public void nodeTable(Topology topology) {
        this.topology = topology;
        int[] counts = new int[topology.zoneCount()];
        zoneLocal = new int[topology.nodeCount()];
        for (int i = 0; i < topology.nodeCount(); i++) zoneLocal[i] = counts[topology.zoneOf(i)]++;
        String why = null;
        for (int z = 0; z < counts.length && why == null; z++) {
            if (counts[z] == 0) continue;
            if (z >= zoneNames.size())
                why = "Slurm's nodes fill " + counts.length + " zones of 128, " + settings.file() + " lists "
                        + zoneNames.size() + " in teg.zones";
            else if (settings.zones().get(zoneNames.get(z)).nodes().size() < counts[z])
                why = "grid zone " + zoneNames.get(z) + " has " + settings.zones().get(zoneNames.get(z)).nodes().size()
                        + " nodes in " + settings.file() + ", Slurm puts " + counts[z] + " in it";
        }
        if (why != null && !why.equals(unmapped))
            log.line("grid-unmapped reason=\"" + why + "\" (new jobs lease from the local ledger)");
        unmapped = why;
    }

    @Override
    public void open(long jobId, String account, int[] topo, TaskShape[] perNode) {
        if (!sent.add(jobId)) return; // carried over a reconfiguration: its leases are on the grid already
        String names = SlurmPlacement.names(topology, topo);
        String cpus = SlurmPlacement.cpus(perNode);
        String[] zones = new String[topo.length];
        int[] local = new int[topo.length];
        int[] cpuMilli = new int[topo.length];
        for (int i = 0; i < topo.length; i++) {
            zones[i] = zoneNames.get(topology.zoneOf(topo[i]));
            local[i] = zoneLocal[topo[i]];
            cpuMilli[i] = perNode[i].cpuMilli();
        }
        long now = nanoClock.getAsLong();
        work.add(() -> openOnGrid(jobId, account, zones, local, cpuMilli, names, cpus, now));
    }

    @Override
    public void settle(long jobId) {
        if (!sent.remove(jobId)) return;
        long now = nanoClock.getAsLong();
        work.add(() -> settleOnGrid(jobId, now));
    }

    private void work() {
        try {
            while (!closed) {
                Runnable r = work.take();
                if (down != null) {
                    lost.incrementAndGet();
                    continue;
                }
                r.run();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private OrderOutcome send(String zone, Command command) {
        try {
            return desk.placeUntilAnswered(desk.sign(zone, command), ORDER_DEADLINE_MILLIS);
        } catch (TimeoutException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            markDown("no final answer from zone " + zone + " within " + ORDER_DEADLINE_MILLIS + " ms: "
                    + String.valueOf(cause.getMessage()).replace('\n', ' '));
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        } catch (RuntimeException e) {
            markDown("zone " + zone + ": " + e);
            return null;
        }
    }

    private void openOnGrid(long jobId, String account, String[] zones, int[] local, int[] cpuMilli, String names,
                            String cpus, long now) {
        long[] leases = new long[zones.length];
        int fills = 0;
        int refused = 0;
        for (int i = 0; i < zones.length; i++) {
            leases[i] = -1;
            if (minted.add(zones[i] + "/" + account)) {
                OrderOutcome m = send(zones[i], new Mint(account, SlurmPlacement.ACCOUNT_MINT_MICROS, now));
                if (m == null) return;
            }
            // CPU-shaped: the grid's zone books are built from the grid's own node list, which need not carry
            // the GPUs slurm.conf declares (the local ledger prices a GPU job's GPUs)
            OrderOutcome o = send(zones[i], Bid.perUnitSecond(jobId, account,
                    Target.Nodes.of(Demand.of(cpuMilli[i], 0, 0), local[i]), SlurmPlacement.LEASE_RATE_MICROS,
                    JobQuestion.UNLIMITED_AS_S, 1.0, now));
            if (o == null) return;
            if (o.status() == OrderOutcome.Status.FILLED) {
                leases[i] = o.leaseId();
                fills++;
                openLeases.incrementAndGet();
            } else {
                refused++;
                rejects.incrementAndGet();
                log.line("lease-refused job=" + jobId + " zone=" + zones[i] + " node=" + local[i] + " ledger=grid reason="
                        + o.status() + ": " + o.message());
            }
        }
        held.put(jobId, new Held(account, zones, leases));
        log.line("lease job=" + jobId + " nodes=" + names + " cpus=" + cpus + " fills=" + fills + " rejects=" + refused
                + " ledger=grid account=" + account);
    }

    private void settleOnGrid(long jobId, long now) {
        Held h = held.remove(jobId);
        if (h == null) return;
        int settled = 0;
        long tax = 0;
        for (int i = 0; i < h.leaseIds().length; i++) {
            if (h.leaseIds()[i] < 0) continue;
            OrderOutcome o = send(h.zones()[i], new Release(h.leaseIds()[i], h.account(), now));
            if (o == null) return;
            openLeases.decrementAndGet();
            if (o.status() == OrderOutcome.Status.SETTLED) {
                settled++;
                tax += o.micros();
            } else {
                log.line("settle-refused job=" + jobId + " zone=" + h.zones()[i] + " lease=" + h.leaseIds()[i]
                        + " ledger=grid reason=" + o.status() + ": " + o.message());
            }
        }
        log.line("settle job=" + jobId + " leases=" + settled + " tax_burned_micros=" + tax + " ledger=grid");
    }

    /**
     * The field to rank with, seen {@code lookAheadS} ahead: the verified snapshot of the grid zone that Slurm's first
     * zone maps to, as the view holds it now (no network call), else the flat landscape.
     */
    Landscape landscape(double lookAheadS) {
        FieldView f = field;
        if (f != null && !zoneNames.isEmpty()) {
            Optional<FieldLandscape> l = FieldLandscape.of(f, zoneNames.getFirst(), lookAheadS);
            if (l.isPresent()) {
                if (!fieldTold) {
                    fieldTold = true;
                    log.line("grid-field zone=" + zoneNames.getFirst() + " epoch=" + l.get().epoch()
                            + " (the ranking's potential, signature verified)");
                }
                return l.get();
            }
        }
        return AnalyticLandscape.flat().ahead(lookAheadS);
    }

    @Override
    public int openLeases() {
        return openLeases.get();
    }

    @Override
    public long rejects() {
        return rejects.get();
    }

    /** Lease orders dropped because the grid was down when their turn came. */
    long lost() {
        return lost.get();
    }

    /** Why the grid is not used, or empty while it is. */
    Optional<String> down() {
        return Optional.ofNullable(down != null ? down : unmapped);
    }

    @Override
    public void close() {
        closed = true;
        worker.interrupt();
        GridNode n = node;
        if (n == null) return;
        Thread stop = new Thread(() -> {
            FieldView f = field;
            if (f != null) f.close();
            n.close();
        }, "teg-grid-stop");
        stop.setDaemon(true);
        stop.start();
        try {
            stop.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

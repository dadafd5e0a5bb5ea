package io.teg.grid;

import io.teg.ledger.Bid;
import io.teg.ledger.Demand;
import io.teg.ledger.Lease;
import io.teg.ledger.Mint;
import io.teg.ledger.Release;
import io.teg.ledger.Target;
import io.teg.ledger.Tokens;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Three grid members as separate JVM processes on loopback ports 5901-5903, and a client in this JVM in the
 * slurmctld role. The field reaches every member process within 100 ms; {@code kill -9} of the member that owns a
 * zone in the middle of a burst moves the zone within 5 s without losing an accepted order or lease, with the token
 * invariant exact, and every order that the senders resend is applied exactly once; the client keeps placing jobs while members leave and join.
 */
class GridProcessesIT {

    private static final Duration LIMIT = Duration.ofSeconds(60);
    private static final String ZONE = "z0";

    private GridFiles files;
    private final Member[] members = new Member[3];
    private GridNode client;

    /** One member process and what it has reported. */
    private static final class Member {
        final Process process;
        final AtomicReference<String> uuid = new AtomicReference<>();
        final java.util.concurrent.atomic.AtomicInteger safeWith = new java.util.concurrent.atomic.AtomicInteger();
        final Map<Long, Long> fieldSeenAt = new ConcurrentHashMap<>();
        final Map<Long, Long> eventAt = new ConcurrentHashMap<>();
        final Map<Long, Long> publishedAt = new ConcurrentHashMap<>();

        Member(Process process) {
            this.process = process;
            Thread t = new Thread(this::read, "member-output-" + process.pid());
            t.setDaemon(true);
            t.start();
        }

        private void read() {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = in.readLine()) != null; ) {
                    String[] w = line.split(" ");
                    switch (w[0]) {
                        case "READY" -> uuid.set(w[1]);
                        case "SAFE" -> safeWith.set(Integer.parseInt(w[1]));
                        case "FIELD" -> { if (w[1].equals(ZONE)) fieldSeenAt.putIfAbsent(Long.parseLong(w[3]), Long.parseLong(w[4])); }
                        case "EVENT" -> { if (w[1].equals(ZONE)) eventAt.putIfAbsent(Long.parseLong(w[3]), Long.parseLong(w[4])); }
                        case "PUBLISHED" -> { if (w[1].equals(ZONE)) publishedAt.put(Long.parseLong(w[3]), Long.parseLong(w[4])); }
                        default -> { }
                    }
                }
            } catch (IOException e) {
                // the process ended
            }
        }
    }

    private Member start(int index, String... extra) throws IOException {
        return new Member(GridMemberMain.launch(files, index, extra));
    }

    @AfterEach
    void stop() {
        if (client != null) client.close();
        for (Member m : members) {
            if (m == null) continue;
            try {
                m.process.getOutputStream().close();
            } catch (IOException e) {
                // already gone
            }
        }
        for (Member m : members) {
            if (m == null) continue;
            try {
                if (!m.process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) m.process.destroyForcibly();
            } catch (InterruptedException e) {
                m.process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }

    private void startCluster(String name) throws IOException {
        files = new GridFiles(Path.of("target", "it-grid", name), "teg-it-" + name, 5901, 3, "z0=32,z1=16");
        members[0] = start(0, "--governor", "50");
        Await.until("the first member to be ready", LIMIT, () -> members[0].uuid.get() != null);
        members[1] = start(1);
        members[2] = start(2);
        for (Member m : members) Await.until("member " + m.process.pid() + " to be ready", LIMIT, () -> m.uuid.get() != null);
        client = GridNode.start(GridSettings.load(files.client("site.key")));
        Await.until("three members", LIMIT, () -> client.hazelcast().getCluster().getMembers().size() == 3);
    }

    private List<String> journalOf(Set<Long> leaseIds, long last) {
        var journal = client.hazelcast().<ZoneKey, JournalRecord>getMap(GridNames.JOURNAL);
        List<String> found = new ArrayList<>();
        for (long s = 1; s <= last; s++) {
            var e = journal.get(new ZoneKey(ZONE, s));
            String text = String.valueOf(e);
            for (long id : leaseIds) if (text.contains("leaseId=" + id + ",") || text.contains("Lease[id=" + id + ",")) found.add(text);
        }
        return found;
    }

    /** How many resends the member processes answered with a recorded outcome, from their logs. */
    private long answeredFromJournal() throws IOException {
        long n = 0;
        for (int i = 0; i < 3; i++) {
            Path log = files.dir.resolve("member-" + i + ".log");
            if (Files.exists(log)) n += Files.readAllLines(log).stream().filter(l -> l.contains("was applied already")).count();
        }
        return n;
    }

    /** Every journal entry written with an order key: the key and the lease (or 0) of each such entry. */
    private Map<String, List<Long>> effectsByOrder(long last) {
        var journal = client.hazelcast().<ZoneKey, JournalRecord>getMap(GridNames.JOURNAL);
        Map<String, List<Long>> byOrder = new HashMap<>();
        for (long from = 1; from <= last; from += 500) {
            Set<ZoneKey> keys = new HashSet<>();
            for (long s = from; s <= Math.min(last, from + 499); s++) keys.add(new ZoneKey(ZONE, s));
            for (JournalRecord r : journal.getAll(keys).values()) {
                if (r.orderKey().isEmpty()) continue;
                long lease = switch (r.entry()) {
                    case io.teg.ledger.JournalEntry.Filled f -> f.lease().id();
                    case io.teg.ledger.JournalEntry.Released x -> x.leaseId();
                    default -> 0L;
                };
                byOrder.computeIfAbsent(r.orderKey(), k -> new ArrayList<>()).add(lease);
            }
        }
        return byOrder;
    }

    @Test
    void shouldShowEachFieldOnEveryMemberProcessWithin100MsWhenTheGovernorPublishes() throws IOException {
        startCluster("field");
        // Members that joined late never see the epochs before they started watching, and while partitions migrate
        // after the joins the field's updates can reach a listener from the old and the new owner out of order (the
        // view keeps the newest, so an older epoch is never shown). Count from the first epoch published after
        // every member has seen a field and reports three members with no migration running, and skip five more
        // to warm the code paths up.
        Await.until("every member settled with three members and a field seen", LIMIT, () -> {
            for (Member m : members) if (m.fieldSeenAt.isEmpty() || m.safeWith.get() != 3) return false;
            return !members[0].publishedAt.isEmpty();
        });
        long first = members[0].publishedAt.keySet().stream().mapToLong(Long::longValue).max().orElseThrow() + 5;
        long last = first + 59;
        Await.until("60 epochs published and seen everywhere", LIMIT, () -> {
            for (long e = first; e <= last; e++) {
                if (!members[0].publishedAt.containsKey(e)) return false;
                for (Member m : members) if (!m.fieldSeenAt.containsKey(e)) return false;
            }
            return true;
        });
        List<Long> perEpoch = new ArrayList<>();
        for (long e = first; e <= last; e++) {
            long published = members[0].publishedAt.get(e);
            long worst = 0;
            for (Member m : members) worst = Math.max(worst, m.fieldSeenAt.get(e) - published);
            perEpoch.add(worst);
        }
        List<Long> perEpochEvent = new ArrayList<>();
        for (long e = first; e <= last; e++) {
            long published = members[0].publishedAt.get(e);
            long worst = 0;
            for (Member m : members) if (m.eventAt.containsKey(e)) worst = Math.max(worst, m.eventAt.get(e) - published);
            perEpochEvent.add(worst);
        }
        VisibilityBound.describe("raw map event (before verification) on 3 member processes", perEpochEvent);
        VisibilityBound.check("3 member processes", perEpoch);
    }

    @Test
    void shouldMoveTheZoneWithoutLosingOrdersWhenItsOwnerIsKilledAndMembersComeAndGo() throws Exception {
        startCluster("failover");
        OrderDesk desk = client.orderDesk();
        long minted = Tokens.ofTokens(1_000_000);
        assertThat(desk.placeUntilAnswered(desk.sign(ZONE, new Mint("alice", minted, 1)), 30_000).status())
                .isEqualTo(OrderOutcome.Status.CREDITED);

        Set<Long> open = ConcurrentHashMap.newKeySet();
        List<long[]> fills = new CopyOnWriteArrayList<>(); // {leaseId, nanoTime answered}
        List<String> answeredBy = new CopyOnWriteArrayList<>();
        Map<String, Long> filledBy = new ConcurrentHashMap<>(); // order key -> lease
        AtomicInteger placed = new AtomicInteger();
        List<String> refusedResends = new CopyOnWriteArrayList<>();
        AtomicReference<Throwable> burstFailure = new AtomicReference<>();
        int jobs = 400;
        int senders = 8; // orders of eight senders in flight at once when the owner dies
        List<Thread> burst = new ArrayList<>();
        for (int t = 0; t < senders; t++) {
            int sender = t;
            burst.add(new Thread(() -> {
                try {
                    Set<Long> mine = new HashSet<>();
                    for (int job = 1 + sender; job <= jobs; job += senders) {
                        // A large mass keeps every seated lease from eviction, so each accepted lease must stay open
                        // until this burst releases it.
                        Bid bid = Bid.perUnitSecond(job, "alice", Target.Nodes.of(Demand.of(1_000, 1_024, 1), job % 32,
                                (job + 1) % 32, (job + 2) % 32), 2_000, 60, 1e9, job * 10L);
                        SignedOrder order = desk.sign(ZONE, bid);
                        OrderOutcome o = desk.placeUntilAnswered(order, 30_000);
                        if (o.status() == OrderOutcome.Status.FILLED) {
                            open.add(o.leaseId());
                            mine.add(o.leaseId());
                            filledBy.put(order.key(), o.leaseId());
                            fills.add(new long[] {o.leaseId(), System.nanoTime()});
                            answeredBy.add(o.member());
                        }
                        if (job % 2 == 0 && !mine.isEmpty()) {
                            long lease = mine.iterator().next();
                            OrderOutcome r = desk.placeUntilAnswered(desk.sign(ZONE, new Release(lease, "alice", job * 10L + 5)), 30_000);
                            if (r.status() == OrderOutcome.Status.SETTLED) {
                                open.remove(lease);
                                mine.remove(lease);
                            } else {
                                // Exactly once: a release resent after the owner applied it is answered SETTLED
                                // from the journal, never refused as the release of a closed lease.
                                refusedResends.add(lease + ": " + r);
                            }
                        }
                        placed.incrementAndGet();
                    }
                } catch (Throwable e) {
                    burstFailure.set(e);
                }
            }, "burst-" + t));
        }
        burst.forEach(Thread::start);

        Await.until("a quarter of the burst", LIMIT, () -> placed.get() >= jobs / 4);
        String ownerUuid = client.hazelcast().getPartitionService().getPartition(ZONE).getOwner().getUuid().toString();
        int victim = -1;
        for (int i = 0; i < 3; i++) if (members[i].uuid.get().equals(ownerUuid)) victim = i;
        assertThat(victim).as("the owner of %s is one of the member processes", ZONE).isNotNegative();
        int fillsBefore = fills.size();
        long killedAt = System.nanoTime();
        members[victim].process.destroyForcibly(); // SIGKILL: no goodbye to the cluster
        members[victim].process.waitFor();

        Await.until("a fill from a surviving member", LIMIT, () -> {
            for (int i = fillsBefore; i < fills.size(); i++) if (!answeredBy.get(i).equals(ownerUuid)) return true;
            return false;
        });
        long firstFillAfter = 0;
        for (int i = fillsBefore; i < fills.size(); i++)
            if (!answeredBy.get(i).equals(ownerUuid)) { firstFillAfter = fills.get(i)[1]; break; }
        double failoverS = (firstFillAfter - killedAt) / 1e9;
        System.out.printf("grid failover: kill -9 of the owner of %s to the first fill on its successor: %.2f s%n", ZONE, failoverS);
        assertThat(failoverS).as("another member owns the zone within 5 s (issue 6)").isLessThan(5.0);

        // Members come and go: the killed one comes back (a join moves partitions again) while the burst goes on.
        Await.until("half of the burst", LIMIT, () -> placed.get() >= jobs / 2);
        members[victim] = start(victim);
        Member back = members[victim];
        Await.until("the member to come back", LIMIT, () -> back.uuid.get() != null);
        Await.until("three members again", LIMIT, () -> client.hazelcast().getCluster().getMembers().size() == 3);
        for (Thread t : burst) {
            t.join(Duration.ofSeconds(120));
            assertThat(t.isAlive()).as("the burst finished").isFalse();
        }
        assertThat(burstFailure.get()).as("every order got a final answer").isNull();
        assertThat(placed.get()).isEqualTo(jobs);

        ZoneAudit audit = client.hazelcast().getExecutorService(GridNames.ORDERS)
                .submitToKeyOwner(new AuditZone(ZONE), ZONE).get();
        assertThat(audit.balanced()).as("minted - burned = balances + escrow, exactly: %s", audit).isTrue();
        assertThat(audit.mintedMicros()).isEqualTo(minted);
        Set<Long> inLedger = new HashSet<>();
        for (long id : audit.leaseIds()) inLedger.add(id);
        Set<Long> missing = new HashSet<>(open);
        missing.removeAll(inLedger);
        assertThat(missing).as("every accepted, unreleased lease survived; journal entries of the missing ones: %s",
                journalOf(missing, audit.lastSequence())).isEmpty();
        Set<Long> unknown = new HashSet<>(inLedger);
        unknown.removeAll(open);
        assertThat(unknown).as("no lease the senders were not told of (a bid applied twice); journal entries: %s",
                journalOf(unknown, audit.lastSequence())).isEmpty();
        assertThat(refusedResends).as("every release answered SETTLED").isEmpty();
        Map<String, List<Long>> effects = effectsByOrder(audit.lastSequence());
        for (Map.Entry<String, List<Long>> e : effects.entrySet())
            assertThat(e.getValue()).as("journal entries of order %s", e.getKey()).hasSize(1);
        for (Map.Entry<String, Long> f : filledBy.entrySet())
            assertThat(effects.get(f.getKey())).as("the fill of order %s in the journal", f.getKey())
                    .containsExactly(f.getValue());
        var leaseMap = client.hazelcast().<ZoneKey, Lease>getMap(GridNames.LEASES);
        for (long id : open) assertThat(leaseMap.get(new ZoneKey(ZONE, id))).as("lease %d in teg-leases", id).isNotNull();
        assertThat(fills.size()).isGreaterThan(jobs / 2);
        System.out.printf("grid burst: %d bids from %d senders, %d fills, %d open leases checked, %d journal entries "
                + "with an order key, resends answered from the journal: %d%n",
                jobs, senders, fills.size(), open.size(), effects.size(), answeredFromJournal());
    }
}

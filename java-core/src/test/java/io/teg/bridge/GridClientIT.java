package io.teg.bridge;

import io.teg.grid.AuditZone;
import io.teg.grid.GridFiles;
import io.teg.grid.GridMemberMain;
import io.teg.grid.GridNames;
import io.teg.grid.GridNode;
import io.teg.grid.GridSettings;
import io.teg.grid.JournalRecord;
import io.teg.grid.ZoneAudit;
import io.teg.grid.ZoneKey;
import io.teg.ledger.JournalEntry;
import io.teg.ledger.Lease;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * slurmctld as a grid client: three grid members as separate processes on loopback ports 6031-6033, a real
 * slurmctld with select/teg and four slurmds whose teg.conf names a teg-client.yaml for those members, and a
 * Hazelcast client in this JVM that reads the grid. The leases of running jobs are in the grid's lease map and are
 * settled when the jobs end; {@code kill -9} of the member that owns the zone in the middle of the run does not stop
 * placement or lose a lease. With no member running, slurmctld starts, says so once, and leases locally.
 */
class GridClientIT {

    private static final Duration LIMIT = Duration.ofSeconds(90);
    private static final String ZONE = "z0";
    private static final Pattern LEASE = Pattern.compile("^lease job=(\\d+) .* fills=(\\d+) rejects=(\\d+)( ledger=grid)? account=.*$");
    private static final Pattern SETTLE = Pattern.compile("^settle job=(\\d+) leases=(\\d+) .*?( ledger=grid)?$");

    private GridFiles files;
    private final List<Member> members = new ArrayList<>();
    private GridNode reader;
    private LocalSlurm slurm;

    /** One member process and its UUID, once it reported ready. */
    private record Member(Process process, AtomicReference<String> uuid) {
    }

    @AfterEach
    void stop() throws Exception {
        try {
            if (slurm != null) slurm.close();
        } finally {
            if (reader != null) reader.close();
            for (Member m : members) {
                try {
                    m.process().getOutputStream().close();
                } catch (IOException e) {
                    // already gone
                }
            }
            for (Member m : members)
                if (!m.process().waitFor(10, TimeUnit.SECONDS)) m.process().destroyForcibly();
        }
    }

    private Member startMember(int index, String... extra) throws IOException {
        Process p = GridMemberMain.launch(files, index, extra);
        AtomicReference<String> uuid = new AtomicReference<>();
        Thread t = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = in.readLine()) != null; )
                    if (line.startsWith("READY ")) uuid.set(line.substring(6).trim());
            } catch (IOException e) {
                // the process ended
            }
        }, "member-output-" + p.pid());
        t.setDaemon(true);
        t.start();
        Member m = new Member(p, uuid);
        members.add(m);
        return m;
    }

    private Map<ZoneKey, Lease> gridLeases() {
        return new HashMap<>(reader.hazelcast().<ZoneKey, Lease>getMap(GridNames.LEASES));
    }

    private List<Long> submit(int count, int sleepS) throws Exception {
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < count; i++)
            ids.add(slurm.submit("-N", Integer.toString(1 + i % 2), "-n", Integer.toString(1 + i % 2 + i % 3), "-t", "5",
                    "--wrap", "sleep " + sleepS));
        return ids;
    }

    private void assertCompleted(List<Long> ids) throws Exception {
        Map<Long, LocalSlurm.JobView> jobs = slurm.jobs();
        for (long id : ids)
            assertThat(jobs.get(id)).as("job " + id).isNotNull().extracting(LocalSlurm.JobView::state).isEqualTo("COMPLETED");
    }

    private List<String> lines(String prefix) {
        try {
            return slurm.decisions().stream().filter(l -> l.startsWith(prefix)).toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    @Test
    void shouldLeaseOnTheGridAndKeepPlacingWhenTheZoneOwnerIsKilled() throws Exception {
        files = new GridFiles(Path.of("target", "it-grid", "slurmctld-client"), "teg-it-ctld", 6031, 3, "z0=16,z1=16");
        Member first = startMember(0, "--governor", "200");
        LocalSlurm.await(LIMIT, "the first member to be ready", () -> first.uuid().get() != null);
        startMember(1);
        startMember(2);
        for (Member m : members) LocalSlurm.await(LIMIT, "member " + m.process().pid(), () -> m.uuid().get() != null);
        reader = GridNode.start(GridSettings.load(files.client("site.key")));
        LocalSlurm.await(LIMIT, "three members", () -> reader.hazelcast().getCluster().getMembers().size() == 3);

        slurm = LocalSlurm.create("grid-client", 4, 4,
                LocalSlurm.defaultTegConf("GridClientConfig=" + files.client("site.key").toAbsolutePath())).start();
        LocalSlurm.await(LIMIT, "the grid client in slurmctld", () -> !lines("grid-client ").isEmpty());

        List<Long> before = submit(6, 8);
        // while they run, their leases are on the grid, one per node of each job
        LocalSlurm.await(LIMIT, "leases of running jobs on the grid", () -> {
            Set<Long> jobs = new HashSet<>();
            for (Lease l : gridLeases().values()) jobs.add(l.jobId());
            return jobs.size() >= 2;
        });
        Set<Long> leasedJobs = new HashSet<>();
        for (Lease l : gridLeases().values()) leasedJobs.add(l.jobId());
        assertThat(before).containsAll(leasedJobs);

        String owner = reader.hazelcast().getPartitionService().getPartition(ZONE).getOwner().getUuid().toString();
        Member victim = members.stream().filter(m -> owner.equals(m.uuid().get())).findFirst().orElseThrow();
        victim.process().destroyForcibly(); // SIGKILL
        victim.process().waitFor(10, TimeUnit.SECONDS);
        List<Long> after = submit(6, 2);

        slurm.awaitQueueEmpty(Duration.ofSeconds(180));
        assertCompleted(before);
        assertCompleted(after);
        LocalSlurm.await(LIMIT, "every grid lease settled", () -> gridLeases().isEmpty());

        // every job leased on the grid, and settled as many leases as it was filled
        Map<Long, Integer> filled = new HashMap<>();
        Map<Long, Integer> settled = new HashMap<>();
        for (String l : slurm.decisions()) {
            Matcher m = LEASE.matcher(l);
            if (m.matches()) {
                assertThat(m.group(4)).as("ledger of " + l).isEqualTo(" ledger=grid");
                assertThat(m.group(3)).as("rejects in " + l).isEqualTo("0");
                filled.put(Long.parseLong(m.group(1)), Integer.parseInt(m.group(2)));
            }
            Matcher s = SETTLE.matcher(l);
            if (s.matches()) {
                assertThat(s.group(3)).as("ledger of " + l).isEqualTo(" ledger=grid");
                settled.put(Long.parseLong(s.group(1)), Integer.parseInt(s.group(2)));
            }
        }
        List<Long> all = new ArrayList<>(before);
        all.addAll(after);
        assertThat(filled.keySet()).containsExactlyInAnyOrderElementsOf(all);
        assertThat(settled).isEqualTo(filled);
        assertThat(filled.values()).allMatch(n -> n >= 1);
        assertThat(lines("grid-down")).isEmpty();
        // TEG kept ranking after the kill, and ranked with the grid's field
        assertThat(after).anyMatch(id -> !lines("decision job=" + id + " ").isEmpty());
        assertThat(lines("grid-field zone=" + ZONE + " epoch=")).hasSize(1);

        // the zone's new owner holds the books: tokens balance exactly, no lease is open, the one account was minted
        // once, and every order of slurmctld's sender left exactly one journal entry (no resend applied twice)
        ZoneAudit audit = reader.hazelcast().getExecutorService(GridNames.ORDERS)
                .submitToKeyOwner(new AuditZone(ZONE), ZONE).get();
        assertThat(audit.member()).as("the zone moved off the killed member").isNotEqualTo(owner);
        assertThat(audit.balanced()).as("minted - burned = balances + escrow, exactly: %s", audit).isTrue();
        assertThat(audit.leaseIds()).as("open leases in the zone ledger").isEmpty();
        assertThat(audit.mintedMicros()).isEqualTo(SlurmPlacement.ACCOUNT_MINT_MICROS);
        String sender = lines("grid-client ").getFirst().replaceAll(".* sender=", "");
        Map<String, Integer> entriesPerOrder = new HashMap<>();
        int fillEntries = 0;
        int releaseEntries = 0;
        var journal = reader.hazelcast().<ZoneKey, JournalRecord>getMap(GridNames.JOURNAL);
        for (long seq = 1; seq <= audit.lastSequence(); seq++) {
            JournalRecord r = journal.get(new ZoneKey(ZONE, seq));
            assertThat(r).as("journal entry %d of %s", seq, ZONE).isNotNull();
            assertThat(r.orderKey()).as("order of journal entry %d", seq).startsWith(sender + "#");
            entriesPerOrder.merge(r.orderKey(), 1, Integer::sum);
            if (r.entry() instanceof JournalEntry.Filled) fillEntries++;
            if (r.entry() instanceof JournalEntry.Released) releaseEntries++;
        }
        assertThat(entriesPerOrder.values()).as("journal entries per order").allMatch(n -> n == 1);
        int fills = filled.values().stream().mapToInt(Integer::intValue).sum();
        assertThat(fillEntries).as("fills in the journal").isEqualTo(fills);
        assertThat(releaseEntries).as("settlements in the journal").isEqualTo(fills);
    }

    @Test
    void shouldStartAndLeaseLocallyWithOneLogLineWhenNoMemberRuns() throws Exception {
        files = new GridFiles(Path.of("target", "it-grid", "slurmctld-no-members"), "teg-it-ctld-none", 6038, 3, "z0=16");
        Path client = files.client("site.key").toAbsolutePath();
        slurm = LocalSlurm.create("grid-absent", 4, 4, LocalSlurm.defaultTegConf("GridClientConfig=" + client)).start();
        LocalSlurm.await(LIMIT, "select/teg ready", () -> {
            try {
                return slurm.log().contains("select/teg: TEG engine ready");
            } catch (IOException e) {
                return false;
            }
        });
        List<Long> jobs = submit(4, 1);
        LocalSlurm.await(LIMIT, "the grid marked down", () -> !lines("grid-down").isEmpty());
        List<Long> later = submit(4, 1);
        slurm.awaitQueueEmpty(Duration.ofSeconds(120));

        assertCompleted(jobs);
        assertCompleted(later);
        assertThat(lines("grid-down")).singleElement().asString()
                .contains("could not join cluster teg-it-ctld-none").contains(client.toString());
        assertThat(slurm.controllerAlive()).isTrue();
        for (long id : later)
            assertThat(lines("lease job=" + id + " ")).as("job " + id).singleElement().asString()
                    .doesNotContain("ledger=grid").contains("fills=").contains("rejects=0");
    }
}

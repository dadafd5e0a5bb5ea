package io.teg.grid;

import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;

/**
 * One grid member as its own process, for {@link GridProcessesIT}: hosts the zone ledgers, watches the field, and with
 * {@code --governor MILLIS} joins the governor election publishing every MILLIS ms. It reports on standard output,
 * one line each: {@code READY <uuid>}, {@code PUBLISHED <zone> <term> <epoch> <nanoTime>}, {@code FIELD <zone> <term>
 * <epoch> <nanoTime>} (verified and taken), {@code EVENT <zone> <term> <epoch> <nanoTime>} (the raw map event). It
 * exits when its standard input closes (the test ended) or when killed.
 */
public final class GridMemberMain {

    private GridMemberMain() {
    }

    public static void main(String[] args) throws Exception {
        GridNode node = GridNode.start(GridSettings.load(Path.of(args[0])));
        ZoneHosting hosting = node.hostZones();
        FieldView view = new FieldView(node.hazelcast(), node.siteKey(), node.metrics(), f ->
                line("FIELD " + f.zone() + " " + f.governorTerm() + " " + f.snapshot().epoch() + " " + System.nanoTime()));
        // The raw event, before deserialization checks and signature verification, to tell transport from verification.
        node.hazelcast().<String, SignedField>getMap(GridNames.FIELD).addEntryListener(
                (com.hazelcast.map.listener.EntryUpdatedListener<String, SignedField>) e -> line("EVENT " + e.getKey()
                        + " " + e.getValue().governorTerm() + " " + e.getValue().snapshot().epoch() + " " + System.nanoTime()),
                true);
        GovernorRole governor = null;
        if (args.length == 3 && args[1].equals("--governor")) {
            governor = new GovernorRole(node, (zone, epoch) -> SiteKeyTest.field(epoch),
                    Duration.ofMillis(Long.parseLong(args[2])), InstantSource.system(),
                    (f, t) -> line("PUBLISHED " + f.zone() + " " + f.governorTerm() + " " + f.snapshot().epoch() + " " + t));
        }
        line("READY " + node.hazelcast().getCluster().getLocalMember().getUuid());
        while (System.in.read() >= 0) {
            // wait for the parent to close our input
        }
        if (governor != null) governor.close();
        view.close();
        hosting.close();
        node.close();
    }

    private static synchronized void line(String s) {
        System.out.println(s);
        System.out.flush();
    }
}

package io.teg.grid;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;

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

    /**
     * Starts member {@code index} of {@code files} as its own JVM (small heap, serial collector, C1 only, as a test
     * member needs), run from this module's {@code target/} class path, with {@code extra} arguments after the member
     * file; its standard error is appended to {@code member-<index>.log} in the files' directory.
     */
    public static Process launch(GridFiles files, int index, String... extra) throws IOException {
        Path target = Path.of("target").toAbsolutePath();
        String cp = target.resolve("test-classes") + File.pathSeparator + target.resolve("classes") + File.pathSeparator
                + Files.readString(target.resolve("test-classpath.txt")).strip();
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-cp", cp, GridMemberMain.class.getName(),
                files.member(index).toString()));
        cmd.addAll(List.of(extra));
        return new ProcessBuilder(cmd)
                .redirectError(ProcessBuilder.Redirect.appendTo(files.dir.resolve("member-" + index + ".log").toFile()))
                .start();
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
        // "SAFE n" each time this member sees n members and no migration running (partition ownership settled)
        Thread safe = new Thread(() -> {
            int reported = 0;
            while (true) {
                try {
                    Thread.sleep(100);
                    int n = node.hazelcast().getCluster().getMembers().size();
                    if (n != reported && node.hazelcast().getPartitionService().isClusterSafe()) {
                        line("SAFE " + n);
                        reported = n;
                    }
                } catch (InterruptedException e) {
                    return;
                } catch (RuntimeException e) {
                    return; // the member is shutting down
                }
            }
        }, "safe-reporter");
        safe.setDaemon(true);
        safe.start();
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

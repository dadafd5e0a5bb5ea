package io.teg.cli.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * A Slurm cluster on this machine's loopback: its own munged (own key and socket), one slurmctld and N
 * {@code slurmd -N nK}, all state under {@link ClusterLayout#dir()}, every daemon recorded by PID in the
 * {@link DaemonTable}. Stopping signals exactly those PIDs (TERM, then KILL after a grace period), never processes
 * found by name, so other clusters on the same machine are left alone.
 *
 * <p>Daemons run in the foreground ({@code -F}/{@code -D}) in a session of their own ({@code setsid}), so their PIDs
 * are known when they start and they outlive the JVM that started them.
 */
public final class LocalCluster {

    /** Start-up and shut-down limits. */
    public record Timeouts(Duration mungeReady, Duration controllerReady, Duration nodesIdle, Duration stopGrace) {
        public static Timeouts standard(int nodes) {
            return new Timeouts(Duration.ofSeconds(15), Duration.ofSeconds(45),
                    Duration.ofSeconds(60 + nodes / 2), Duration.ofSeconds(15));
        }
    }

    /** What {@link #down()} did to each daemon. */
    public record Stopped(List<Daemon> terminated, List<Daemon> killed, List<Daemon> alreadyGone, int jobProcesses) {
    }

    private final ClusterLayout layout;
    private final Timeouts timeouts;
    private final Consumer<String> progress;
    private final DaemonTable table;
    private final SlurmClient client;

    public LocalCluster(ClusterLayout layout, Timeouts timeouts, Consumer<String> progress) {
        this.layout = layout;
        this.timeouts = timeouts;
        this.progress = progress;
        this.table = new DaemonTable(layout.daemonTable());
        this.client = new SlurmClient(layout.slurmConf(), Duration.ofSeconds(30));
    }

    public ClusterLayout layout() {
        return layout;
    }

    /** A client aimed at this cluster. */
    public SlurmClient client() {
        return client;
    }

    /** The daemons of this cluster that still run. */
    public List<Daemon> liveDaemons() throws IOException {
        return table.read().stream().filter(d -> d.process().isPresent()).toList();
    }

    /**
     * Starts the cluster and returns when sinfo shows every node idle. A cluster left running in the same directory
     * is an error; a failed start stops whatever it had started and throws with the tail of the failing log.
     */
    public void up() throws IOException, InterruptedException {
        List<Daemon> live = liveDaemons();
        if (!live.isEmpty()) {
            throw new IllegalStateException("cluster '" + layout.name() + "' in " + layout.dir() + " is already up ("
                    + live.getFirst().role() + " PID " + live.getFirst().pid() + "): run 'teg cluster down' first");
        }
        prepareDirectory();
        try {
            startMunge();
            startController();
            startNodes();
        } catch (IOException | InterruptedException | RuntimeException e) {
            progress.accept("start-up failed, stopping what was started");
            down();
            throw e;
        }
    }

    private void prepareDirectory() throws IOException {
        Path dir = layout.dir();
        if (Files.exists(dir)) {
            boolean ours = Files.exists(layout.slurmConf()) || Files.exists(layout.daemonTable()) || isEmpty(dir);
            if (!ours) {
                throw new IllegalStateException(dir + " exists and is not a local cluster's directory: choose another");
            }
            deleteTree(dir);
        }
        Files.createDirectories(layout.stateDir());
        Files.createDirectories(layout.logDir());
        Files.createDirectories(layout.jobDir());
        for (int k = 1; k <= layout.nodes(); k++) Files.createDirectories(layout.spoolDir().resolve(layout.nodeName(k)));
        // munged insists on a socket directory that everyone can search, and a key only its owner can read.
        Files.createDirectories(layout.mungeDir());
        Files.setPosixFilePermissions(layout.mungeDir(), PosixFilePermissions.fromString("rwxr-xr-x"));
        byte[] key = new byte[1024];
        new SecureRandom().nextBytes(key);
        Files.write(layout.mungeKey(), key);
        Files.setPosixFilePermissions(layout.mungeKey(), PosixFilePermissions.fromString("r--------"));
        Files.writeString(layout.slurmConf(), SlurmConfFile.render(layout), StandardCharsets.UTF_8);
        if (layout.tegRuntime().isPresent()) {
            Files.writeString(layout.tegConf(), layout.tegRuntime().get().render(), StandardCharsets.UTF_8);
        }
        if (layout.spankPlugin().isPresent()) {
            Files.writeString(layout.plugstackConf(), SlurmConfFile.plugstack(layout), StandardCharsets.UTF_8);
        }
        if (layout.gpusPerNode() > 0) {
            Files.createDirectories(layout.gpuDeviceDir());
            for (int g = 0; g < layout.gpusPerNode(); g++) Files.writeString(layout.gpuDeviceDir().resolve("gpu" + g), "");
            Files.writeString(layout.gresConf(), SlurmConfFile.gresConf(layout), StandardCharsets.UTF_8);
        }
    }

    private void startMunge() throws IOException, InterruptedException {
        Daemon d = start("munged", List.of(Binaries.find("munged"), "-F",
                "--socket=" + layout.mungeSocket(), "--key-file=" + layout.mungeKey(),
                "--log-file=" + layout.logDir().resolve("munged.log"),
                "--pid-file=" + layout.mungeDir().resolve("munged.pid"),
                "--seed-file=" + layout.mungeDir().resolve("munged.seed")));
        awaitCondition("munged's socket " + layout.mungeSocket(), timeouts.mungeReady(), List.of(d),
                () -> Files.exists(layout.mungeSocket()));
    }

    private void startController() throws IOException, InterruptedException {
        Daemon d = start("slurmctld", List.of(Binaries.find("slurmctld"), "-D", "-i"));
        awaitCondition("slurmctld to answer 'scontrol ping'", timeouts.controllerReady(), List.of(d),
                client::controllerUp);
    }

    private void startNodes() throws IOException, InterruptedException {
        String slurmd = Binaries.find("slurmd");
        List<Daemon> nodes = new ArrayList<>();
        for (int k = 1; k <= layout.nodes(); k++) {
            nodes.add(start("slurmd-" + layout.nodeName(k), List.of(slurmd, "-D", "-N", layout.nodeName(k))));
        }
        progress.accept("waiting for " + layout.nodes() + " idle nodes");
        List<Daemon> watched = new ArrayList<>(table.read());
        awaitCondition(layout.nodes() + " idle nodes in sinfo", timeouts.nodesIdle(), watched, () -> {
            Map<String, String> states = client.nodeStates();
            return states.size() == layout.nodes() && states.values().stream().allMatch("idle"::equals);
        });
    }

    private Daemon start(String role, List<String> command) throws IOException {
        List<String> argv = new ArrayList<>();
        argv.add(Binaries.find("setsid"));
        argv.addAll(command);
        ProcessBuilder pb = new ProcessBuilder(argv);
        pb.environment().put("SLURM_CONF", layout.slurmConf().toString());
        pb.directory(layout.dir().toFile());
        pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        pb.redirectErrorStream(true);
        pb.redirectOutput(layout.logDir().resolve(role + ".out").toFile());
        Process p = pb.start();
        Daemon d = Daemon.of(role, p.toHandle());
        table.append(d);
        progress.accept("started " + role + " (PID " + d.pid() + ")");
        return d;
    }

    private interface Check {
        boolean holds() throws Exception;
    }

    private void awaitCondition(String what, Duration limit, List<Daemon> mustLive, Check check)
            throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        String lastError = "";
        while (true) {
            for (Daemon d : mustLive) {
                if (d.process().isEmpty()) {
                    throw new IllegalStateException(d.role() + " (PID " + d.pid() + ") exited while waiting for " + what
                            + "; its output:\n" + tail(layout.logDir().resolve(d.role() + ".out"), 15)
                            + tail(logOf(d), 15));
                }
            }
            try {
                if (check.holds()) return;
            } catch (Exception e) {
                lastError = e.getMessage();
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("no " + what + " after " + limit.toSeconds() + " s"
                        + (lastError.isEmpty() ? "" : " (last error: " + lastError + ")")
                        + "; slurmctld's log ends with:\n" + tail(layout.controllerLog(), 15));
            }
            Thread.sleep(200);
        }
    }

    private Path logOf(Daemon d) {
        if (d.role().equals("slurmctld")) return layout.controllerLog();
        if (d.role().equals("munged")) return layout.logDir().resolve("munged.log");
        return layout.logDir().resolve(d.role() + ".log");
    }

    /**
     * TEG's counters now: asks slurmctld to reconfigure (select/teg logs its counters then) and reads the new line
     * from slurmctld's log. Empty under cons_tres, or when no new line shows within {@code limit}.
     */
    public Optional<TegDecisions> tegCounters(Duration limit) throws InterruptedException {
        if (layout.select() != SelectPlugin.TEG) return Optional.empty();
        long before = countersLines();
        client.exec(List.of("scontrol", "reconfigure"));
        long deadline = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < deadline) {
            if (countersLines() > before) return TegDecisions.lastIn(layout.controllerLog());
            Thread.sleep(100);
        }
        return Optional.empty();
    }

    private long countersLines() {
        try (Stream<String> lines = Files.lines(layout.controllerLog(), StandardCharsets.ISO_8859_1)) {
            return lines.filter(l -> l.contains("select/teg: counters ")).count();
        } catch (IOException | UncheckedIOException e) {
            return 0;
        }
    }

    /**
     * Stops every daemon this cluster started: first cancels the jobs (so that no slurmstepd or job process is left),
     * then TERM to the slurmds, slurmctld and munged by PID, KILL to any still alive after the grace period. Finally
     * any slurmstepd that runs with this cluster's SLURM_CONF, and its descendants, get the same treatment.
     */
    public Stopped down() throws IOException, InterruptedException {
        List<Daemon> all = table.read();
        // Taken before anything is stopped: a step that has exited but not yet been reaped no longer shows its
        // command line or environment, so it could not be recognised later.
        List<ProcessHandle> steps = new ArrayList<>(jobSteps());
        cancelJobs(all, steps);
        List<Daemon> order = new ArrayList<>(all);
        java.util.Collections.reverse(order);   // nodes first, then the controller, munged last
        List<Daemon> terminated = new ArrayList<>();
        List<Daemon> gone = new ArrayList<>();
        List<ProcessHandle> signalled = new ArrayList<>();
        for (Daemon d : order) {
            Optional<ProcessHandle> p = d.process();
            if (p.isEmpty()) {
                gone.add(d);
                continue;
            }
            p.get().destroy();
            signalled.add(p.get());
            terminated.add(d);
        }
        List<Daemon> killed = new ArrayList<>();
        awaitExit(signalled, timeouts.stopGrace());
        for (Daemon d : terminated) {
            Optional<ProcessHandle> p = d.process();
            if (p.isPresent()) {
                p.get().destroyForcibly();
                killed.add(d);
            }
        }
        awaitExit(killed.stream().flatMap(d -> ProcessHandle.of(d.pid()).stream()).toList(), Duration.ofSeconds(5));
        terminated.removeAll(killed);
        for (ProcessHandle p : jobSteps()) if (!steps.contains(p)) steps.add(p);
        int strays = stopJobProcesses(steps);
        List<Daemon> survivors = new ArrayList<>();
        for (Daemon d : all) if (d.process().isPresent()) survivors.add(d);
        if (!survivors.isEmpty()) {
            throw new IllegalStateException("still running after KILL: " + survivors);
        }
        table.delete();
        return new Stopped(terminated, killed, gone, strays);
    }

    private void cancelJobs(List<Daemon> all, List<ProcessHandle> steps) throws InterruptedException {
        boolean controllerLive = all.stream().anyMatch(d -> d.role().equals("slurmctld") && d.process().isPresent());
        if (!controllerLive) return;
        try {
            List<String> ids = new ArrayList<>();
            for (String line : client.run("squeue", "-h", "-o", "%i").split("\n")) {
                if (!line.isBlank()) ids.add(line.strip());
            }
            if (ids.isEmpty()) return;
            progress.accept("cancelling " + ids.size() + " jobs");
            List<String> argv = new ArrayList<>(List.of("scancel"));
            argv.addAll(ids);
            client.exec(argv);
            awaitExit(steps, timeouts.stopGrace());
        } catch (SlurmClient.CommandFailed e) {
            progress.accept("could not cancel the jobs: " + e.getMessage());
        }
    }

    /**
     * The slurmstepd processes that serve this cluster: they inherited its SLURM_CONF from our slurmd. (Debian's
     * program is {@code slurmstepd-wlm}, behind a {@code slurmstepd} link.)
     */
    public List<ProcessHandle> jobSteps() {
        String mark = "SLURM_CONF=" + layout.slurmConf();
        long self = ProcessHandle.current().pid();
        try (Stream<ProcessHandle> ps = ProcessHandle.allProcesses()) {
            return ps.filter(p -> p.pid() != self)
                    .filter(p -> p.info().command().map(c -> Path.of(c).getFileName().toString()
                            .startsWith("slurmstepd")).orElse(false))
                    .filter(p -> environmentHas(p.pid(), mark))
                    .toList();
        }
    }

    /** TERM, then KILL after the grace period, to the given steps that still run and to everything under them. */
    private int stopJobProcesses(List<ProcessHandle> steps) throws InterruptedException {
        List<ProcessHandle> targets = new ArrayList<>();
        for (ProcessHandle step : steps) {
            if (!step.isAlive()) continue;
            targets.add(step);
            step.descendants().forEach(targets::add);
        }
        if (targets.isEmpty()) return 0;
        targets.forEach(ProcessHandle::destroy);
        awaitExit(targets, timeouts.stopGrace());
        targets.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
        awaitExit(targets, Duration.ofSeconds(5));
        return targets.size();
    }

    private static boolean environmentHas(long pid, String entry) {
        try {
            byte[] env = Files.readAllBytes(Path.of("/proc", Long.toString(pid), "environ"));
            for (String e : new String(env, StandardCharsets.UTF_8).split("\0")) if (e.equals(entry)) return true;
            return false;
        } catch (IOException | UncheckedIOException e) {
            return false;
        }
    }

    private static void awaitExit(List<ProcessHandle> ps, Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        for (ProcessHandle p : ps) {
            long left = deadline - System.nanoTime();
            if (left <= 0) return;
            try {
                p.onExit().get(left, TimeUnit.NANOSECONDS);
            } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                return;
            }
        }
    }

    /** The last {@code n} lines of a file, or a note that it is missing. */
    static String tail(Path file, int n) {
        try {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            return "--- " + file + "\n" + String.join("\n", lines.subList(Math.max(0, lines.size() - n), lines.size()))
                    + "\n";
        } catch (IOException | UncheckedIOException e) {
            return "--- " + file + ": not readable\n";
        }
    }

    private static boolean isEmpty(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.findAny().isEmpty();
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        }
    }
}

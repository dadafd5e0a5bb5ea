package io.teg.bridge;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * A real Slurm cluster on loopback for the integration tests: munged, slurmctld with select/teg from
 * {@code target/native/slurm-plugin-c}, and N {@code slurmd -N nX} on ports of their own. Everything it starts is
 * stopped by PID in {@link #close()}; its files live in {@code target/it-slurm/<name>-<port>}.
 */
final class LocalSlurm implements AutoCloseable {

    static final Path SLURM_PLUGINS = Path.of("/usr/lib/x86_64-linux-gnu/slurm-wlm");

    final Path dir;
    final Path conf;
    final Path tegConf;
    final Path ctldLog;
    final Path decisionLog;
    final int port;
    final int nodes;
    private long mungePid = -1;
    private long ctldPid = -1;
    private final List<Long> slurmdPids = new ArrayList<>();

    private LocalSlurm(Path dir, int port, int nodes) {
        this.dir = dir;
        this.port = port;
        this.nodes = nodes;
        this.conf = dir.resolve("slurm.conf");
        this.tegConf = dir.resolve("teg.conf");
        this.ctldLog = dir.resolve("slurmctld.log");
        this.decisionLog = dir.resolve("state/teg-decisions.log");
    }

    static Path root() {
        Path here = Path.of("").toAbsolutePath();
        for (Path p = here; p != null; p = p.getParent())
            if (Files.exists(p.resolve("CMakeLists.txt")) && Files.exists(p.resolve("slurm-plugin-c"))) return p;
        throw new IllegalStateException("no repository root above " + here);
    }

    static Path pluginDir() {
        Path dir = root().resolve("target/native/slurm-plugin-c");
        if (!Files.exists(dir.resolve("select_teg.so")))
            throw new IllegalStateException(dir.resolve("select_teg.so") + " is missing: build it first (./teg test "
                    + "runs build_native; or cmake -S . -B target/native && cmake --build target/native)");
        return dir;
    }

    static Path tegJar() {
        Path jar = root().resolve("java-core/target/teg.jar");
        if (!Files.exists(jar)) throw new IllegalStateException(jar + " is missing: run mvn package first");
        return jar;
    }

    /** The default teg.conf of the tests: this JDK, the built jar, and one fallback line per hour at most. */
    static String defaultTegConf(String... extraLines) {
        StringBuilder b = new StringBuilder("# written by LocalSlurm\n")
                .append("JavaHome=").append(System.getProperty("java.home")).append('\n')
                .append("ClassPath=").append(tegJar()).append('\n')
                .append("DecisionTimeout=200\n")
                .append("FallbackLogInterval=3600\n");
        for (String l : extraLines) b.append(l).append('\n');
        return b.toString();
    }

    /** Writes the files of a cluster of {@code nodes} nodes with {@code cpus} CPUs each; starts nothing. */
    static LocalSlurm create(String name, int nodes, int cpus, String tegConfText) throws IOException {
        return create(name, nodes, cpus, tegConfText, "");
    }

    /** As {@link #create(String, int, int, String)}, with {@code nodeOptions} (e.g. "Gres=gpu:4") on the NodeName line. */
    static LocalSlurm create(String name, int nodes, int cpus, String tegConfText, String nodeOptions)
            throws IOException {
        int port = freePortRange(nodes + 1);
        Path dir = root().resolve("target/it-slurm/" + name + "-" + port);
        Files.createDirectories(dir.resolve("state"));
        Files.createDirectories(dir.resolve("spool"));
        LocalSlurm s = new LocalSlurm(dir, port, nodes);
        String host = Files.readString(Path.of("/proc/sys/kernel/hostname")).trim();
        String conf = String.join("\n",
                "ClusterName=tegit" + port,
                "SlurmctldHost=" + host + "(127.0.0.1)",
                "SlurmctldPort=" + port,
                "SlurmUser=root",
                "SlurmdUser=root",
                "AuthType=auth/munge",
                "AuthInfo=socket=" + dir.resolve("munge/sock"),
                "CredType=cred/munge",
                "StateSaveLocation=" + dir.resolve("state"),
                "SlurmdSpoolDir=" + dir.resolve("spool/%n"),
                "SlurmctldPidFile=" + dir.resolve("slurmctld.pid"),
                "SlurmdPidFile=" + dir.resolve("slurmd-%n.pid"),
                "SlurmctldLogFile=" + s.ctldLog,
                "SlurmdLogFile=" + dir.resolve("slurmd-%n.log"),
                "PluginDir=" + SLURM_PLUGINS + ":" + pluginDir(),
                "PlugStackConfig=" + dir.resolve("plugstack.conf"),
                "SelectType=select/teg",
                "SelectTypeParameters=CR_Core_Memory",
                "ProctrackType=proctrack/linuxproc",
                "TaskPlugin=task/none",
                "JobAcctGatherType=jobacct_gather/none",
                "AccountingStorageType=accounting_storage/none",
                "JobCompType=jobcomp/none",
                "SwitchType=switch/none",
                "MpiDefault=none",
                "MailProg=/bin/true",
                "ReturnToService=2",
                "SchedulerType=sched/backfill",
                "SlurmdParameters=config_overrides",
                "DefMemPerCPU=100",
                "MinJobAge=3600",
                "KillWait=2",
                "NodeName=n[1-" + nodes + "] NodeAddr=127.0.0.1 NodeHostname=" + host + " CPUs=" + cpus
                        + " RealMemory=" + (cpus * 200) + " Port=" + (port + 1) + "-" + (port + nodes) + " State=UNKNOWN"
                        + (nodeOptions.isBlank() ? "" : " " + nodeOptions),
                "PartitionName=main Nodes=ALL Default=YES MaxTime=INFINITE State=UP",
                "");
        Files.writeString(s.conf, conf);
        Files.writeString(dir.resolve("plugstack.conf"), "required " + pluginDir().resolve("spank_teg.so") + "\n");
        if (tegConfText != null) Files.writeString(s.tegConf, tegConfText);
        return s;
    }

    /** Adds lines to slurm.conf (e.g. {@code SchedulerParameters=...}); before {@link #start()}. */
    LocalSlurm withSlurmConf(String... lines) throws IOException {
        Files.writeString(conf, String.join("\n", lines) + "\n", java.nio.file.StandardOpenOption.APPEND);
        return this;
    }

    /**
     * Starts munged, slurmctld and every slurmd, and waits until all nodes are idle. If any step fails, whatever
     * was already started is stopped by PID before the failure propagates, so a failed set-up leaves no daemon.
     */
    LocalSlurm start() throws IOException, InterruptedException {
        try {
            startMunge();
            startController();
            startNodes();
            return this;
        } catch (IOException | InterruptedException | RuntimeException | Error e) {
            try {
                close();
            } catch (InterruptedException | RuntimeException stopFailure) {
                e.addSuppressed(stopFailure);
            }
            throw e;
        }
    }

    void startMunge() throws IOException, InterruptedException {
        Path m = dir.resolve("munge");
        Files.createDirectories(m);
        Files.setPosixFilePermissions(m, PosixFilePermissions.fromString("rwx------"));
        byte[] key = new byte[1024];
        new SecureRandom().nextBytes(key);
        Path keyFile = m.resolve("key");
        Files.write(keyFile, key);
        Files.setPosixFilePermissions(keyFile, PosixFilePermissions.fromString("rw-------"));
        exec(Duration.ofSeconds(20), "munged", "--key-file=" + keyFile, "--socket=" + m.resolve("sock"),
                "--pid-file=" + m.resolve("pid"), "--log-file=" + m.resolve("log"), "--seed-file=" + m.resolve("seed"),
                "--force");
        mungePid = readPid(m.resolve("pid"));
    }

    /** Starts slurmctld (it daemonizes) and waits until it answers. */
    void startController() throws IOException, InterruptedException {
        Files.deleteIfExists(dir.resolve("slurmctld.pid"));
        exec(Duration.ofSeconds(60), "slurmctld", "-f", conf.toString());
        ctldPid = readPid(dir.resolve("slurmctld.pid"));
        await(Duration.ofSeconds(60), "slurmctld answers", () -> run(Duration.ofSeconds(10), "scontrol", "ping")
                .contains("UP"));
    }

    /** Runs slurmctld in the foreground and returns its exit status and output (for start-up failures). */
    Result runControllerForeground(Duration limit) throws IOException, InterruptedException {
        return execResult(limit, "slurmctld", "-D", "-f", conf.toString());
    }

    void startNodes() throws IOException, InterruptedException {
        for (int i = 1; i <= nodes; i++) {
            exec(Duration.ofSeconds(30), "slurmd", "-f", conf.toString(), "-N", "n" + i);
            slurmdPids.add(readPid(dir.resolve("slurmd-n" + i + ".pid")));
        }
        await(Duration.ofSeconds(90), nodes + " idle nodes", () -> {
            String out = run(Duration.ofSeconds(10), "sinfo", "-h", "-o", "%D %t");
            for (String line : out.split("\n")) {
                String[] w = line.trim().split("\\s+");
                if (w.length == 2 && w[1].equals("idle") && Integer.parseInt(w[0]) == nodes) return true;
            }
            return false;
        });
    }

    long controllerPid() {
        return ctldPid;
    }

    /** Stops slurmctld (SIGTERM, then SIGKILL) and waits until it is gone. */
    void stopController() throws InterruptedException {
        stop(ctldPid);
        ctldPid = -1;
    }

    /** Sends {@code signal} (e.g. "HUP", "USR2") to slurmctld. */
    void signalController(String signal) throws IOException, InterruptedException {
        exec(Duration.ofSeconds(10), "kill", "-" + signal, Long.toString(ctldPid));
    }

    boolean controllerAlive() {
        return ctldPid > 0 && ProcessHandle.of(ctldPid).map(ProcessHandle::isAlive).orElse(false);
    }

    /** sbatch: returns the job id. */
    long submit(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("sbatch", "--parsable", "-o", "/dev/null", "-e", "/dev/null"));
        cmd.addAll(Arrays.asList(args));
        String[] lines = run(Duration.ofSeconds(60), cmd.toArray(String[]::new)).trim().split("\n");
        return Long.parseLong(lines[lines.length - 1].trim().split(";")[0]);
    }

    /** Waits until the queue is empty (every job ended). */
    void awaitQueueEmpty(Duration limit) throws InterruptedException {
        await(limit, "an empty queue", () -> run(Duration.ofSeconds(20), "squeue", "-h", "-o", "%i").isBlank());
    }

    /** Every job slurmctld still knows: id → (state, node names). */
    Map<Long, JobView> jobs() throws IOException, InterruptedException {
        Map<Long, JobView> out = new HashMap<>();
        for (String line : run(Duration.ofSeconds(30), "scontrol", "show", "job", "-o").split("\n")) {
            if (line.isBlank() || line.startsWith("No jobs")) continue;
            Map<String, String> f = fields(line);
            String list = f.getOrDefault("NodeList", "(null)");
            List<String> names = list.equals("(null)") || list.isBlank() ? List.of() : hostnames(list);
            out.put(Long.parseLong(f.get("JobId")), new JobView(f.get("JobState"), names));
        }
        return out;
    }

    record JobView(String state, List<String> nodes) {
    }

    List<String> hostnames(String hostlist) throws IOException, InterruptedException {
        return Arrays.stream(run(Duration.ofSeconds(10), "scontrol", "show", "hostnames", hostlist).split("\n"))
                .map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    static Map<String, String> fields(String line) {
        Map<String, String> f = new HashMap<>();
        for (String w : line.trim().split("\\s+")) {
            int eq = w.indexOf('=');
            if (eq > 0) f.put(w.substring(0, eq), w.substring(eq + 1));
        }
        return f;
    }

    String log() throws IOException {
        return Files.exists(ctldLog) ? Files.readString(ctldLog, StandardCharsets.UTF_8) : "";
    }

    List<String> decisions() throws IOException {
        return Files.exists(decisionLog) ? Files.readAllLines(decisionLog) : List.of();
    }

    /** Runs a Slurm client command with this cluster's SLURM_CONF; returns stdout, throws on a non-zero exit. */
    String run(Duration limit, String... cmd) {
        try {
            Result r = execResult(limit, cmd);
            if (r.status != 0) throw new IllegalStateException(String.join(" ", cmd) + " exited " + r.status + ": " + r.output);
            return r.output;
        } catch (IOException e) {
            throw new IllegalStateException(String.join(" ", cmd) + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    record Result(int status, String output) {
    }

    private void exec(Duration limit, String... cmd) throws IOException, InterruptedException {
        Result r = execResult(limit, cmd);
        if (r.status != 0) throw new IllegalStateException(String.join(" ", cmd) + " exited " + r.status + ": " + r.output);
    }

    private Result execResult(Duration limit, String... cmd) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().put("SLURM_CONF", conf.toString());
        pb.directory(dir.toFile()); // scontrol writes the slurm_job_<id>_resize.* scripts of a resize here
        Process p = pb.start();
        byte[][] holder = new byte[1][];
        Thread reader = Thread.ofVirtual().start(() -> {
            try {
                holder[0] = p.getInputStream().readAllBytes();
            } catch (IOException e) {
                holder[0] = new byte[0];
            }
        });
        if (!p.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException(String.join(" ", cmd) + " did not end within " + limit);
        }
        reader.join(5_000);
        return new Result(p.exitValue(), holder[0] == null ? "" : new String(holder[0], StandardCharsets.UTF_8));
    }

    static void await(Duration limit, String what, BooleanSupplier done) throws InterruptedException {
        long end = System.nanoTime() + limit.toNanos();
        RuntimeException last = null;
        while (System.nanoTime() < end) {
            try {
                if (done.getAsBoolean()) return;
            } catch (RuntimeException e) {
                last = e;
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("waited " + limit + " for " + what, last);
    }

    private static long readPid(Path file) throws InterruptedException {
        await(Duration.ofSeconds(30), "pid file " + file, () -> {
            try {
                return Files.exists(file) && !Files.readString(file).isBlank();
            } catch (IOException e) {
                return false;
            }
        });
        try {
            return Long.parseLong(Files.readString(file).trim());
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + file, e);
        }
    }

    private static void stop(long pid) throws InterruptedException {
        if (pid <= 0) return;
        ProcessHandle h = ProcessHandle.of(pid).orElse(null);
        if (h == null) return;
        h.destroy();
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (h.isAlive() && System.nanoTime() < end) Thread.sleep(100);
        if (h.isAlive()) {
            h.destroyForcibly();
            end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (h.isAlive() && System.nanoTime() < end) Thread.sleep(100);
        }
    }

    /** A base port with {@code count} consecutive free ports on loopback. */
    private static int freePortRange(int count) throws IOException {
        for (int attempt = 0; attempt < 200; attempt++) {
            int base = ThreadLocalRandom.current().nextInt(20_000, 45_000);
            boolean free = true;
            for (int p = base; p < base + count && free; p++) {
                try (ServerSocket s = new ServerSocket()) {
                    s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), p));
                } catch (IOException e) {
                    free = false;
                }
            }
            if (free) return base;
        }
        throw new IOException("no " + count + " free consecutive ports found");
    }

    @Override
    public void close() throws InterruptedException {
        for (long pid : slurmdPids) stop(pid);
        slurmdPids.clear();
        stop(ctldPid);
        ctldPid = -1;
        stop(mungePid);
        mungePid = -1;
    }
}

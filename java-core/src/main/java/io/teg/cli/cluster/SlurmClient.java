package io.teg.cli.cluster;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Slurm's client commands (sbatch, squeue, sinfo, scontrol, scancel, sdiag) aimed at one cluster: every call gets
 * {@code SLURM_CONF} (without it the clients look for the controller through DNS SRV records).
 */
public final class SlurmClient {

    /** How a client command ended when it did not succeed. */
    public static final class CommandFailed extends RuntimeException {
        private final int exitCode;
        private final String stderr;

        CommandFailed(List<String> argv, int exitCode, String stderr) {
            super(String.join(" ", argv) + " exited with " + exitCode + ": " + stderr.strip());
            this.exitCode = exitCode;
            this.stderr = stderr;
        }

        public int exitCode() {
            return exitCode;
        }

        public String stderr() {
            return stderr;
        }
    }

    /** What a command printed and how it exited. */
    public record Output(int exitCode, String stdout, String stderr) {
    }

    private final Path slurmConf;
    private final Duration timeout;

    public SlurmClient(Path slurmConf, Duration timeout) {
        this.slurmConf = slurmConf;
        this.timeout = timeout;
    }

    public Path slurmConf() {
        return slurmConf;
    }

    /** Runs a client command and returns its output whatever its exit code. */
    public Output exec(List<String> argv) {
        ProcessBuilder pb = new ProcessBuilder(argv);
        pb.environment().put("SLURM_CONF", slurmConf.toString());
        pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        try {
            Process p = pb.start();
            // Read both streams on their own threads so that a chatty command cannot fill a pipe and stall.
            var out = readAsync(p.getInputStream());
            var err = readAsync(p.getErrorStream());
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                throw new CommandFailed(argv, -1, "no answer within " + timeout.toSeconds() + " s");
            }
            return new Output(p.exitValue(), out.join(), err.join());
        } catch (IOException e) {
            throw new CommandFailed(argv, -1, "cannot start: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CommandFailed(argv, -1, "interrupted");
        }
    }

    private static java.util.concurrent.CompletableFuture<String> readAsync(java.io.InputStream in) {
        return java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            try (in) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                return "";
            }
        }, Thread::startVirtualThread);
    }

    /** Runs a client command and returns its standard output; a non-zero exit is a {@link CommandFailed}. */
    public String run(String... argv) {
        Output o = exec(List.of(argv));
        if (o.exitCode() != 0) throw new CommandFailed(List.of(argv), o.exitCode(), o.stderr());
        return o.stdout();
    }

    /** {@code scontrol ping} reports the primary controller UP. */
    public boolean controllerUp() {
        Output o = exec(List.of("scontrol", "ping"));
        return o.exitCode() == 0 && o.stdout().contains("is UP");
    }

    /**
     * Submits a batch job; returns its id. {@code options} go to sbatch before the script, which is given with
     * {@code --wrap}.
     */
    public long sbatch(List<String> options, String wrap) {
        List<String> argv = new ArrayList<>();
        argv.add("sbatch");
        argv.add("--parsable");
        argv.addAll(options);
        argv.add("--wrap");
        argv.add(wrap);
        Output o = exec(argv);
        if (o.exitCode() != 0) throw new CommandFailed(argv, o.exitCode(), o.stderr());
        String id = o.stdout().strip();
        int semi = id.indexOf(';');
        return Long.parseLong(semi < 0 ? id : id.substring(0, semi));
    }

    /** Node name to Slurm's compact state ({@code idle}, {@code alloc}, {@code mix}, {@code down*} ...). */
    public Map<String, String> nodeStates() {
        Map<String, String> m = new LinkedHashMap<>();
        for (String line : run("sinfo", "-h", "-N", "-o", "%N %t").split("\n")) {
            String[] f = line.strip().split("\\s+");
            if (f.length == 2) m.put(f[0], f[1]);
        }
        return m;
    }

    /** Job id to state ({@code PENDING}, {@code RUNNING}, {@code COMPLETED} ...), finished jobs included. */
    public Map<Long, String> jobStates() {
        Map<Long, String> m = new LinkedHashMap<>();
        for (String line : run("squeue", "-h", "-t", "all", "-o", "%i %T").split("\n")) {
            String[] f = line.strip().split("\\s+");
            if (f.length == 2) m.put(Long.parseLong(f[0]), f[1]);
        }
        return m;
    }

    /** {@code scontrol show job ID} as key/value pairs (the last value wins for a repeated key). */
    public Map<String, String> showJob(long id) {
        Map<String, String> m = new LinkedHashMap<>();
        for (String tok : run("scontrol", "-o", "show", "job", Long.toString(id)).strip().split("\\s+")) {
            int eq = tok.indexOf('=');
            if (eq > 0) m.put(tok.substring(0, eq), tok.substring(eq + 1));
        }
        return m;
    }
}

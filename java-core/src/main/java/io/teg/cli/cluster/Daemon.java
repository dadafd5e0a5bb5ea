package io.teg.cli.cluster;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One daemon a local cluster started: its role ({@code munged}, {@code slurmctld}, {@code slurmd-n3}), its PID and
 * the instant the kernel says it started. The start instant guards against PID reuse: a process with the same PID
 * but another start time is not ours and is never signalled.
 *
 * @param role    what the daemon is, without spaces
 * @param pid     its process id
 * @param started its start time as {@link ProcessHandle.Info#startInstant()} reported it, in epoch milliseconds
 */
public record Daemon(String role, long pid, long started) {

    public Daemon {
        Objects.requireNonNull(role, "role");
        if (role.isEmpty() || role.chars().anyMatch(Character::isWhitespace)) {
            throw new IllegalArgumentException("daemon role '" + role + "': must be one word");
        }
        if (pid <= 0) throw new IllegalArgumentException("daemon " + role + ": PID " + pid + " must be positive");
    }

    /** Records a process that was just started. */
    static Daemon of(String role, ProcessHandle p) {
        return new Daemon(role, p.pid(), p.info().startInstant().map(Instant::toEpochMilli).orElse(0L));
    }

    /** The live process this record names, if it is still running and is the same process (same start time). */
    public Optional<ProcessHandle> process() {
        return ProcessHandle.of(pid).filter(ProcessHandle::isAlive).filter(p -> started == 0
                || p.info().startInstant().map(Instant::toEpochMilli).orElse(-1L) == started);
    }

    /** One line of the daemon table: {@code role pid started}. */
    String line() {
        return role + " " + pid + " " + started;
    }
}

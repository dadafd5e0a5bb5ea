package io.teg.bridge;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayDeque;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * The decision log: one line per event, appended and flushed at once so that an operator (or a test) can follow it
 * while slurmctld runs. Lines are {@code key=value} words:
 * <pre>
 *   decision job=17 ranked=n3,n4 candidates=16 latency_us=41.2
 *   declined job=18 candidates=16 reason="..." latency_us=12.0
 *   lease job=17 nodes=n3,n4 fills=2 rejects=0
 *   settle job=17 leases=2 tax_burned_micros=800
 *   outcome job=17 used            (or unfit, late: what slurmctld did with the ranking)
 *   error where=job_test message="..."
 * </pre>
 * Rotation: at most once per {@link #REOPEN_CHECK_NANOS}, a write checks whether the file at {@link #path()} is still
 * the one open (same file key); when it was moved away or deleted (logrotate without copytruncate), the log is
 * reopened there.
 *
 * <p>Deferred lines: a decision is answered while slurmctld's thread waits, so its line is not built or written then.
 * {@link #later} keeps the line's recipe; {@link #drain} (called by the bridge thread once the answer is out) builds
 * and writes every deferred line, in order. {@link #line} drains first, so the file's order is always the order of
 * the calls; more than {@link #MAX_DEFERRED} deferred lines are drained at once.
 * Every method is synchronized (the bridge thread writes it, and the grid client's worker writes lease lines).
 */
public final class DecisionLog implements AutoCloseable {

    /** How often a write looks for a rotated file, nanoseconds. */
    public static final long REOPEN_CHECK_NANOS = 1_000_000_000L;
    /** Deferred lines kept at most before {@link #later} drains them itself. */
    public static final int MAX_DEFERRED = 4_096;

    private final Path path;
    private final LongSupplier nanoClock;
    private Writer out;
    private Object fileKey;
    private long lastCheck;
    private final ArrayDeque<Supplier<String>> deferred = new ArrayDeque<>();

    private DecisionLog(Path path, LongSupplier nanoClock) throws IOException {
        this.path = path;
        this.nanoClock = nanoClock;
        reopen();
        lastCheck = nanoClock.getAsLong();
    }

    /** Opens {@code path} for appending, creating it and its parent directories. */
    public static DecisionLog open(Path path) {
        return open(path, System::nanoTime);
    }

    /** As {@link #open(Path)}, with the clock that paces the rotation check. */
    public static DecisionLog open(Path path, LongSupplier nanoClock) {
        try {
            if (path.getParent() != null) Files.createDirectories(path.getParent());
            return new DecisionLog(path, nanoClock);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the decision log " + path, e);
        }
    }

    private void reopen() throws IOException {
        if (out != null) out.close();
        out = Files.newBufferedWriter(path, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND, StandardOpenOption.WRITE);
        fileKey = Files.readAttributes(path, BasicFileAttributes.class).fileKey();
    }

    private void reopenIfRotated() throws IOException {
        long now = nanoClock.getAsLong();
        if (now - lastCheck < REOPEN_CHECK_NANOS) return;
        lastCheck = now;
        Object key = Files.exists(path) ? Files.readAttributes(path, BasicFileAttributes.class).fileKey() : null;
        if (key == null || !key.equals(fileKey)) reopen();
    }

    public Path path() {
        return path;
    }

    /**
     * Appends one line, after the deferred ones, and flushes; an I/O failure is swallowed (the log must never stop a
     * decision).
     */
    public synchronized void line(String text) {
        try {
            reopenIfRotated();
            writeDeferred();
            out.write(text);
            out.write('\n');
            out.flush();
        } catch (IOException ignored) {
            // the decision stands; the log is best effort
        }
    }

    /**
     * Keeps a line to be built and written at the next {@link #drain} (or {@link #line}). The supplier must capture
     * values, not state that changes before it runs.
     */
    public synchronized void later(Supplier<String> text) {
        deferred.addLast(text);
        if (deferred.size() > MAX_DEFERRED) drain();
    }

    /** Builds and writes every deferred line, in order, and flushes. */
    public synchronized void drain() {
        if (deferred.isEmpty()) return;
        try {
            reopenIfRotated();
            writeDeferred();
            out.flush();
        } catch (IOException ignored) {
            // best effort, as line()
        }
    }

    /** Deferred lines waiting for {@link #drain}. */
    public synchronized int deferredLines() {
        return deferred.size();
    }

    private void writeDeferred() throws IOException {
        for (Supplier<String> s; (s = deferred.pollFirst()) != null; ) {
            String text;
            try {
                text = s.get();
            } catch (RuntimeException e) {
                text = "error where=decision-log message=\"" + String.valueOf(e).replace('"', '\'') + "\"";
            }
            out.write(text);
            out.write('\n');
        }
    }

    /** An error line for {@code where} (an upcall name). */
    public void error(String where, Throwable t) {
        String message = String.valueOf(t).replace('"', '\'').replace('\n', ' ');
        line("error where=" + where + " message=\"" + message + "\"");
    }

    @Override
    public synchronized void close() {
        drain();
        try {
            out.close();
        } catch (IOException ignored) {
            // closing at shutdown
        }
    }
}

package io.teg.bridge;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The decision log: one line per event, appended and flushed at once so that an operator (or a test) can follow it
 * while slurmctld runs. Lines are {@code key=value} words:
 * <pre>
 *   decision job=17 ranked=n3,n4 candidates=16 latency_us=41.2
 *   declined job=18 candidates=16 reason="..." latency_us=12.0
 *   lease job=17 nodes=n3,n4 fills=2 rejects=0
 *   settle job=17 leases=2 tax_burned_micros=800
 *   error where=job_test message="..."
 * </pre>
 * Not thread-safe: only the bridge thread writes it.
 */
public final class DecisionLog implements AutoCloseable {

    private final Path path;
    private final Writer out;

    private DecisionLog(Path path, Writer out) {
        this.path = path;
        this.out = out;
    }

    /** Opens {@code path} for appending, creating it and its parent directories. */
    public static DecisionLog open(Path path) {
        try {
            if (path.getParent() != null) Files.createDirectories(path.getParent());
            return new DecisionLog(path, Files.newBufferedWriter(path, StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.WRITE));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the decision log " + path, e);
        }
    }

    public Path path() {
        return path;
    }

    /** Appends one line; an I/O failure is swallowed (the log must never stop a decision). */
    public void line(String text) {
        try {
            out.write(text);
            out.write('\n');
            out.flush();
        } catch (IOException ignored) {
            // the decision stands; the log is best effort
        }
    }

    /** An error line for {@code where} (an upcall name). */
    public void error(String where, Throwable t) {
        String message = String.valueOf(t).replace('"', '\'').replace('\n', ' ');
        line("error where=" + where + " message=\"" + message + "\"");
    }

    @Override
    public void close() {
        try {
            out.close();
        } catch (IOException ignored) {
            // closing at shutdown
        }
    }
}

package io.teg.sim.trace;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Reads one trace format into a {@link Trace}. Implementations are immutable and hold their
 * {@link TraceOptions}; {@link TraceReaders#read(Path, TraceOptions)} picks one by the file's content.
 */
public interface TraceReader {

    /**
     * Reads {@code file} (plain text, or gzip-compressed when its name ends in {@code .gz}).
     *
     * @throws IOException when the file (or a file it depends on) is missing or unreadable; the message names it
     * @throws TraceFormatException when the file cannot be read as this format, or on the first malformed line in
     *         strict mode
     */
    Trace read(Path file) throws IOException;
}

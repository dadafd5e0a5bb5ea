package io.teg.sim.trace;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Reads a trace file of any supported format, recognised by its content rather than its name:
 * <ul>
 *   <li>first non-blank line starts with {@code name,}: an Alibaba GPU v2023 pod list ({@link AlibabaTraceReader});</li>
 *   <li>first non-blank line starts with {@code ;} or a number: Standard Workload Format ({@link SwfReader}).</li>
 * </ul>
 * Files whose name ends in {@code .gz} are gunzipped first.
 */
public final class TraceReaders {

    private TraceReaders() {
    }

    /**
     * Reads {@code file} with the reader its content calls for.
     *
     * @throws IOException when the file, or a file it depends on (node list, default pod list), is missing or
     *         unreadable; the message names the path
     * @throws TraceFormatException when the format is not recognised, the file is empty, or (strict) a line is
     *         malformed; the message is {@code file:line: reason}
     */
    public static Trace read(Path file, TraceOptions opts) throws IOException {
        return readerFor(file, opts).read(file);
    }

    /**
     * The reader for {@code file}, chosen by its first non-blank line.
     *
     * @throws IOException when the file is missing or unreadable
     * @throws TraceFormatException when the content is no supported format
     */
    public static TraceReader readerFor(Path file, TraceOptions opts) throws IOException {
        if (file == null) throw new IllegalArgumentException("trace file is required");
        if (opts == null) throw new IllegalArgumentException("trace options are required");
        if (!Files.exists(file)) throw new NoSuchFileException(file.toString(), null, "trace file not found");
        String where = file.toString();
        try (BufferedReader in = TraceFiles.open(file, "trace file")) {
            String text;
            long lineNo = 0;
            while ((text = in.readLine()) != null) {
                lineNo++;
                if (lineNo == 1) text = TraceFiles.stripBom(text);
                String line = text.strip();
                if (line.isEmpty()) continue;
                if (line.startsWith("name,")) return new AlibabaTraceReader(opts);
                if (line.startsWith("sn,"))
                    throw new TraceFormatException(where, lineNo, "this is an Alibaba node list, not a trace; read a pod list"
                            + " and pass this file as its node list (--nodes-file)");
                char c = line.charAt(0);
                if (c == ';' || (c >= '0' && c <= '9') || c == '-' || c == '+' || c == '.') return new SwfReader(opts);
                String head = line.length() > 40 ? line.substring(0, 40) + "..." : line;
                throw new TraceFormatException(where, lineNo, "unknown trace format: expected SWF (a ';' header or a"
                        + " line of numbers) or an Alibaba pod list (a header starting with 'name,'), got '" + head + "'");
            }
        }
        throw new TraceFormatException(where, 0, "empty trace file");
    }
}

package io.teg.sim.trace;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Gathers diagnostics while one trace is read; single-threaded, used by one read only. In strict mode
 * {@link #malformed} throws instead of counting.
 */
final class DiagnosticsCollector {

    private final boolean strict;
    private final List<TraceDiagnostics.MalformedLine> malformed = new ArrayList<>();
    private long malformedCount;
    private final Map<String, long[]> skipCounts = new LinkedHashMap<>();
    private final Map<String, String> skipFirst = new LinkedHashMap<>();
    private final List<String> notes = new ArrayList<>();

    DiagnosticsCollector(boolean strict) {
        this.strict = strict;
    }

    /** Records a malformed line; throws {@link TraceFormatException} in strict mode. */
    void malformed(String file, long line, String reason) {
        if (strict) throw new TraceFormatException(file, line, reason);
        malformedCount++;
        if (malformed.size() < TraceDiagnostics.MAX_MALFORMED_KEPT)
            malformed.add(new TraceDiagnostics.MalformedLine(file, line, reason));
    }

    /** Records a valid job left out of the trace. */
    void skipped(String reason, String file, long line, String detail) {
        long[] count = skipCounts.computeIfAbsent(reason, k -> new long[1]);
        if (count[0]++ == 0) skipFirst.put(reason, file + ":" + line + ": " + detail);
    }

    void note(String note) {
        notes.add(note);
    }

    TraceDiagnostics build(String fileName, long linesRead, long recordsRead, int jobsKept) {
        List<TraceDiagnostics.Skip> skips = new ArrayList<>(skipCounts.size());
        for (Map.Entry<String, long[]> e : skipCounts.entrySet())
            skips.add(new TraceDiagnostics.Skip(e.getKey(), e.getValue()[0], skipFirst.get(e.getKey())));
        return new TraceDiagnostics(fileName, linesRead, recordsRead, jobsKept, malformedCount, malformed, skips, notes);
    }
}

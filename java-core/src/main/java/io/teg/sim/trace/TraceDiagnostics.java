package io.teg.sim.trace;

import java.util.ArrayList;
import java.util.List;

/**
 * What happened while a trace was read: how much was read, which lines were malformed, which valid jobs were
 * skipped and why, and notes on assumptions the reader made (a cluster derived from the jobs, times joined from
 * another file). Immutable.
 *
 * <p>A malformed line is one the format does not allow (wrong field count, a non-number); it is reported as
 * {@code file:line: reason}. A skipped job is well-formed but cannot be replayed (runtime 0, larger than the
 * cluster); skipped jobs are counted by reason, with the first occurrence of each reason kept as an example.
 *
 * @param file the trace file's name (without directories), for reports
 * @param linesRead physical lines read from the trace file, headers and blank lines included
 * @param recordsRead well-formed job records read: SWF job lines, or Alibaba pods
 * @param jobsKept jobs in the trace as read, after skipping and after joining pods into gangs (transforms applied
 *        later do not change it; see {@link #notes()})
 * @param malformedCount malformed lines seen, in the trace file and the files it depends on
 * @param malformed the first {@value #MAX_MALFORMED_KEPT} malformed lines, in reading order
 * @param skipped skipped jobs by reason, in order of the reason's first occurrence
 * @param notes assumptions made and transforms applied, in order
 */
public record TraceDiagnostics(String file, long linesRead, long recordsRead, int jobsKept, long malformedCount,
                               List<MalformedLine> malformed, List<Skip> skipped, List<String> notes) {

    /** How many malformed lines are kept with their reasons; the rest are only counted. */
    public static final int MAX_MALFORMED_KEPT = 100;

    public TraceDiagnostics {
        if (file == null || file.isBlank()) throw new IllegalArgumentException("file must not be blank");
        if (linesRead < 0 || recordsRead < 0 || jobsKept < 0 || malformedCount < 0)
            throw new IllegalArgumentException("counts must be >= 0: lines " + linesRead + ", records " + recordsRead
                    + ", jobs " + jobsKept + ", malformed " + malformedCount);
        malformed = List.copyOf(malformed);
        skipped = List.copyOf(skipped);
        notes = List.copyOf(notes);
        if (malformed.size() > malformedCount)
            throw new IllegalArgumentException(malformed.size() + " malformed lines listed but only " + malformedCount + " counted");
    }

    /**
     * A line the format does not allow.
     *
     * @param file the file as the caller named it
     * @param line 1-based line number
     * @param reason what is wrong, with the offending value
     */
    public record MalformedLine(String file, long line, String reason) {

        /** {@code file:line: reason}. */
        @Override
        public String toString() {
            return file + ":" + line + ": " + reason;
        }
    }

    /**
     * Well-formed jobs that were left out of the trace for one reason.
     *
     * @param reason the reason, without per-job quantities, e.g. {@code runtime <= 0}
     * @param count how many jobs were skipped for it (a gang counts once)
     * @param first the first such job as {@code file:line: detail}, with its quantities, e.g.
     *        {@code kth.swf:40: needs 120 processors, cluster has 100}
     */
    public record Skip(String reason, long count, String first) {
        public Skip {
            if (count < 1) throw new IllegalArgumentException("a skip reason needs count >= 1, got " + count);
        }
    }

    /** Total skipped jobs over all reasons. */
    public long skippedCount() {
        long n = 0;
        for (Skip s : skipped) n += s.count();
        return n;
    }

    /** Jobs skipped for {@code reason}, 0 when none. */
    public long skippedFor(String reason) {
        for (Skip s : skipped) if (s.reason().equals(reason)) return s.count();
        return 0;
    }

    /** These diagnostics with {@code note} appended. */
    public TraceDiagnostics withNote(String note) {
        List<String> more = new ArrayList<>(notes);
        more.add(note);
        return new TraceDiagnostics(file, linesRead, recordsRead, jobsKept, malformedCount, malformed, skipped, more);
    }

    /**
     * One line for a human, e.g. {@code KTH-SP2-1996-2.1-cln.swf: 28476 records, 28467 jobs, 0 malformed lines,
     * 9 jobs skipped (8 runtime <= 0, 1 processors <= 0)}, followed by the notes.
     */
    public String summary() {
        StringBuilder sb = new StringBuilder();
        sb.append(file).append(": ").append(recordsRead).append(" records, ").append(jobsKept).append(" jobs, ")
                .append(malformedCount).append(malformedCount == 1 ? " malformed line" : " malformed lines");
        if (!malformed.isEmpty()) sb.append(" (first: ").append(malformed.getFirst()).append(')');
        long skippedCount = skippedCount();
        sb.append(", ").append(skippedCount).append(skippedCount == 1 ? " job skipped" : " jobs skipped");
        if (!skipped.isEmpty()) {
            sb.append(" (");
            for (int i = 0; i < skipped.size(); i++) {
                if (i > 0) sb.append(", ");
                sb.append(skipped.get(i).count()).append(' ').append(skipped.get(i).reason());
            }
            sb.append(')');
        }
        for (String note : notes) sb.append("; ").append(note);
        return sb.toString();
    }

    /** {@link #summary()}, then every kept malformed line and the first job of every skip reason, one a line. */
    public String report() {
        StringBuilder sb = new StringBuilder(summary());
        for (MalformedLine m : malformed) sb.append('\n').append("  malformed: ").append(m);
        if (malformedCount > malformed.size())
            sb.append('\n').append("  ... and ").append(malformedCount - malformed.size()).append(" more malformed lines");
        for (Skip s : skipped) sb.append('\n').append("  skipped (").append(s.reason()).append("): ").append(s.count())
                .append(", first ").append(s.first());
        return sb.toString();
    }
}

package io.teg.sim.trace;

import io.teg.model.JobRequest;
import io.teg.model.NodeSpec;
import io.teg.model.TaskShape;
import io.teg.sim.ClusterSpec;
import io.teg.sim.Qos;
import io.teg.sim.SimJob;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the Standard Workload Format of the Parallel Workloads Archive
 * (<a href="https://www.cs.huji.ac.il/labs/parallel/workload/swf.html">swf.html</a>).
 *
 * <p>Lines starting with {@code ;} are header comments; {@code ; MaxNodes: N} and {@code ; MaxProcs: P} describe
 * the machine. Every other non-blank line is a job of 18 whitespace-separated numbers, -1 meaning unknown. Columns
 * used (1-based):
 * <pre>
 *   1 job id                     -&gt; JobRequest.jobId
 *   2 submit time, s             -&gt; SimJob.submitS (shifted so that the first job submits at 0)
 *   4 run time, s                -&gt; SimJob.runtimeS
 *   5 allocated processors       -&gt; tasks, when column 8 is unknown
 *   8 requested processors       -&gt; tasks (one task per processor), when &gt; 0
 *   9 requested time, s          -&gt; JobRequest.timeLimitS; the run time when unknown (&lt;= 0)
 *  10 requested memory, KB/proc  -&gt; TaskShape.memMiB = ceil(KB / 1024); 0 when unknown (the physics fills it in)
 *  12 user id                    -&gt; account "u&lt;id&gt;", "unknown" when -1
 * </pre>
 * Each task is {@code TaskShape.cpu(1000, memMiB)}: one core. Fractional times are allowed: submit times are
 * rounded down, run times and time limits up, to whole seconds. Jobs are {@link Qos#GUARANTEED}, priority 0. The run
 * time is not clamped to the time limit (SWF logs have jobs that overran it).
 *
 * <p>The cluster: {@code MaxNodes} nodes of {@code ceil(MaxProcs / MaxNodes)} cores, named {@code <stem>-n0001}...
 * SWF records no node memory; each node gets {@value #MIB_PER_CORE} MiB per core, an assumption. No GPUs. A header
 * without these fields is filled in from the largest job and said so in the diagnostics: without {@code MaxNodes},
 * single-core nodes; without {@code MaxProcs}, cores enough for the largest job spread over {@code MaxNodes}.
 *
 * <p>Malformed (counted, or fatal when strict): a job line without exactly 18 fields, a field that is not a
 * number, a fractional job id, processor count or user id. Skipped (counted, never fatal): unknown submit time,
 * run time &lt;= 0, processors &lt;= 0, more processors than the cluster has, more memory per processor than a node
 * has.
 *
 * <p>Immutable and thread-safe. Reading the 28,476-job KTH SP2 log takes well under a second.
 */
public final class SwfReader implements TraceReader {

    /** Assumed node memory per core, MiB: SWF logs do not record node memory. */
    public static final long MIB_PER_CORE = 8192;

    /** Fields on a job line. */
    public static final int FIELDS = 18;

    public static final String SKIP_SUBMIT = "submit time unknown";
    public static final String SKIP_RUNTIME = "runtime <= 0";
    public static final String SKIP_PROCS = "processors <= 0";
    public static final String SKIP_TOO_WIDE = "more processors than the cluster";
    public static final String SKIP_TOO_MUCH_MEMORY = "more memory per processor than a node";

    private static final String[] FIELD_NAMES = {
            "job id", "submit time", "wait time", "run time", "allocated processors", "average CPU time",
            "used memory", "requested processors", "requested time", "requested memory", "status", "user id",
            "group id", "executable", "queue", "partition", "preceding job", "think time"};

    private final TraceOptions options;

    public SwfReader(TraceOptions options) {
        if (options == null) throw new IllegalArgumentException("trace options are required");
        this.options = options;
    }

    /** One parsed job line; times in seconds on the log's clock. */
    private record Line(long line, long jobId, long submitS, long runtimeS, long procs, long timeLimitS, long memMiB, long user) {
    }

    @Override
    public Trace read(Path file) throws IOException {
        String where = file.toString();
        DiagnosticsCollector diag = new DiagnosticsCollector(options.strict());
        List<Line> parsed = new ArrayList<>();
        long maxNodes = -1;
        long maxProcs = -1;
        long lineNo = 0;
        int[] starts = new int[FIELDS];
        int[] ends = new int[FIELDS];
        double[] values = new double[FIELDS];
        try (BufferedReader in = TraceFiles.open(file, "SWF trace")) {
            String text;
            while ((text = in.readLine()) != null) {
                lineNo++;
                if (lineNo == 1) text = TraceFiles.stripBom(text);
                int n = text.length();
                int first = 0;
                while (first < n && Character.isWhitespace(text.charAt(first))) first++;
                if (first == n) continue;
                if (text.charAt(first) == ';') {
                    long v;
                    if ((v = headerValue(text, first, "MaxNodes", where, lineNo, diag)) != Long.MIN_VALUE) maxNodes = v;
                    if ((v = headerValue(text, first, "MaxProcs", where, lineNo, diag)) != Long.MIN_VALUE) maxProcs = v;
                    continue;
                }
                int fields = 0;
                int i = first;
                while (i < n) {
                    while (i < n && Character.isWhitespace(text.charAt(i))) i++;
                    if (i == n) break;
                    int start = i;
                    while (i < n && !Character.isWhitespace(text.charAt(i))) i++;
                    if (fields < FIELDS) {
                        starts[fields] = start;
                        ends[fields] = i;
                    }
                    fields++;
                }
                if (fields != FIELDS) {
                    diag.malformed(where, lineNo, "expected " + FIELDS + " fields, got " + fields);
                    continue;
                }
                Line job = parseJob(text, lineNo, starts, ends, values, where, diag);
                if (job != null) parsed.add(job);
            }
        }

        ClusterSpec cluster = cluster(file, maxNodes, maxProcs, parsed, diag, where);
        long clusterProcs = (long) cluster.nodes().size() * (cluster.nodes().getFirst().cpuMilli() / 1000);
        long nodeMemMiB = cluster.nodes().getFirst().memMiB();
        List<RawJob> raw = new ArrayList<>(parsed.size());
        for (Line l : parsed) {
            if (l.submitS() < 0) {
                diag.skipped(SKIP_SUBMIT, where, l.line(), "submit time " + l.submitS() + " s");
            } else if (l.runtimeS() <= 0) {
                diag.skipped(SKIP_RUNTIME, where, l.line(), "runtime " + l.runtimeS() + " s");
            } else if (l.procs() <= 0) {
                diag.skipped(SKIP_PROCS, where, l.line(), "requested and allocated processors unknown (" + l.procs() + ")");
            } else if (l.procs() > clusterProcs) {
                diag.skipped(SKIP_TOO_WIDE, where, l.line(), "needs " + l.procs() + " processors, cluster has " + clusterProcs);
            } else if (l.memMiB() > nodeMemMiB) {
                diag.skipped(SKIP_TOO_MUCH_MEMORY, where, l.line(),
                        "needs " + l.memMiB() + " MiB per processor, a node has " + nodeMemMiB + " MiB");
            } else {
                String account = l.user() >= 0 ? "u" + l.user() : "unknown";
                long limit = l.timeLimitS() > 0 ? l.timeLimitS() : l.runtimeS();
                JobRequest request = new JobRequest(l.jobId(), account, (int) l.procs(), TaskShape.cpu(1000, l.memMiB()), limit, 0);
                raw.add(new RawJob(l.submitS(), l.line(), request, l.runtimeS(), Qos.GUARANTEED));
            }
        }
        List<SimJob> jobs = RawJob.toSimJobs(raw);
        TraceDiagnostics diagnostics = diag.build(TraceFiles.fileName(file), lineNo, parsed.size(), jobs.size());
        return new Trace(TraceFiles.stem(file), file, cluster, jobs, diagnostics);
    }

    private static Line parseJob(String text, long lineNo, int[] starts, int[] ends, double[] values, String where,
                                 DiagnosticsCollector diag) {
        for (int f = 0; f < FIELDS; f++) {
            double v = TraceFiles.parseDecimal(text, starts[f], ends[f]);
            if (Double.isNaN(v)) {
                diag.malformed(where, lineNo, "field " + (f + 1) + " (" + FIELD_NAMES[f] + ") is not a number: '"
                        + text.substring(starts[f], ends[f]) + "'");
                return null;
            }
            values[f] = v;
        }
        for (int f : new int[] {0, 4, 7, 11}) {
            if (!TraceFiles.isWhole(values[f])) {
                diag.malformed(where, lineNo, "field " + (f + 1) + " (" + FIELD_NAMES[f] + ") must be a whole number, got "
                        + text.substring(starts[f], ends[f]));
                return null;
            }
        }
        long requested = (long) values[7];
        long procs = requested > 0 ? requested : (long) values[4];
        double memKb = values[9];
        long memMiB = memKb > 0 ? (long) Math.ceil(memKb / 1024.0) : 0;
        return new Line(lineNo, (long) values[0], (long) Math.floor(values[1]), (long) Math.ceil(values[3]), procs,
                (long) Math.ceil(values[8]), memMiB, (long) values[11]);
    }

    /**
     * The value of header field {@code key} when {@code text} is {@code ; key: value}; {@link Long#MIN_VALUE} when
     * the line is another header. A value that is not a positive whole number is reported as malformed.
     */
    private static long headerValue(String text, int semicolon, String key, String where, long lineNo, DiagnosticsCollector diag) {
        int i = semicolon + 1;
        int n = text.length();
        while (i < n && Character.isWhitespace(text.charAt(i))) i++;
        if (!text.regionMatches(true, i, key, 0, key.length())) return Long.MIN_VALUE;
        i += key.length();
        while (i < n && Character.isWhitespace(text.charAt(i))) i++;
        if (i >= n || text.charAt(i) != ':') return Long.MIN_VALUE;
        i++;
        while (i < n && Character.isWhitespace(text.charAt(i))) i++;
        int start = i;
        while (i < n && !Character.isWhitespace(text.charAt(i))) i++;
        double v = TraceFiles.parseDecimal(text, start, i);
        if (Double.isNaN(v) || !TraceFiles.isWhole(v) || v < 1 || v > Integer.MAX_VALUE) {
            diag.malformed(where, lineNo, "header " + key + " must be a positive whole number, got '" + text.substring(start, i) + "'");
            return Long.MIN_VALUE;
        }
        return (long) v;
    }

    private static ClusterSpec cluster(Path file, long maxNodes, long maxProcs, List<Line> jobs, DiagnosticsCollector diag,
                                       String where) {
        long widest = 0;
        for (Line l : jobs) if (l.runtimeS() > 0 && l.submitS() >= 0) widest = Math.max(widest, l.procs());
        long nodes;
        long cores;
        if (maxNodes > 0 && maxProcs > 0) {
            nodes = maxNodes;
            cores = Math.max(1, ceilDiv(maxProcs, maxNodes));
            if (maxProcs % maxNodes != 0)
                diag.note("MaxProcs " + maxProcs + " is not a multiple of MaxNodes " + maxNodes + ": " + cores + " cores per node");
        } else if (maxNodes > 0) {
            nodes = maxNodes;
            cores = Math.max(1, ceilDiv(widest, maxNodes));
            diag.note("no MaxProcs header: " + cores + " cores per node, enough for the largest job (" + widest + " processors)");
        } else if (maxProcs > 0) {
            nodes = maxProcs;
            cores = 1;
            diag.note("no MaxNodes header: " + maxProcs + " single-core nodes");
        } else {
            if (widest <= 0)
                throw new TraceFormatException(where, 0, "no MaxNodes/MaxProcs header and no replayable job to size the cluster from");
            nodes = widest;
            cores = 1;
            diag.note("no MaxNodes/MaxProcs header: cluster derived from the largest job, " + widest + " single-core nodes");
        }
        if (cores * 1000 > Integer.MAX_VALUE || nodes > Integer.MAX_VALUE)
            throw new TraceFormatException(where, 0, "cluster too large: " + nodes + " nodes of " + cores + " cores");
        String stem = TraceFiles.stem(file);
        int width = Math.max(4, Long.toString(nodes).length());
        String format = "%s-n%0" + width + "d";
        List<NodeSpec> specs = new ArrayList<>((int) nodes);
        for (long i = 1; i <= nodes; i++)
            specs.add(NodeSpec.cpuOnly(String.format(format, stem, i), (int) (cores * 1000), cores * MIB_PER_CORE));
        return new ClusterSpec(stem, specs, List.of());
    }

    private static long ceilDiv(long a, long b) {
        return -Math.floorDiv(-a, b);
    }
}

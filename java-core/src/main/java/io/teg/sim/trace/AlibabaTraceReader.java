package io.teg.sim.trace;

import io.teg.model.JobRequest;
import io.teg.model.NodeSpec;
import io.teg.model.TaskShape;
import io.teg.sim.ClusterSpec;
import io.teg.sim.Qos;
import io.teg.sim.SimJob;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * Reads the pod lists of Alibaba's GPU cluster trace v2023 ("openb", Weng et al., "Beware of Fragmentation",
 * USENIX ATC 2023): CSV files with a header line, columns found by name, so that both the 11-column lists
 * ({@code name,cpu_milli,memory_mib,num_gpu,gpu_milli,gpu_spec,qos,pod_phase,creation_time,deletion_time,scheduled_time})
 * and the 5-column one ({@code name,cpu_milli,memory_mib,num_gpu,gpu_milli}) read. Times are in seconds.
 *
 * <p><b>Cluster.</b> The node list ({@code sn,cpu_milli,memory_mib,gpu,model}) is {@link TraceOptions#nodesFile()}
 * ({@code --nodes-file}) or, when that is null, {@value #DEFAULT_NODE_LIST} in the pod list's directory; a missing
 * node list is an {@link IOException} naming the path it looked for. GPU model ids are given in order of first
 * appearance in the node list ({@link ClusterSpec#gpuModels()}).
 *
 * <p><b>Times.</b> A pod submits at {@code creation_time} and runs for {@code deletion_time - scheduled_time}, or
 * {@code deletion_time - creation_time} when it was never scheduled (no {@code scheduled_time}), at least 1 s. Pods
 * carry no time limit, so the limit is the runtime. Fractional times are rounded to whole seconds.
 *
 * <p><b>Lists without times.</b> {@code openb_pod_list_multigpu50.csv} has no time columns. It was sampled from
 * {@value #DEFAULT_POD_LIST}: its first 8,152 pods match that list by name and shape. Its times are therefore joined
 * by pod name from {@value #DEFAULT_POD_LIST} in the same directory (an {@link IOException} naming that file when it
 * is absent). A pod not in the default list takes the three times (creation, scheduled, deletion) of a template
 * pod drawn uniformly, with {@code new Random(options.seed())}, from the default pods with the same
 * {@code num_gpu} (from all default pods when none has it), drawing once per such pod in file order. The same seed
 * therefore always gives the same trace, and another seed changes only the pods missing from the default list.
 *
 * <p><b>Gangs.</b> The replicas of a distributed job are created together, so pods with the same
 * {@code creation_time} and the same shape ({@code cpu_milli, memory_mib, num_gpu, gpu_milli, gpu_spec, qos}) form
 * one job whose tasks are those pods. Its runtime is the longest of its members', its source line and job id
 * (the number at the end of the pod name) the first member's.
 *
 * <p><b>Task shape.</b> {@code cpuMilli = cpu_milli}, {@code memMiB = memory_mib}, {@code gpus = num_gpu};
 * {@code gpuMilli = gpu_milli} for a one-GPU pod (a share when below 1000), 1000 for several whole GPUs, 0 without
 * GPU. {@code gpu_spec} ({@code V100M16|V100M32}; empty or {@code nan} = any model) becomes
 * {@link TaskShape#gpuModelMask()}; model names the cluster lacks are ignored.
 *
 * <p><b>QoS.</b> {@code LS} and {@code Guaranteed} are {@link Qos#GUARANTEED}, {@code Burstable}
 * {@link Qos#BURSTABLE}, {@code BE} {@link Qos#BEST_EFFORT}; an empty or absent qos is {@link Qos#GUARANTEED}. The
 * account of every job is {@value #ACCOUNT}: the trace has no users. Priority is 0.
 *
 * <p><b>Malformed</b> (counted, or fatal when strict): a row with another field count than the header, an empty
 * name, a non-number, a negative size, a one-GPU pod with {@code gpu_milli} outside 1..1000, an unknown qos, a
 * missing creation or deletion time; in the node list also a non-positive CPU or memory and a repeated name.
 * <b>Skipped</b> (counted, never fatal): a GPU job whose {@code gpu_spec} names no model of the cluster, and a job one
 * of whose tasks no node could hold even when empty ({@link NodeSpec#canEverHold}).
 *
 * <p>Immutable and thread-safe.
 */
public final class AlibabaTraceReader implements TraceReader {

    /** Node list used when {@link TraceOptions#nodesFile()} is null, looked for beside the pod list. */
    public static final String DEFAULT_NODE_LIST = "openb_node_list_all_node.csv";

    /** The full pod list, beside the pod list being read, that supplies times to lists without them. */
    public static final String DEFAULT_POD_LIST = "openb_pod_list_default.csv";

    /** Account of every job. */
    public static final String ACCOUNT = "alibaba";

    public static final String SKIP_GPU_SPEC = "gpu_spec names no GPU model of the cluster";
    public static final String SKIP_NO_NODE = "no node can hold one task";
    public static final String SKIP_CENSORED = "censored runtime (--censored=drop)";

    /** Mixed into the options' seed for the draws of censored runtimes, a stream apart from the time templates. */
    static final long CENSORED_STREAM = 0x43454E534F524544L;

    private static final int MAX_GPU_MODELS = 64;

    private final TraceOptions options;

    public AlibabaTraceReader(TraceOptions options) {
        if (options == null) throw new IllegalArgumentException("trace options are required");
        this.options = options;
    }

    /**
     * One pod, with its times on the trace's clock (seconds) after any join.
     *
     * @param line 1-based line in the pod list
     * @param scheduledS -1 when the pod was never scheduled
     * @param timesFrom where the times came from: {@code own}, {@code joined} (same name in the default list) or
     *        {@code template} (a random default pod with the same num_gpu)
     */
    record Pod(long line, String name, int cpuMilli, long memMiB, int numGpu, int gpuMilli, String gpuSpec, Qos qos,
               long creationS, long scheduledS, long deletionS, String timesFrom, boolean censored) {

        Pod withTimes(Pod from, String how) {
            return new Pod(line, name, cpuMilli, memMiB, numGpu, gpuMilli, gpuSpec, qos,
                    from.creationS, from.scheduledS, from.deletionS, how, from.censored);
        }

        Pod withCensored(boolean c) {
            return new Pod(line, name, cpuMilli, memMiB, numGpu, gpuMilli, gpuSpec, qos, creationS, scheduledS,
                    deletionS, timesFrom, c);
        }

        /** This pod running for {@code runtime} seconds from its start; its deletion time moves accordingly. */
        Pod withRuntime(long runtime) {
            long start = scheduledS >= 0 ? scheduledS : creationS;
            return new Pod(line, name, cpuMilli, memMiB, numGpu, gpuMilli, gpuSpec, qos, creationS, scheduledS,
                    start + runtime, timesFrom, censored);
        }

        /** The donor class for censored runtimes: 0 no GPU, 1 a share of one GPU, 2 one whole GPU, 3 several. */
        int gpuClass() {
            if (numGpu == 0) return 0;
            if (numGpu == 1) return gpuMilli < 1000 ? 1 : 2;
            return 3;
        }

        /** deletion - scheduled (or - creation when never scheduled), seconds, at least 1. */
        long runtimeS() {
            long start = scheduledS >= 0 ? scheduledS : creationS;
            return Math.max(1, deletionS - start);
        }

        boolean hasTimes() {
            return creationS != Long.MIN_VALUE;
        }
    }

    /** The pods of a list and whether it had time columns. */
    private record PodList(List<Pod> pods, boolean hasTimes, long lines) {
    }

    /** Pods with the same creation time and shape belong to one gang. */
    private record GangKey(long creationS, int cpuMilli, long memMiB, int numGpu, int gpuMilli, String gpuSpec, Qos qos) {
        static GangKey of(Pod p) {
            return new GangKey(p.creationS(), p.cpuMilli(), p.memMiB(), p.numGpu(), p.gpuMilli(), p.gpuSpec(), p.qos());
        }
    }

    @Override
    public Trace read(Path podList) throws IOException {
        String where = podList.toString();
        DiagnosticsCollector diag = new DiagnosticsCollector(options.strict());
        ClusterSpec cluster = readNodes(nodeListFor(podList), diag);
        PodList list = readPodList(podList, diag);
        List<Pod> pods = list.hasTimes() ? list.pods() : joinTimes(podList, list.pods(), diag);
        pods = treatCensored(pods, where, diag);
        diag.note("cluster " + cluster.name() + ": " + cluster.nodes().size() + " nodes, " + cluster.totalGpus()
                + " GPUs of " + cluster.gpuModels().size() + " models");

        long clamped = pods.stream().filter(p -> p.deletionS() - (p.scheduledS() >= 0 ? p.scheduledS() : p.creationS()) < 1).count();
        if (clamped > 0) diag.note(clamped + (clamped == 1 ? " pod" : " pods") + " ended at or before it started: runtime set to 1 s");

        Map<GangKey, List<Pod>> gangs = new LinkedHashMap<>();
        for (Pod p : pods) gangs.computeIfAbsent(GangKey.of(p), k -> new ArrayList<>(1)).add(p);

        boolean idsFromNames = idsFromNamesAreUnique(gangs);
        if (!idsFromNames) diag.note("pod names do not all end in distinct numbers: job ids are source lines");
        Map<TaskShape, Boolean> fits = new HashMap<>();
        List<RawJob> raw = new ArrayList<>(gangs.size());
        for (List<Pod> members : gangs.values()) {
            Pod first = members.getFirst();
            long mask = 0;
            if (first.numGpu() > 0 && !first.gpuSpec().isEmpty()) {
                mask = modelMask(first.gpuSpec(), cluster.gpuModels());
                if (mask == 0) {
                    diag.skipped(SKIP_GPU_SPEC, where, first.line(), "gpu_spec '" + first.gpuSpec()
                            + "' names none of the cluster's models " + cluster.gpuModels() + gangNote(members));
                    continue;
                }
            }
            int gpuMilli = first.numGpu() == 0 ? 0 : first.numGpu() == 1 ? first.gpuMilli() : 1000;
            TaskShape shape = new TaskShape(first.cpuMilli(), first.memMiB(), first.numGpu(), gpuMilli, mask);
            if (!fits.computeIfAbsent(shape, s -> cluster.nodes().stream().anyMatch(n -> n.canEverHold(s)))) {
                diag.skipped(SKIP_NO_NODE, where, first.line(), "a task needs " + shape.cpuMilli() + " mCPU, "
                        + shape.memMiB() + " MiB and " + shape.gpus() + " GPUs"
                        + (first.gpuSpec().isEmpty() ? "" : " of " + first.gpuSpec()) + "; no node has that" + gangNote(members));
                continue;
            }
            long runtime = 0;
            for (Pod m : members) runtime = Math.max(runtime, m.runtimeS());
            long jobId = idsFromNames ? nameNumber(first.name()) : first.line();
            JobRequest request = new JobRequest(jobId, ACCOUNT, members.size(), shape, runtime, 0);
            raw.add(new RawJob(first.creationS(), first.line(), request, runtime, first.qos()));
        }
        List<SimJob> jobs = RawJob.toSimJobs(raw);
        TraceDiagnostics diagnostics = diag.build(TraceFiles.fileName(podList), list.lines(), pods.size(), jobs.size());
        return new Trace(TraceFiles.stem(podList), podList, cluster, jobs, diagnostics);
    }

    /**
     * Reads a node list ({@code sn,cpu_milli,memory_mib,gpu,model}) into a cluster named after the file's stem.
     * Malformed lines are skipped, or fatal when the options are strict.
     *
     * @throws IOException when the file is missing or unreadable
     * @throws TraceFormatException when a required column is missing or no node is left
     */
    public ClusterSpec readNodes(Path nodeList) throws IOException {
        return readNodes(nodeList, new DiagnosticsCollector(options.strict()));
    }

    /** The node list this reader uses for {@code podList}: the options' or the default beside the pod list. */
    public Path nodeListFor(Path podList) {
        if (options.nodesFile() != null) return options.nodesFile();
        Path dir = podList.toAbsolutePath().getParent();
        return dir == null ? Path.of(DEFAULT_NODE_LIST) : dir.resolve(DEFAULT_NODE_LIST);
    }

    /** The pods of {@code podList} with their times, joined from the default list where it has none. */
    List<Pod> readPods(Path podList) throws IOException {
        DiagnosticsCollector diag = new DiagnosticsCollector(options.strict());
        PodList list = readPodList(podList, diag);
        return list.hasTimes() ? list.pods() : joinTimes(podList, list.pods(), diag);
    }

    private List<Pod> joinTimes(Path podList, List<Pod> pods, DiagnosticsCollector diag) throws IOException {
        Path dir = podList.toAbsolutePath().getParent();
        Path defaults = dir == null ? Path.of(DEFAULT_POD_LIST) : dir.resolve(DEFAULT_POD_LIST);
        if (!Files.exists(defaults))
            throw new NoSuchFileException(defaults.toString(), null, "default pod list not found; "
                    + TraceFiles.fileName(podList) + " has no time columns and takes its times from it by pod name");
        PodList source = readPodList(defaults, diag);
        if (!source.hasTimes())
            throw new TraceFormatException(defaults.toString(), 1, "the default pod list has no creation_time column");
        Map<String, Pod> byName = new HashMap<>();
        Map<Integer, List<Pod>> byGpus = new HashMap<>();
        for (Pod p : source.pods()) {
            byName.putIfAbsent(p.name(), p);
            byGpus.computeIfAbsent(p.numGpu(), k -> new ArrayList<>()).add(p);
        }
        if (source.pods().isEmpty())
            throw new TraceFormatException(defaults.toString(), 0, "the default pod list has no pods to take times from");
        Random rng = new Random(options.seed());
        List<Pod> out = new ArrayList<>(pods.size());
        int joined = 0;
        int templated = 0;
        int anyGpus = 0;
        for (Pod p : pods) {
            Pod match = byName.get(p.name());
            if (match != null) {
                out.add(p.withTimes(match, "joined"));
                joined++;
            } else {
                List<Pod> candidates = byGpus.get(p.numGpu());
                if (candidates == null) {
                    candidates = source.pods();
                    anyGpus++;
                }
                out.add(p.withTimes(candidates.get(rng.nextInt(candidates.size())), "template"));
                templated++;
            }
        }
        diag.note("times of " + joined + " pods joined by name from " + DEFAULT_POD_LIST + "; " + templated
                + " pods not in it took the times of a random default pod with the same num_gpu (seed "
                + options.seed() + ")" + (anyGpus > 0 ? ", " + anyGpus + " of them of any num_gpu, none having theirs" : ""));
        return out;
    }

    /**
     * Marks the pods still running when the list was collected: scheduled, with the list's last deletion time (the
     * end of the collection, stamped on every pod alive then).
     */
    private static List<Pod> markCensored(List<Pod> pods) {
        long end = Long.MIN_VALUE;
        for (Pod p : pods) end = Math.max(end, p.deletionS());
        List<Pod> out = new ArrayList<>(pods.size());
        for (Pod p : pods) out.add(p.scheduledS() >= 0 && p.deletionS() == end ? p.withCensored(true) : p);
        return out;
    }

    /**
     * Applies {@link TraceOptions#censored()} to the censored pods (see {@link CensoredRuntimes}); the others are
     * returned unchanged, in order.
     */
    List<Pod> treatCensored(List<Pod> pods, String where, DiagnosticsCollector diag) {
        long censored = pods.stream().filter(Pod::censored).count();
        if (censored == 0) return pods;
        CensoredRuntimes mode = options.censored();
        List<List<Long>> donors = new ArrayList<>();
        for (int c = 0; c < 4; c++) donors.add(new ArrayList<>());
        List<Long> all = new ArrayList<>();
        for (Pod p : pods) {
            if (p.censored() || p.scheduledS() < 0) continue;
            donors.get(p.gpuClass()).add(p.runtimeS());
            all.add(p.runtimeS());
        }
        for (List<Long> d : donors) d.sort(null);
        all.sort(null);
        // SplittableRandom mixes its seed, so neighbouring seeds give unrelated first draws (java.util.Random does not)
        java.util.SplittableRandom rng = new java.util.SplittableRandom(options.seed() ^ CENSORED_STREAM);
        List<Pod> out = new ArrayList<>(pods.size());
        long longer = 0;
        long capped = 0;
        for (Pod p : pods) {
            if (!p.censored() || mode == CensoredRuntimes.KEEP) {
                out.add(p);
                continue;
            }
            if (mode == CensoredRuntimes.DROP) {
                diag.skipped(SKIP_CENSORED, where, p.line(), "pod " + p.name() + " was still running after "
                        + p.runtimeS() + " s");
                continue;
            }
            List<Long> d = donors.get(p.gpuClass()).isEmpty() ? all : donors.get(p.gpuClass());
            if (d.isEmpty()) {
                out.add(p);
                continue;
            }
            long age = p.runtimeS();
            long longest = d.getLast();
            long runtime;
            if (mode == CensoredRuntimes.CAP || age > longest) {
                runtime = Math.min(age, longest);
                if (age > longest) capped++;
            } else {
                int first = firstAtLeast(d, age);
                runtime = d.get(first + rng.nextInt(d.size() - first));
                longer++;
            }
            out.add(p.withRuntime(runtime));
        }
        diag.note(censored + " pods were still running at the end of the collection (censored runtimes): "
                + switch (mode) {
                    case KEEP -> "their age is taken as their runtime";
                    case DROP -> "left out";
                    case CAP -> capped + " capped at the longest known runtime of their GPU class";
                    case RESAMPLE -> longer + " drew a known runtime at least as long as their age, " + capped
                            + " older than every known runtime of their GPU class took the longest (seed "
                            + options.seed() + ")";
                });
        return out;
    }

    private static int firstAtLeast(List<Long> sorted, long v) {
        int lo = 0;
        int hi = sorted.size();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sorted.get(mid) < v) lo = mid + 1;
            else hi = mid;
        }
        return lo;
    }

    private PodList readPodList(Path file, DiagnosticsCollector diag) throws IOException {
        String where = file.toString();
        List<Pod> pods = new ArrayList<>();
        long lineNo = 0;
        try (BufferedReader in = TraceFiles.open(file, "pod list")) {
            Header h = null;
            String text;
            while ((text = in.readLine()) != null) {
                lineNo++;
                if (lineNo == 1) text = TraceFiles.stripBom(text);
                if (text.isBlank()) continue;
                if (h == null) {
                    h = Header.parse(text, where, lineNo, "name", "cpu_milli", "memory_mib", "num_gpu", "gpu_milli");
                    boolean creation = h.has("creation_time");
                    if (creation != h.has("deletion_time") || (!creation && h.has("scheduled_time")))
                        throw new TraceFormatException(where, lineNo,
                                "a pod list needs both creation_time and deletion_time, or no time column at all");
                    continue;
                }
                Pod p = parsePod(h, text, lineNo, where, diag);
                if (p != null) pods.add(p);
            }
            if (h == null) throw new TraceFormatException(where, 0, "empty pod list: no header line");
            boolean times = h.has("creation_time");
            return new PodList(times ? markCensored(pods) : pods, times, lineNo);
        }
    }

    private static Pod parsePod(Header h, String text, long lineNo, String where, DiagnosticsCollector diag) {
        String[] f = text.split(",", -1);
        if (f.length != h.size()) {
            diag.malformed(where, lineNo, "expected " + h.size() + " fields, got " + f.length);
            return null;
        }
        Row row = new Row(h, f, where, lineNo, diag);
        String name = row.text("name");
        if (name.isEmpty()) {
            diag.malformed(where, lineNo, "empty pod name");
            return null;
        }
        long cpu = row.whole("cpu_milli", 0, Integer.MAX_VALUE);
        long mem = row.whole("memory_mib", 0, Long.MAX_VALUE / 2);
        long gpus = row.whole("num_gpu", 0, 64);
        long gpuMilli = row.whole("gpu_milli", 0, Integer.MAX_VALUE);
        if (row.failed) return null;
        if (gpus == 1 && (gpuMilli < 1 || gpuMilli > 1000)) {
            diag.malformed(where, lineNo, "gpu_milli must be in 1..1000 for a pod with one GPU, got " + gpuMilli);
            return null;
        }
        String spec = h.has("gpu_spec") ? row.text("gpu_spec") : "";
        if (spec.equalsIgnoreCase("nan")) spec = "";
        Qos qos = Qos.GUARANTEED;
        if (h.has("qos")) {
            String q = row.text("qos");
            qos = switch (q.toLowerCase(Locale.ROOT)) {
                case "", "nan", "ls", "guaranteed" -> Qos.GUARANTEED;
                case "burstable" -> Qos.BURSTABLE;
                case "be", "besteffort" -> Qos.BEST_EFFORT;
                default -> null;
            };
            if (qos == null) {
                diag.malformed(where, lineNo, "unknown qos '" + q + "' (expected LS, Guaranteed, Burstable or BE)");
                return null;
            }
        }
        long creation = Long.MIN_VALUE;
        long scheduled = -1;
        long deletion = Long.MIN_VALUE;
        if (h.has("creation_time")) {
            creation = row.time("creation_time", true);
            deletion = row.time("deletion_time", true);
            if (h.has("scheduled_time")) scheduled = row.time("scheduled_time", false);
            if (row.failed) return null;
        }
        return new Pod(lineNo, name, (int) cpu, mem, (int) gpus, (int) (gpus == 0 ? 0 : gpuMilli), spec, qos,
                creation, scheduled, deletion, "own", false);
    }

    private ClusterSpec readNodes(Path file, DiagnosticsCollector diag) throws IOException {
        String where = file.toString();
        if (!Files.exists(file))
            throw new NoSuchFileException(where, null, "node list not found (the default is " + DEFAULT_NODE_LIST
                    + " beside the pod list; name another with --nodes-file)");
        List<NodeSpec> nodes = new ArrayList<>();
        List<String> models = new ArrayList<>();
        Set<String> names = new HashSet<>();
        long lineNo = 0;
        try (BufferedReader in = TraceFiles.open(file, "node list")) {
            Header h = null;
            String text;
            while ((text = in.readLine()) != null) {
                lineNo++;
                if (lineNo == 1) text = TraceFiles.stripBom(text);
                if (text.isBlank()) continue;
                if (h == null) {
                    h = Header.parse(text, where, lineNo, "sn", "cpu_milli", "memory_mib", "gpu");
                    continue;
                }
                String[] f = text.split(",", -1);
                if (f.length != h.size()) {
                    diag.malformed(where, lineNo, "expected " + h.size() + " fields, got " + f.length);
                    continue;
                }
                Row row = new Row(h, f, where, lineNo, diag);
                String name = row.text("sn");
                long cpu = row.whole("cpu_milli", 1, Integer.MAX_VALUE);
                long mem = row.whole("memory_mib", 1, Long.MAX_VALUE / 2);
                long gpus = row.whole("gpu", 0, 64);
                if (row.failed) continue;
                if (name.isEmpty()) {
                    diag.malformed(where, lineNo, "empty node name");
                    continue;
                }
                if (!names.add(name)) {
                    diag.malformed(where, lineNo, "node " + name + " is listed twice");
                    continue;
                }
                if (gpus == 0) {
                    nodes.add(NodeSpec.cpuOnly(name, (int) cpu, mem));
                    continue;
                }
                String model = h.has("model") ? row.text("model") : "";
                if (model.isEmpty() || model.equalsIgnoreCase("nan")) model = "unknown";
                int id = models.indexOf(model);
                if (id < 0) {
                    if (models.size() == MAX_GPU_MODELS)
                        throw new TraceFormatException(where, lineNo, "more than " + MAX_GPU_MODELS + " GPU models; "
                                + model + " would be the " + (MAX_GPU_MODELS + 1) + "th");
                    models.add(model);
                    id = models.size() - 1;
                }
                nodes.add(new NodeSpec(name, (int) cpu, mem, (int) gpus, model, id));
            }
        }
        if (nodes.isEmpty()) throw new TraceFormatException(where, 0, "the node list has no usable node");
        return new ClusterSpec(TraceFiles.stem(file), nodes, models);
    }

    private static long modelMask(String spec, List<String> models) {
        long mask = 0;
        for (String m : spec.split("\\|")) {
            int id = models.indexOf(m.trim());
            if (id >= 0) mask |= 1L << id;
        }
        return mask;
    }

    private static String gangNote(List<Pod> members) {
        return members.size() > 1 ? " (a gang of " + members.size() + " pods)" : "";
    }

    private static boolean idsFromNamesAreUnique(Map<GangKey, List<Pod>> gangs) {
        Set<Long> seen = new HashSet<>();
        for (List<Pod> members : gangs.values()) {
            long id = nameNumber(members.getFirst().name());
            if (id < 0 || !seen.add(id)) return false;
        }
        return true;
    }

    /** The number at the end of {@code name} ({@code openb-pod-0017} -&gt; 17), -1 when there is none. */
    static long nameNumber(String name) {
        int end = name.length();
        int start = end;
        while (start > 0 && Character.isDigit(name.charAt(start - 1)) && end - start < 18) start--;
        return start == end ? -1 : Long.parseLong(name, start, end, 10);
    }

    /** Column positions by name. */
    private record Header(Map<String, Integer> columns, int size) {

        static Header parse(String text, String where, long lineNo, String... required) {
            String[] names = text.split(",", -1);
            Map<String, Integer> columns = new HashMap<>();
            for (int i = 0; i < names.length; i++) columns.putIfAbsent(names[i].trim().toLowerCase(Locale.ROOT), i);
            List<String> missing = new ArrayList<>();
            for (String r : required) if (!columns.containsKey(r)) missing.add(r);
            if (!missing.isEmpty())
                throw new TraceFormatException(where, lineNo, "header lacks column" + (missing.size() > 1 ? "s " : " ")
                        + String.join(", ", missing) + " (found: " + text.trim() + ")");
            return new Header(Map.copyOf(columns), names.length);
        }

        boolean has(String column) {
            return columns.containsKey(column);
        }

        int index(String column) {
            return columns.get(column);
        }
    }

    /** One row's fields, parsed by column name; the first bad field is reported and sets {@link #failed}. */
    private static final class Row {
        private final Header header;
        private final String[] fields;
        private final String where;
        private final long line;
        private final DiagnosticsCollector diag;
        boolean failed;

        Row(Header header, String[] fields, String where, long line, DiagnosticsCollector diag) {
            this.header = header;
            this.fields = fields;
            this.where = where;
            this.line = line;
            this.diag = diag;
        }

        String text(String column) {
            return fields[header.index(column)].trim();
        }

        long whole(String column, long min, long max) {
            if (failed) return 0;
            String s = text(column);
            double v = TraceFiles.parseDecimal(s);
            if (Double.isNaN(v) || !TraceFiles.isWhole(v)) return fail(column + " is not a whole number: '" + s + "'");
            if (v < min || v > max) return fail(column + " must be in " + min + ".." + max + ", got " + s);
            return (long) v;
        }

        /** Seconds rounded to whole; -1 for an empty optional time. */
        long time(String column, boolean required) {
            if (failed) return 0;
            String s = text(column);
            if (s.isEmpty() || s.equalsIgnoreCase("nan")) return required ? fail("no " + column) : -1;
            double v = TraceFiles.parseDecimal(s);
            if (Double.isNaN(v) || v < 0 || v > 9.0e15) return fail(column + " is not a time in seconds >= 0: '" + s + "'");
            return Math.round(v);
        }

        private long fail(String reason) {
            failed = true;
            diag.malformed(where, line, reason);
            return 0;
        }
    }
}

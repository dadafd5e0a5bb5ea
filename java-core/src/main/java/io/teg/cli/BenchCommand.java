package io.teg.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.teg.sim.experiment.Experiment;
import io.teg.sim.experiment.ExperimentResult;
import io.teg.sim.experiment.ExperimentRunner;
import io.teg.sim.experiment.SchedulerCatalog;
import io.teg.sim.metrics.RunMetrics;
import io.teg.sim.trace.Trace;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code teg bench sim|scale}: the simulator's own benchmarks. Wall-clock figures are never asserted by tests; they
 * are written here, with ratios against a baseline measured in the same run, because machines are noisy.
 * <ul>
 *   <li>{@code sim}: the bundled KTH trace against every baseline, one run at a time; events per second per
 *       scheduler and the ratio of each to the fastest; the wall time of the whole all-baselines run and its ratio
 *       to a single sequential pass over the trace (reading and physics preparation alone).</li>
 *   <li>{@code scale}: one scheduler on the KTH trace scaled to {@code --nodes} nodes and {@code --jobs} jobs.</li>
 * </ul>
 * The JMH benchmarks of the engine are run by {@code ./teg bench jmh}.
 */
@Command(name = "bench", mixinStandardHelpOptions = true, description = "Benchmarks: sim | scale (the simulator) | slurm (job bursts on a local Slurm) | bridge (select/teg's hand-off) | agent (the node agent)")
public final class BenchCommand implements Callable<Integer> {

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", defaultValue = "sim", description = "sim, scale, slurm, bridge, agent or jmh-ratios (default: ${DEFAULT-VALUE})")
    String which;

    @Option(names = "--jmh-json", defaultValue = "target/bench/jmh.json",
            description = "jmh-ratios: the JMH result file (default: ${DEFAULT-VALUE})")
    Path jmhJson;

    @Option(names = "--nodes", defaultValue = "100000", description = "scale: nodes (default: ${DEFAULT-VALUE})")
    int nodes;

    @Option(names = "--jobs", defaultValue = "1000000", description = "scale: jobs (default: ${DEFAULT-VALUE})")
    int jobs;

    @Option(names = "--scheduler", defaultValue = "sparrow", description = "scale: scheduler (default: ${DEFAULT-VALUE})")
    String scheduler;

    @picocli.CommandLine.ArgGroup(exclusive = false, heading = "slurm: job bursts on local Slurm clusters%n")
    SlurmOptions slurm = new SlurmOptions();

    /** The options of {@code bench slurm}. */
    static final class SlurmOptions {
        @Option(names = "--slurm-nodes", defaultValue = "64", description = "slurm: nodes (default: ${DEFAULT-VALUE})")
        int nodes = 64;

        @Option(names = "--slurm-cpus", defaultValue = "32", description = "slurm: CPUs per node (default: ${DEFAULT-VALUE})")
        int cpus = 32;

        @Option(names = "--short-jobs", defaultValue = "2000", description = "slurm: one-CPU jobs in the short burst (default: ${DEFAULT-VALUE})")
        int shortJobs = 2000;

        @Option(names = "--mixed-jobs", defaultValue = "300", description = "slurm: jobs in the mixed-size burst (default: ${DEFAULT-VALUE})")
        int mixedJobs = 300;

        @Option(names = "--select", defaultValue = "cons_tres,teg", split = ",",
                description = "slurm: select plugins, in order (default: ${DEFAULT-VALUE})")
        List<String> select = List.of("cons_tres", "teg");

        @Option(names = "--slurm-conf", paramLabel = "KEY=VALUE",
                description = "slurm: an extra slurm.conf line for both clusters, e.g. SchedulerParameters=default_queue_depth=5000")
        List<String> conf = new java.util.ArrayList<>();

        @Option(names = "--teg-conf", paramLabel = "KEY=VALUE",
                description = "slurm: an extra teg.conf line for select/teg, e.g. HandOffPoll=5")
        List<String> tegConf = new java.util.ArrayList<>();

        io.teg.cli.cluster.SlurmBurstBench.Config config() {
            for (String line : tegConf)
                if (!line.matches("[A-Za-z]+=\\S.*"))
                    throw new BadInputException("--teg-conf " + line + ": expected KEY=VALUE, a teg.conf line "
                            + "(keys: docs/teg-conf.md)");
            return new io.teg.cli.cluster.SlurmBurstBench.Config(nodes, cpus, shortJobs, mixedJobs, 7, 4,
                    java.time.Duration.ofSeconds(300),
                    select.stream().map(io.teg.cli.cluster.SelectPlugin::parse).toList(), conf, tegConf);
        }
    }

    @Option(names = "--native", defaultValue = "target/native",
            description = "agent: where CMake built the fake NVML and memhog (default: ${DEFAULT-VALUE})")
    Path nativeDir;

    @Option(names = "--agent-seconds", defaultValue = "30", description = "agent: seconds per overhead measurement (default: ${DEFAULT-VALUE})")
    int agentSeconds;

    @Option(names = "--agent-trials", defaultValue = "20", description = "agent: airlock trials on real cgroups, 0 to skip (default: ${DEFAULT-VALUE})")
    int agentTrials;

    @Option(names = "--handoff-poll", defaultValue = "0.2,5", split = ",",
            description = "bridge: HandOffPoll values to compare, ms (default: ${DEFAULT-VALUE})")
    List<Double> handOffPolls = List.of(0.2, 5.0);

    @Option(names = "--bridge-calls", defaultValue = "5000", description = "bridge: questions per mode (default: ${DEFAULT-VALUE})")
    int bridgeCalls;

    @Option(names = "--bridge-gap-us", defaultValue = "2000",
            description = "bridge: µs between the paced questions (default: ${DEFAULT-VALUE})")
    int bridgeGapMicros;

    @Option(names = "--out", defaultValue = "target/bench", description = "output folder (default: ${DEFAULT-VALUE})")
    Path out;

    @Override
    public Integer call() throws Exception {
        Path kth = Home.dataDir().resolve("traces/KTH-SP2-1996-2.1-cln.swf");
        SchedulerCatalog catalog = SchedulerCatalog.standard();
        Map<String, Object> report = new LinkedHashMap<>();
        switch (which) {
            case "sim" -> {
                long r0 = System.nanoTime();
                Experiment e = experiment(kth, catalog.names(), null, null, 1);
                Trace trace = ExperimentRunner.loadTrace(e);
                long readNs = System.nanoTime() - r0;
                ExperimentResult res = new ExperimentRunner(catalog).run(e, trace, n -> { });
                report.put("benchmark", "sim: KTH, every baseline, one thread");
                report.put("trace_read_s", readNs / 1e9);
                report.put("all_baselines_wall_s", res.wallNs() / 1e9);
                report.put("target_all_baselines_wall_s", 30.0);
                report.put("schedulers", perScheduler(res));
            }
            case "scale" -> {
                Experiment e = experiment(kth, List.of(scheduler), nodes, jobs, 1);
                long r0 = System.nanoTime();
                Trace trace = ExperimentRunner.loadTrace(e);
                long readNs = System.nanoTime() - r0;
                ExperimentResult res = new ExperimentRunner(catalog).run(e, trace, n -> { });
                report.put("benchmark", "scale: KTH replicated to " + res.nodes() + " nodes, " + res.jobs() + " jobs, " + scheduler);
                report.put("trace_prepare_s", readNs / 1e9);
                report.put("wall_s", res.wallNs() / 1e9);
                report.put("target_wall_s", 600.0);
                report.put("schedulers", perScheduler(res));
            }
            case "jmh-ratios" -> report.putAll(jmhRatios(jmhJson));
            case "slurm" -> report.putAll(new io.teg.cli.cluster.SlurmBurstBench(slurm.config(),
                    m -> spec.commandLine().getErr().println("teg bench slurm: " + m)).run());
            case "agent" -> report.putAll(AgentBench.run(nativeDir, agentSeconds, agentTrials));
            case "bridge" -> {
                for (double poll : handOffPolls)
                    if (poll < 0 || poll > 1000) throw new BadInputException("--handoff-poll: " + poll + " is not in [0, 1000] ms");
                if (bridgeCalls < 1) throw new BadInputException("--bridge-calls: " + bridgeCalls + " is below 1");
                if (bridgeGapMicros < 1) throw new BadInputException("--bridge-gap-us: " + bridgeGapMicros + " is below 1");
                report.putAll(BridgeBench.run(nativeDir, Home.root().resolve("java-core/target/teg.jar"), out,
                        handOffPolls, bridgeGapMicros, bridgeCalls,
                        m -> spec.commandLine().getErr().println("teg bench bridge: " + m)));
            }
            default -> throw new BadInputException("unknown benchmark '" + which + "' (expected sim, scale, slurm, bridge, agent or jmh-ratios; JMH: ./teg bench jmh)");
        }
        Files.createDirectories(out);
        Path file = out.resolve("bench-" + which + ".json");
        ObjectMapper om = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        om.writeValue(file.toFile(), report);
        spec.commandLine().getOut().println(om.writeValueAsString(report));
        spec.commandLine().getErr().println("teg bench: wrote " + file);
        return 0;
    }

    /**
     * Ratios of each JMH result to the first result of the same benchmark method in the same file (JMH orders a
     * method's parameter sets, so the first is the smallest size: the baseline measured in the same run). For
     * SampleTime results the p50 and p99 ratios are given too.
     */
    static Map<String, Object> jmhRatios(Path file) throws java.io.IOException {
        if (!Files.isRegularFile(file)) throw new BadInputException("--jmh-json: no such file: " + file);
        com.fasterxml.jackson.databind.JsonNode root = new ObjectMapper().readTree(file.toFile());
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("benchmark", "JMH results as ratios to the first parameter set of each method, same run");
        Map<String, com.fasterxml.jackson.databind.JsonNode> first = new LinkedHashMap<>();
        List<Object> rows = new java.util.ArrayList<>();
        for (com.fasterxml.jackson.databind.JsonNode r : root) {
            String name = r.path("benchmark").asText() + " [" + r.path("mode").asText() + "]";
            com.fasterxml.jackson.databind.JsonNode base = first.computeIfAbsent(name, k -> r);
            com.fasterxml.jackson.databind.JsonNode pm = r.path("primaryMetric");
            com.fasterxml.jackson.databind.JsonNode bm = base.path("primaryMetric");
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("benchmark", name);
            row.put("params", r.path("params"));
            row.put("baseline_params", base.path("params"));
            row.put("score", pm.path("score").asDouble());
            row.put("unit", pm.path("scoreUnit").asText());
            row.put("score_ratio", ratio(pm.path("score"), bm.path("score")));
            if (pm.has("scorePercentiles")) {
                row.put("p50", pm.path("scorePercentiles").path("50.0").asDouble());
                row.put("p99", pm.path("scorePercentiles").path("99.0").asDouble());
                row.put("p50_ratio", ratio(pm.path("scorePercentiles").path("50.0"), bm.path("scorePercentiles").path("50.0")));
                row.put("p99_ratio", ratio(pm.path("scorePercentiles").path("99.0"), bm.path("scorePercentiles").path("99.0")));
            }
            rows.add(row);
        }
        out.put("results", rows);
        return out;
    }

    private static double ratio(com.fasterxml.jackson.databind.JsonNode a, com.fasterxml.jackson.databind.JsonNode b) {
        double d = b.asDouble();
        return d == 0 ? 0 : a.asDouble() / d;
    }

    private Experiment experiment(Path trace, List<String> schedulers, Integer n, Integer j, int threads) {
        return new Experiment(trace, null, schedulers, 7, 1, null, n, j, false, true, 60, 1800, threads, Home.dataDir());
    }

    private static Map<String, Object> perScheduler(ExperimentResult res) {
        double best = 0;
        for (List<RunMetrics> runs : res.runs().values()) best = Math.max(best, runs.getFirst().eventsPerSecond());
        Map<String, Object> m = new LinkedHashMap<>();
        for (var entry : res.runs().entrySet()) {
            RunMetrics r = entry.getValue().getFirst();
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("wall_s", r.wallNs() / 1e9);
            s.put("events", r.events());
            s.put("events_per_s", r.eventsPerSecond());
            s.put("events_per_s_ratio_to_fastest", best == 0 ? 0 : r.eventsPerSecond() / best);
            s.put("decisions", r.decisions());
            s.put("decision_latency_p50_us", r.decisionLatencyNs().getValueAtPercentile(50) / 1e3);
            s.put("decision_latency_p99_us", r.decisionLatencyNs().getValueAtPercentile(99) / 1e3);
            s.put("nodes_touched_per_decision", r.nodesTouchedPerDecision());
            m.put(entry.getKey(), s);
        }
        return m;
    }
}

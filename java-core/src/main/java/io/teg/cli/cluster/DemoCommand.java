package io.teg.cli.cluster;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.teg.cli.Home;
import io.teg.sim.trace.Trace;
import io.teg.sim.trace.TraceOptions;
import io.teg.sim.trace.TraceReaders;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code teg demo}: a real Slurm on this machine schedules a slice of the bundled KTH trace. Starts a local cluster
 * (16 nodes by default), replays the slice through sbatch as time-compressed sleep jobs with a progress line, prints
 * a summary (completed, mean wait, TEG's decisions and fallbacks when select/teg runs) and stops the cluster. The
 * simulator's demo is {@code teg demo sim} in the launcher.
 */
@Command(name = "demo", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Starts a local Slurm cluster, replays a slice of the KTH trace through sbatch "
                + "(time-compressed sleep jobs), prints a summary and stops the cluster (about 1-2 minutes).",
                "The trace-replay simulator's demo: ./teg demo sim"})
public final class DemoCommand implements Callable<Integer> {

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--nodes", defaultValue = "16", description = "nodes of 4 CPUs (default: ${DEFAULT-VALUE})")
    int nodes;

    @Option(names = "--jobs", defaultValue = "150", description = "jobs of the trace to replay (default: ${DEFAULT-VALUE})")
    int jobs;

    @Option(names = "--from", defaultValue = "2000", description = "first job of the slice, 0-based (default: ${DEFAULT-VALUE})")
    int from;

    @Option(names = "--span-s", defaultValue = "30",
            description = "seconds over which the slice's submissions are spread (default: ${DEFAULT-VALUE})")
    double spanS;

    @Option(names = "--max-sleep-s", defaultValue = "10",
            description = "longest a job sleeps, seconds (default: ${DEFAULT-VALUE})")
    double maxSleepS;

    @Option(names = "--select", defaultValue = "auto", paramLabel = "teg|cons_tres",
            description = "select plugin; auto: teg when select_teg.so is built (default: ${DEFAULT-VALUE})")
    String select;

    @Option(names = "--name", defaultValue = "demo", description = "cluster name, under target/cluster (default: ${DEFAULT-VALUE})")
    String name;

    @Option(names = "--trace", paramLabel = "FILE", description = "SWF trace (default: the bundled KTH-SP2 trace)")
    Path trace;

    @Option(names = "--out", defaultValue = "target/demo", paramLabel = "DIR",
            description = "where slurm-demo.json goes (default: ${DEFAULT-VALUE})")
    Path out;

    @Override
    public Integer call() throws Exception {
        PrintWriter o = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Path file = trace != null ? trace : Home.dataDir().resolve("traces/KTH-SP2-1996-2.1-cln.swf");
        Trace t = TraceReaders.read(file, TraceOptions.defaults());
        ReplayPlan plan = ReplayPlan.of(t, from, jobs, spanS, maxSleepS, nodes * 4);
        ClusterLayout layout = ClusterCommand.layout(name, Home.root().resolve("target/cluster").resolve(name), nodes, select,
                4, 4096, null, null);
        o.printf(Locale.ROOT, "teg demo: %d jobs of %s (jobs %d..%d) on a %d-node Slurm cluster (%s), "
                        + "time compressed %.0fx: %.0f s of submissions%n", jobs, t.name(), from, from + jobs - 1, nodes,
                layout.select().selectType(), plan.compression(), plan.spanS());
        LocalCluster cluster = new LocalCluster(layout, LocalCluster.Timeouts.standard(nodes),
                s -> err.println("teg demo: " + s));
        // Ctrl-C ends the JVM without running the finally below: stop the cluster from a shutdown hook then.
        Thread onInterrupt = new Thread(() -> {
            try {
                cluster.down();
            } catch (Exception e) {
                err.println("teg demo: could not stop the cluster: " + e.getMessage());
            }
        }, "teg-demo-cluster-down");
        Runtime.getRuntime().addShutdownHook(onInterrupt);
        cluster.up();
        SlurmReplay.Outcome outcome;
        List<FinishedJob> finished;
        java.util.Optional<TegDecisions> counters;
        try {
            List<String> extra = layout.spankPlugin().isPresent() ? List.of("--teg-sla=throughput") : List.of();
            outcome = new SlurmReplay(cluster.client(), layout.jobDir().toString(), extra, o::println, 3.0)
                    .run(plan, maxSleepS * 4 + 60);
            finished = JobCompletionLog.read(layout.logDir().resolve("jobcomp.log"));
            counters = cluster.tegCounters(java.time.Duration.ofSeconds(20));
        } finally {
            Runtime.getRuntime().removeShutdownHook(onInterrupt);
            LocalCluster.Stopped s = cluster.down();
            err.println("teg demo: cluster stopped (" + (s.terminated().size() + s.killed().size()) + " daemons)");
        }
        Map<String, Object> summary = summary(plan, outcome, finished, layout, counters);
        o.println();
        for (Map.Entry<String, Object> e : summary.entrySet()) o.printf(Locale.ROOT, "  %-28s %s%n", e.getKey(), e.getValue());
        Files.createDirectories(out);
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(out.resolve("slurm-demo.json").toFile(), summary);
        err.println("teg demo: wrote " + out.resolve("slurm-demo.json"));
        return summary.get("completed").equals(jobs) ? 0 : 1;
    }

    static Map<String, Object> summary(ReplayPlan plan, SlurmReplay.Outcome outcome, List<FinishedJob> finished,
                                       ClusterLayout layout, java.util.Optional<TegDecisions> counters) {
        Map<Long, FinishedJob> byId = new LinkedHashMap<>();
        for (FinishedJob f : finished) if (outcome.submitted().containsKey(f.id())) byId.put(f.id(), f);
        long completed = byId.values().stream().filter(f -> f.state().equals("COMPLETED")).count();
        double meanWaitS = byId.values().stream().mapToLong(f -> f.waited().toSeconds()).average().orElse(Double.NaN);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("select_plugin", layout.select().selectType());
        m.put("nodes", layout.nodes() + " x " + layout.cpusPerNode() + " CPUs");
        m.put("jobs_submitted", outcome.submitted().size());
        m.put("completed", (int) completed);
        m.put("not_completed", outcome.submitted().size() - (int) completed);
        m.put("mean_wait_s", round(meanWaitS));
        m.put("mean_wait_trace_h", round(meanWaitS * plan.compression() / 3600));
        m.put("compression", round(plan.compression()));
        m.put("max_submit_lag_s", round(outcome.submitLagMaxS()));
        m.put("wall_s", round(outcome.wallS()));
        m.putAll(new TegDecisions.Summary(layout.select(), counters).asSummary());
        return m;
    }

    private static double round(double x) {
        return Math.round(x * 100) / 100.0;
    }
}

package io.teg.cli.cluster;

import io.teg.cli.Home;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/**
 * {@code teg bench slurm}: the same job bursts through select/cons_tres and through select/teg, one after the
 * other in one run, on local clusters of the same shape.
 *
 * <p>A burst is made by submitting every job while the partition is DOWN (so none can start), resetting sdiag, and
 * setting the partition UP: one RPC makes every job eligible at once. Jobs started per second =
 * {@code jobs / (t_all_started - t_up)}, with {@code t_all_started} the first poll (every 50 ms) at which sdiag's
 * "Jobs started" reaches the burst's size. The nodes are big enough that the short-job burst fits at once, so the
 * rate is the scheduler's (and the machine's ability to launch the jobs), not the cluster's capacity.
 *
 * <p>Bursts: {@code short}, N one-CPU jobs of {@code true}; {@code mixed}, M jobs of seeded random sizes (1 to 64
 * CPUs, some of 2 to 4 whole nodes) that sleep 0.5 s, so some must wait for others.
 */
public final class SlurmBurstBench {

    /** What to run. */
    public record Config(int nodes, int cpusPerNode, int shortJobs, int mixedJobs, long seed, int submitThreads,
                         Duration burstLimit, List<SelectPlugin> plugins, List<String> slurmConf, List<String> tegConf) {
    }

    private final Config config;
    private final Consumer<String> progress;

    public SlurmBurstBench(Config config, Consumer<String> progress) {
        this.config = config;
        this.progress = progress;
    }

    /** Runs every plugin through every burst and returns the report (with teg/cons_tres ratios). */
    public Map<String, Object> run() throws Exception {
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("benchmark", "slurm: job bursts through select/cons_tres and select/teg, same run");
        report.put("nodes", config.nodes());
        report.put("cpus_per_node", config.cpusPerNode());
        report.put("extra_slurm_conf", config.slurmConf());
        report.put("extra_teg_conf", config.tegConf());
        report.put("machine_cpus", Runtime.getRuntime().availableProcessors());
        report.put("load_average_at_start", loadAverage());
        Map<String, Map<String, Object>> byPlugin = new LinkedHashMap<>();
        for (SelectPlugin p : config.plugins()) byPlugin.put(p.cliName(), runPlugin(p));
        report.put("runs", byPlugin);
        report.put("load_average_at_end", loadAverage());
        if (byPlugin.containsKey("teg") && byPlugin.containsKey("cons_tres")) {
            Map<String, Object> ratios = new LinkedHashMap<>();
            for (String burst : List.of("short", "mixed")) {
                Object t = ((Map<?, ?>) byPlugin.get("teg").get(burst)).get("jobs_started_per_s");
                Object c = ((Map<?, ?>) byPlugin.get("cons_tres").get(burst)).get("jobs_started_per_s");
                if (t instanceof Double td && c instanceof Double cd && cd > 0) {
                    ratios.put(burst + "_jobs_started_per_s_teg_over_cons_tres", Math.round(td / cd * 1000) / 1000.0);
                }
            }
            report.put("ratios", ratios);
        }
        return report;
    }

    private Map<String, Object> runPlugin(SelectPlugin plugin) throws Exception {
        String name = "bench_" + plugin.cliName();
        Path dir = Home.root().resolve("target/cluster").resolve(name);
        ClusterLayout layout = ClusterCommand.layout(name, dir, config.nodes(), plugin.cliName(), config.cpusPerNode(),
                config.cpusPerNode() * 256, null, null, config.tegConf(), config.slurmConf());
        LocalCluster cluster = new LocalCluster(layout, LocalCluster.Timeouts.standard(config.nodes()),
                s -> progress.accept(plugin.cliName() + ": " + s));
        Map<String, Object> out = new LinkedHashMap<>();
        cluster.up();
        try {
            out.put("short", burst(cluster, plugin, "short", shortJobs()));
            out.put("mixed", burst(cluster, plugin, "mixed", mixedJobs()));
        } finally {
            cluster.down();
        }
        return out;
    }

    private List<List<String>> shortJobs() {
        List<List<String>> jobs = new ArrayList<>();
        for (int i = 0; i < config.shortJobs(); i++) jobs.add(List.of("-n", "1", "-t", "1", "--wrap", "true"));
        return jobs;
    }

    private List<List<String>> mixedJobs() {
        Random r = new Random(config.seed());
        int[] cpus = {1, 1, 1, 2, 2, 4, 4, 8, 16, 32, 64};
        List<List<String>> jobs = new ArrayList<>();
        for (int i = 0; i < config.mixedJobs(); i++) {
            List<String> j = new ArrayList<>();
            if (r.nextInt(10) == 0) {
                j.addAll(List.of("-N", Integer.toString(2 + r.nextInt(3)), "--exclusive"));
            } else {
                j.addAll(List.of("-n", Integer.toString(Math.min(cpus[r.nextInt(cpus.length)], config.cpusPerNode()))));
            }
            j.addAll(List.of("-t", "1", "--wrap", "sleep 0.5"));
            jobs.add(j);
        }
        return jobs;
    }

    private Map<String, Object> burst(LocalCluster cluster, SelectPlugin plugin, String label, List<List<String>> jobs)
            throws Exception {
        SlurmClient c = cluster.client();
        c.run("scontrol", "update", "PartitionName=main", "State=DOWN");
        progress.accept(plugin.cliName() + ": submitting " + jobs.size() + " " + label + " jobs");
        List<Long> ids = submit(c, cluster.layout().jobDir().toString(), jobs);
        c.run("sdiag", "--reset");
        long t0 = System.nanoTime();
        c.run("scontrol", "update", "PartitionName=main", "State=UP");
        long deadline = t0 + config.burstLimit().toNanos();
        SdiagReport s;
        long tAll;
        while (true) {
            s = SdiagReport.parse(c.run("sdiag"));
            tAll = System.nanoTime();
            if (s.jobsStarted() >= jobs.size() || tAll > deadline) break;
            Thread.sleep(50);
        }
        double seconds = (tAll - t0) / 1e9;
        boolean all = s.jobsStarted() >= jobs.size();
        TestlessWait.untilFinished(c, ids, config.burstLimit());
        SdiagReport end = SdiagReport.parse(c.run("sdiag"));
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("jobs", jobs.size());
        m.put("all_started", all);
        m.put("seconds_to_start_all", Math.round(seconds * 1000) / 1000.0);
        m.put("jobs_started_per_s", Math.round(s.jobsStarted() / seconds * 10) / 10.0);
        m.put("main_cycles", end.mainCycles());
        m.put("main_cycle_mean_us", end.mainMeanUs());
        m.put("main_cycle_max_us", end.mainMaxUs());
        m.put("backfill_cycles", end.backfillCycles());
        m.put("backfill_cycle_mean_us", end.backfillMeanUs());
        m.put("backfill_cycle_max_us", end.backfillMaxUs());
        m.put("backfilled_jobs", end.backfilledJobs());
        cluster.tegCounters(Duration.ofSeconds(20)).ifPresent(t -> {
            m.put("teg_job_test_calls_cumulative", t.calls());
            m.put("teg_ranked_cumulative", t.ranked());
            m.put("teg_declined_cumulative", t.declined());
            m.put("teg_fallbacks_cumulative", t.fallbacks());
            m.put("teg_timeouts_cumulative", t.timeouts());
            m.put("teg_latency_p50_us", t.p50Us());
            m.put("teg_latency_p99_us", t.p99Us());
            m.put("teg_latency_samples", t.samples());
            m.putAll(t.handOff().medians());
            m.put("teg_slept_cumulative", t.handOff().slept());
        });
        progress.accept(plugin.cliName() + ": " + label + ": " + m);
        return m;
    }

    private List<Long> submit(SlurmClient c, String workDir, List<List<String>> jobs) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(config.submitThreads());
        try {
            List<Future<Long>> fs = new ArrayList<>();
            for (List<String> j : jobs) {
                List<String> opts = new ArrayList<>(List.of("-D", workDir, "-o", "/dev/null"));
                int wrap = j.indexOf("--wrap");
                opts.addAll(j.subList(0, wrap));
                String script = j.get(wrap + 1);
                fs.add(pool.submit(() -> c.sbatch(opts, script)));
            }
            List<Long> ids = new ArrayList<>();
            for (Future<Long> f : fs) ids.add(f.get());
            Collections.sort(ids);
            return ids;
        } finally {
            pool.shutdownNow();
        }
    }

    private static double loadAverage() {
        return java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    /** Waits for jobs to finish, without failing: a benchmark reports what it saw. */
    private static final class TestlessWait {
        static void untilFinished(SlurmClient c, List<Long> ids, Duration limit) throws InterruptedException {
            long deadline = System.nanoTime() + limit.toNanos();
            java.util.Set<Long> want = new java.util.HashSet<>(ids);
            while (System.nanoTime() < deadline) {
                Map<Long, String> all = c.jobStates();
                long open = want.stream().filter(id -> {
                    String st = all.get(id);
                    return st == null || st.equals("PENDING") || st.equals("RUNNING") || st.equals("COMPLETING")
                            || st.equals("CONFIGURING");
                }).count();
                if (open == 0) return;
                Thread.sleep(250);
            }
        }
    }
}

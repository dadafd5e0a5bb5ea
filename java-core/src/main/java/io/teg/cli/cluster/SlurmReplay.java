package io.teg.cli.cluster;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Submits a {@link ReplayPlan} to a running cluster through sbatch, each job at its planned time, and waits until
 * every job has finished, reporting progress about every {@code progressEveryS} seconds.
 */
public final class SlurmReplay {

    /** What a replay submitted: job id to the submission it came from. */
    public record Outcome(Map<Long, ReplayPlan.Submission> submitted, Map<Long, String> finalStates,
                          double submitLagMaxS, double wallS) {
    }

    private final SlurmClient client;
    private final String workDir;
    private final List<String> extraOptions;
    private final Consumer<String> progress;
    private final double progressEveryS;

    public SlurmReplay(SlurmClient client, String workDir, List<String> extraOptions, Consumer<String> progress,
                       double progressEveryS) {
        this.client = client;
        this.workDir = workDir;
        this.extraOptions = List.copyOf(extraOptions);
        this.progress = progress;
        this.progressEveryS = progressEveryS;
    }

    /** Replays the plan; gives up waiting for unfinished jobs after {@code finishLimitS} past the last submission. */
    public Outcome run(ReplayPlan plan, double finishLimitS) throws InterruptedException {
        Map<Long, ReplayPlan.Submission> ids = new LinkedHashMap<>();
        long t0 = System.nanoTime();
        double nextReport = progressEveryS;
        double maxLag = 0;
        for (ReplayPlan.Submission s : plan.jobs()) {
            while (true) {
                double now = seconds(t0);
                if (now >= nextReport) {
                    report(now, ids.size(), plan.jobs().size(), ids);
                    nextReport += progressEveryS;
                }
                if (now >= s.atS()) break;
                Thread.sleep((long) Math.max(1, Math.min(s.atS() - now, nextReport - now) * 1000));
            }
            maxLag = Math.max(maxLag, seconds(t0) - s.atS());
            List<String> opts = new ArrayList<>(List.of("-J", "kth" + s.traceLine(), "-n", Integer.toString(s.cpus()),
                    "-t", Integer.toString(s.limitMin()), "-D", workDir, "-o", "/dev/null"));
            opts.addAll(extraOptions);
            ids.put(client.sbatch(opts, String.format(Locale.ROOT, "sleep %.3f", s.sleepS())), s);
        }
        double deadline = seconds(t0) + finishLimitS;
        Map<Long, String> states;
        while (true) {
            states = statesOf(ids);
            double now = seconds(t0);
            boolean done = states.size() == ids.size() && states.values().stream().allMatch(TERMINAL::contains);
            if (done || now > deadline) break;
            if (now >= nextReport) {
                report(now, ids.size(), plan.jobs().size(), ids);
                nextReport += progressEveryS;
            }
            Thread.sleep(250);
        }
        report(seconds(t0), ids.size(), plan.jobs().size(), ids);
        return new Outcome(ids, states, maxLag, seconds(t0));
    }

    private static final java.util.Set<String> TERMINAL = java.util.Set.of("COMPLETED", "FAILED", "CANCELLED",
            "TIMEOUT", "NODE_FAIL", "OUT_OF_MEMORY", "BOOT_FAIL", "DEADLINE", "PREEMPTED");

    private Map<Long, String> statesOf(Map<Long, ReplayPlan.Submission> ids) {
        Map<Long, String> all = client.jobStates();
        Map<Long, String> mine = new TreeMap<>();
        for (Long id : ids.keySet()) if (all.containsKey(id)) mine.put(id, all.get(id));
        return mine;
    }

    private void report(double now, int submitted, int total, Map<Long, ReplayPlan.Submission> ids) {
        Map<Long, String> s = statesOf(ids);
        long pending = s.values().stream().filter("PENDING"::equals).count();
        long running = s.values().stream().filter(v -> v.equals("RUNNING") || v.equals("COMPLETING")).count();
        long done = s.values().stream().filter(TERMINAL::contains).count();
        progress.accept(String.format(Locale.ROOT, "[%5.1f s] submitted %d/%d  pending %d  running %d  finished %d  %s",
                now, submitted, total, pending, running, done, bar(done, total)));
    }

    private static String bar(long done, int total) {
        int width = 30;
        int full = total == 0 ? width : (int) (done * width / total);
        return "[" + "#".repeat(full) + ".".repeat(width - full) + "]";
    }

    private static double seconds(long t0) {
        return (System.nanoTime() - t0) / 1e9;
    }
}

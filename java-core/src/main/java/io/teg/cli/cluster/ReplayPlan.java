package io.teg.cli.cluster;

import io.teg.model.NodeSpec;
import io.teg.sim.SimJob;
import io.teg.sim.trace.Trace;

import java.util.ArrayList;
import java.util.List;

/**
 * A slice of a trace made into sbatch submissions for a small local cluster: time compressed, widths scaled.
 *
 * <p>With the slice's jobs {@code j = from .. from+count-1}, submit times {@code s_j} (seconds) and runtimes
 * {@code r_j}, the compression factor is {@code F = (s_last - s_first) / spanS} (at least 1), so the slice's
 * submissions spread over {@code spanS} seconds of real time. Job {@code j} is submitted at
 * {@code (s_j - s_first) / F} seconds and sleeps {@code min(r_j / F, maxSleepS)} seconds (at least 0.05 s). Both
 * scale by the same F, so the offered load of the slice is kept, except for the jobs whose sleep is capped. Widths
 * scale by the ratio of CPUs: a job of {@code p} processors on a trace cluster of {@code P} CPUs asks for
 * {@code max(1, round(p · C / P))} CPUs on a cluster of {@code C} CPUs.
 *
 * @param compression F, trace seconds per replay second
 * @param jobs        the submissions, in submit order
 */
public record ReplayPlan(double compression, List<Submission> jobs) {

    /**
     * One sbatch submission.
     *
     * @param atS        seconds after the replay's start at which to submit
     * @param cpus       CPUs (tasks of one CPU each)
     * @param sleepS     what the job does: sleep this many seconds
     * @param limitMin   time limit, minutes (Slurm's granularity; at least 1)
     * @param traceLine  the line of the trace the job came from
     */
    public record Submission(double atS, int cpus, double sleepS, int limitMin, long traceLine) {
    }

    /** Plans the replay of jobs {@code from .. from+count-1} of the trace on a cluster of {@code clusterCpus} CPUs. */
    public static ReplayPlan of(Trace trace, int from, int count, double spanS, double maxSleepS, int clusterCpus) {
        List<SimJob> all = trace.jobs();
        if (from < 0 || count < 1 || from + count > all.size()) {
            throw new IllegalArgumentException("jobs " + from + ".." + (from + count - 1) + ": the trace "
                    + trace.name() + " has jobs 0.." + (all.size() - 1));
        }
        if (!(spanS > 0)) throw new IllegalArgumentException("--span-s=" + spanS + ": must be positive");
        if (!(maxSleepS > 0)) throw new IllegalArgumentException("--max-sleep-s=" + maxSleepS + ": must be positive");
        long traceCpus = 0;
        for (NodeSpec n : trace.cluster().nodes()) traceCpus += n.cpuMilli() / 1000;
        List<SimJob> slice = all.subList(from, from + count);
        double first = slice.getFirst().submitS();
        double last = slice.getLast().submitS();
        double f = Math.max(1.0, (last - first) / spanS);
        List<Submission> out = new ArrayList<>(count);
        for (SimJob j : slice) {
            int cpus = (int) Math.max(1, Math.min(clusterCpus, Math.round((double) j.tasks() * clusterCpus / traceCpus)));
            double sleep = Math.max(0.05, Math.min(maxSleepS, j.runtimeS() / f));
            int limitMin = (int) Math.max(1, Math.ceil(Math.max(sleep + 30, j.request().timeLimitS() / f) / 60.0));
            out.add(new Submission((j.submitS() - first) / f, cpus, sleep, limitMin, j.sourceLine()));
        }
        return new ReplayPlan(f, List.copyOf(out));
    }

    /** Seconds from the first submission to the last. */
    public double spanS() {
        return jobs.isEmpty() ? 0 : jobs.getLast().atS();
    }
}

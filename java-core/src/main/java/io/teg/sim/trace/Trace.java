package io.teg.sim.trace;

import io.teg.sim.ClusterSpec;
import io.teg.sim.SimJob;

import java.nio.file.Path;
import java.util.List;

/**
 * A trace ready to replay: the cluster it ran on and its jobs in submission order. Immutable.
 *
 * <p>Invariants, checked on construction: {@code jobs.get(i).index() == i}; submit times never decrease; the first
 * job submits at 0 s (readers shift the source's clock so; transforms keep it). Readers order jobs by submit time,
 * ties by source line.
 *
 * @param name a short name for reports: the file name without its extension, e.g. {@code KTH-SP2-1996-2.1-cln}
 * @param source the file the trace was read from
 * @param cluster the machine the jobs are replayed on
 * @param jobs the jobs, sorted by {@link SimJob#submitS()}
 * @param diagnostics what the reader saw, skipped and assumed, and the transforms applied since
 */
public record Trace(String name, Path source, ClusterSpec cluster, List<SimJob> jobs, TraceDiagnostics diagnostics) {

    public Trace {
        if (name == null || name.isBlank()) throw new IllegalArgumentException("trace name must not be blank");
        if (cluster == null) throw new IllegalArgumentException(name + ": cluster is required");
        if (diagnostics == null) throw new IllegalArgumentException(name + ": diagnostics are required");
        jobs = List.copyOf(jobs);
        long previous = 0;
        for (int i = 0; i < jobs.size(); i++) {
            SimJob j = jobs.get(i);
            if (j.index() != i) throw new IllegalArgumentException(name + ": job at position " + i + " has index " + j.index());
            if (i == 0 && j.submitS() != 0)
                throw new IllegalArgumentException(name + ": the first job must submit at 0 s, got " + j.submitS());
            if (j.submitS() < previous)
                throw new IllegalArgumentException(name + ": job " + i + " submits at " + j.submitS()
                        + " s, before job " + (i - 1) + " at " + previous + " s");
            previous = j.submitS();
        }
    }

    /** Number of jobs. */
    public int size() {
        return jobs.size();
    }

    /** Submit time of the last job minus that of the first, seconds (0 for fewer than two jobs). */
    public long submitSpanS() {
        return jobs.isEmpty() ? 0 : jobs.getLast().submitS();
    }

    /** This trace with other jobs (already ordered and indexed) and a note on what changed. */
    Trace withJobs(ClusterSpec newCluster, List<SimJob> newJobs, String note) {
        return new Trace(name, source, newCluster, newJobs, diagnostics.withNote(note));
    }
}

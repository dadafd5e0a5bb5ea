package io.teg.sim.trace;

import io.teg.model.JobRequest;
import io.teg.sim.Qos;
import io.teg.sim.SimJob;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A job as a reader found it, on the source's clock, before ordering and indexing.
 *
 * @param submitS submit time on the source's clock, seconds
 * @param sourceLine the 1-based line it came from (the first member's, for a gang)
 * @param request what it asks for
 * @param runtimeS runtime, seconds (&ge; 1)
 * @param qos its QoS class
 */
record RawJob(long submitS, long sourceLine, JobRequest request, long runtimeS, Qos qos) {

    private static final Comparator<RawJob> ORDER =
            Comparator.comparingLong(RawJob::submitS).thenComparingLong(RawJob::sourceLine);

    /**
     * Sorts by (submit, line), shifts the clock so that the first job submits at 0 s and numbers the jobs 0..n-1.
     */
    static List<SimJob> toSimJobs(List<RawJob> raw) {
        List<RawJob> sorted = new ArrayList<>(raw);
        sorted.sort(ORDER);
        long origin = sorted.isEmpty() ? 0 : sorted.getFirst().submitS();
        List<SimJob> jobs = new ArrayList<>(sorted.size());
        for (int i = 0; i < sorted.size(); i++) {
            RawJob r = sorted.get(i);
            jobs.add(new SimJob(i, r.request(), r.submitS() - origin, r.runtimeS(), r.qos(), r.sourceLine()));
        }
        return jobs;
    }
}

package io.teg.sim.physics;

import io.teg.sim.SimJob;

import java.util.List;

/**
 * A trace's jobs made ready to replay: memory requests filled in where the trace has none, and each job's
 * physical profile drawn. {@code profiles.get(i)} belongs to {@code jobs.get(i)}, and {@code jobs.get(i).index()
 * == i}; jobs are sorted by submission time.
 */
public record Workload(List<SimJob> jobs, List<JobProfile> profiles) {

    public Workload {
        jobs = List.copyOf(jobs);
        profiles = List.copyOf(profiles);
        if (jobs.size() != profiles.size())
            throw new IllegalArgumentException(jobs.size() + " jobs but " + profiles.size() + " profiles");
        for (int i = 0; i < jobs.size(); i++) {
            if (jobs.get(i).index() != i) throw new IllegalArgumentException("job at " + i + " has index " + jobs.get(i).index());
        }
    }
}

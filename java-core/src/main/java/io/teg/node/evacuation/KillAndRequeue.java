package io.teg.node.evacuation;

import io.teg.node.cgroup.CgroupController;
import io.teg.node.cgroup.CgroupPath;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Kills the job's processes (SIGKILL, then thaw so that they die) and records that the job must be requeued; for
 * nodes without Slurm, and for tests. {@link #requeued()} lists the recorded job ids in order.
 */
public final class KillAndRequeue implements Evacuator {

    private final CgroupController cgroups;
    private final List<Long> requeued = new CopyOnWriteArrayList<>();

    public KillAndRequeue(CgroupController cgroups) {
        this.cgroups = cgroups;
    }

    @Override
    public Evacuation evacuate(long jobId, CgroupPath cgroup) {
        int killed = Kills.killAll(cgroups, cgroup);
        requeued.add(jobId);
        return new Evacuation(jobId, "kill-requeue", true, killed, "killed " + killed + " processes, requeue recorded");
    }

    /** Job ids recorded for requeue, oldest first. */
    public List<Long> requeued() {
        return List.copyOf(requeued);
    }
}

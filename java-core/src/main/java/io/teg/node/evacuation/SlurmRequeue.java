package io.teg.node.evacuation;

import io.teg.node.cgroup.CgroupController;
import io.teg.node.cgroup.CgroupPath;

import java.util.List;

/**
 * Asks Slurm to requeue the job ({@code scontrol requeue <jobid>}); slurmctld then ends the job's steps on the node
 * and puts it back in the queue. The cgroup is thawed so that slurmstepd's signals reach the tasks. When scontrol
 * fails (the job is not requeueable, slurmctld is down), the job is killed so that the node survives, and the
 * result says so.
 */
public final class SlurmRequeue implements Evacuator {

    private final CgroupController cgroups;
    private final CommandRunner runner;
    private final String scontrol;

    /** @param scontrol path or name of the scontrol binary */
    public SlurmRequeue(CgroupController cgroups, CommandRunner runner, String scontrol) {
        this.cgroups = cgroups;
        this.runner = runner;
        this.scontrol = scontrol;
    }

    @Override
    public Evacuation evacuate(long jobId, CgroupPath cgroup) {
        CommandRunner.Result r = runner.run(List.of(scontrol, "requeue", Long.toString(jobId)));
        if (r.exitCode() == 0) {
            cgroups.thaw(cgroup);
            return new Evacuation(jobId, "scontrol-requeue", true, 0, "scontrol requeue " + jobId + ": ok");
        }
        int killed = Kills.killAll(cgroups, cgroup);
        return new Evacuation(jobId, "scontrol-requeue", false, killed,
                "scontrol requeue " + jobId + " exited " + r.exitCode() + " (" + r.output() + "); killed " + killed + " processes");
    }
}

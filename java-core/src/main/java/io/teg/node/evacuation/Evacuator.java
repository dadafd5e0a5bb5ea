package io.teg.node.evacuation;

import io.teg.node.cgroup.CgroupPath;

/**
 * Moves a job off the node when the airlock chose it (ARCHITECTURE §7, step 3): the job leaves through the 5 %
 * memory reserve, by checkpointing, by a Slurm requeue, or by being killed and requeued. The job's cgroup is frozen
 * when this is called; an evacuator thaws it if the job must run to leave.
 *
 * <p>Implementations: {@link KillAndRequeue} (kill now, record the requeue), {@link SlurmRequeue}
 * ({@code scontrol requeue}), {@link CheckpointCommand} (a site command that checkpoints, then the job is killed).
 */
public interface Evacuator {

    /** Starts the evacuation; the airlock waits for the cgroup to empty. Never throws for a failed command. */
    Evacuation evacuate(long jobId, CgroupPath cgroup);
}

package io.teg.node.airlock;

/** How a weaker job leaves the node, from the gentlest to the hardest; the airlock escalates after each timeout. */
public enum EvacuationMode {
    /** The job checkpoints within the reserve, then is requeued with its checkpoint. */
    CHECKPOINT,
    /** The job is requeued (through Slurm) without a checkpoint: its work since the start is lost. */
    REQUEUE,
    /** The job's cgroup is killed (cgroup.kill): the last resort when it does not leave. */
    KILL;

    /** The next harder mode; {@link #KILL} stays {@link #KILL}. */
    public EvacuationMode harder() {
        return this == KILL ? KILL : values()[ordinal() + 1];
    }
}

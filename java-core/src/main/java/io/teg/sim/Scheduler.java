package io.teg.sim;

/**
 * A scheduling policy the simulator replays a trace against. Every scheduler, the baselines and TEG, sees the same
 * cluster, the same jobs and the same physics; only its decisions differ.
 *
 * <p>Threading: all calls come from the simulation thread, in simulated-time order. A scheduler keeps its queue
 * and indexes itself and changes the cluster only through {@link SchedulerContext#bind} and
 * {@link SchedulerContext#start}.
 */
public interface Scheduler {

    /** Short lower-case name used in reports and on the command line, e.g. {@code slurm}. */
    String name();

    /** How this platform sets each task's memory limit (its OOM semantics). */
    MemoryLimitPolicy memoryLimits();

    /** A job arrived at {@code ctx.nowS()}. */
    void onSubmit(SimJob job, SchedulerContext ctx);

    /**
     * A job left the cluster (completed or killed); its resources are already free.
     *
     * @param taskNodes the node each of its tasks ran on
     */
    void onJobEnd(SimJob job, int[] taskNodes, SchedulerContext ctx);

    /**
     * The simulator took back the partial allocation of a gang that made no progress for longer than the deadlock
     * timeout (a job controller giving up and restarting the job). The job is pending again and should be queued.
     */
    void onEvicted(SimJob job, SchedulerContext ctx);

    /**
     * The memory airlock evacuated {@code job} (a requeue: its work since its start is lost); its resources are
     * already free and it is pending again. Only platforms with {@link MemoryLimitPolicy#GLASSY} see this. The
     * default treats it as an end followed by a return to the queue.
     *
     * @param taskNodes the node each of its tasks ran on
     */
    default void onRequeued(SimJob job, int[] taskNodes, SchedulerContext ctx) {
        onJobEnd(job, taskNodes, ctx);
        onEvicted(job, ctx);
    }

    /**
     * What {@code job} pays for its memory, in tokens per MiB-second, for the memory airlock: the job that pays less
     * is the weaker one and is frozen and evacuated first ({@link MemoryLimitPolicy#GLASSY}). 0 by default.
     */
    default double memoryStrength(SimJob job) {
        return 0.0;
    }

    /**
     * The physics is about to take a step: the node agents' turn to read power ({@link SchedulerContext#plant()})
     * and set power caps, which hold for the coming step. Nothing by default.
     */
    default void onPhysicsStep(SchedulerContext ctx) {
    }

    /**
     * Makes decisions at {@code ctx.nowS()}. Called after every instant at which a job arrived or left or a
     * wake-up asked for by {@link SchedulerContext#wakeAt} fell due.
     */
    void schedule(SchedulerContext ctx);
}

package io.teg.model;

/**
 * A request to run a job: {@code tasks} identical tasks of shape {@link #task()}. A job with more than one task is a
 * gang: its tasks only make progress when all of them run at once (an MPI job, or a distributed training job's
 * workers).
 *
 * @param jobId the job's id, unique within a trace or a Slurm controller
 * @param account the account (user or group) that is charged
 * @param tasks number of tasks, &ge; 1
 * @param task what each task needs on its node
 * @param timeLimitS the requested wall-time limit in seconds (&gt; 0)
 * @param priority larger runs first in priority-ordered schedulers; 0 when the source has none
 */
public record JobRequest(long jobId, String account, int tasks, TaskShape task, long timeLimitS, int priority) {

    public JobRequest {
        if (account == null || account.isBlank()) throw new IllegalArgumentException("account must not be blank");
        if (tasks < 1) throw new IllegalArgumentException("tasks must be >= 1, got " + tasks);
        if (task == null) throw new IllegalArgumentException("task shape is required");
        if (timeLimitS <= 0) throw new IllegalArgumentException("timeLimitS must be > 0, got " + timeLimitS);
    }

    /** True when the tasks must all run at once. */
    public boolean isGang() {
        return tasks > 1;
    }
}

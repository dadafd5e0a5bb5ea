package io.teg.cli.cluster;

import java.time.Duration;
import java.time.LocalDateTime;

/**
 * A job as Slurm's completion log ({@code JobCompType=jobcomp/filetxt}) recorded it. Slurm writes times to the
 * second, in the controller's local time.
 *
 * @param id       the job id
 * @param state    the final state ({@code COMPLETED}, {@code FAILED}, {@code CANCELLED} ...)
 * @param submit   when it was submitted
 * @param start    when it started (equals {@code end} for a job cancelled while pending)
 * @param end      when it ended
 * @param nodeList the nodes it ran on, in Slurm's host-list form
 * @param cpus     the CPUs it held
 */
public record FinishedJob(long id, String state, LocalDateTime submit, LocalDateTime start, LocalDateTime end,
                          String nodeList, int cpus) {

    /** Time from submit to start. */
    public Duration waited() {
        return Duration.between(submit, start);
    }
}

package io.teg.node.evacuation;

/**
 * What an evacuator did.
 *
 * @param jobId       the job
 * @param method      "kill-requeue", "scontrol-requeue" or "checkpoint"
 * @param accepted    whether the request was carried out (false: a command failed; {@code detail} says why)
 * @param killedPids  processes sent SIGKILL by the evacuator
 * @param detail      one line for the log
 */
public record Evacuation(long jobId, String method, boolean accepted, int killedPids, String detail) {
}

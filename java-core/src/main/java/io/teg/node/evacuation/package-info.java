/**
 * How a job leaves the node when the airlock evacuates it: {@link io.teg.node.evacuation.Evacuator} with
 * kill-and-requeue, Slurm requeue and checkpoint-command variants.
 */
package io.teg.node.evacuation;

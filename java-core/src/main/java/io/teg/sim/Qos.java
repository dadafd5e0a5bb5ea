package io.teg.sim;

/**
 * Quality-of-service class of a job, as the source trace states it. It matters only to platforms whose memory
 * enforcement depends on it (Kubernetes: Guaranteed pods get limit = request, Burstable pods a higher limit,
 * BestEffort pods none).
 */
public enum Qos {
    /** Limit equals request. Slurm jobs and Alibaba {@code LS}/{@code Guaranteed} pods. */
    GUARANTEED,
    /** Limit above request. Alibaba {@code Burstable} pods. */
    BURSTABLE,
    /** No limit below the node. Alibaba {@code BE} pods. */
    BEST_EFFORT
}

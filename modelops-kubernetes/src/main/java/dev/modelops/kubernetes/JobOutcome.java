package dev.modelops.kubernetes;

/**
 * How a training Job ended, after any resubmissions.
 *
 * @param status the final state
 * @param jobName the last Job submitted
 * @param podName its pod, or null if none was seen
 * @param attempts Jobs submitted (1 + resubmissions)
 * @param evictions pods evicted along the way
 * @param reason why it failed, or null
 * @param log the last attempt's container log
 */
public record JobOutcome(Status status, String jobName, String podName, int attempts, int evictions, String reason,
                         String log) {
    /** Final states of a training Job. */
    public enum Status {
        SUCCEEDED,
        FAILED,
        /** Evicted more often than the retries allow. */
        EVICTED,
        TIMED_OUT
    }

    public boolean succeeded() {
        return status == Status.SUCCEEDED;
    }
}

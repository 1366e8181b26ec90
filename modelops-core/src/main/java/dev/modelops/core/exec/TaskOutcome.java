package dev.modelops.core.exec;

import java.time.Duration;
import java.util.Map;

/**
 * How one task of a run ended.
 *
 * @param taskId the task
 * @param type its step type
 * @param status how it ended
 * @param message one line: what it did, or why it failed or was skipped
 * @param duration wall time
 * @param outputs outputs for dependants
 * @param metrics numbers for the summary
 * @param cause the exception for an unexpected failure (shown with {@code --debug}), or null
 */
public record TaskOutcome(String taskId, String type, TaskStatus status, String message, Duration duration,
                          Map<String, String> outputs, Map<String, Double> metrics, Throwable cause) {
    public TaskOutcome {
        outputs = Map.copyOf(outputs);
        metrics = Map.copyOf(metrics);
    }
}

package dev.modelops.drift.check;

import java.util.Map;

/**
 * The metrics recorded for a model version when it was evaluated, which labelled new data is
 * compared with.
 *
 * @param metrics metric values by name
 * @param from the record they came from ({@code model@vN}, or a file)
 * @param positiveClass the positive class they were computed for, or null
 */
public record RecordedMetrics(Map<String, Double> metrics, String from, String positiveClass) {
    public RecordedMetrics {
        metrics = Map.copyOf(metrics);
    }
}

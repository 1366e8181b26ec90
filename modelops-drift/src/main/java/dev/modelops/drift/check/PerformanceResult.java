package dev.modelops.drift.check;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * The performance check, possible once labels arrive: the model's metrics on the labelled new
 * rows against the metrics recorded when it was evaluated. A quality metric (accuracy, AUC, F1,
 * R²) that fell by more than the tolerance, or an error metric (RMSE, MAE) that rose by more than
 * the tolerance relative to its recorded value, and by more than its noise (see
 * {@link PerformanceCheck}), is performance drift.
 *
 * @param rows labelled rows evaluated
 * @param recordedFrom the METRICS record compared with ({@code model@vN}), or null
 * @param tolerance the allowed change
 * @param metrics per-metric comparison
 * @param drift the verdict
 * @param skipped why the check did not run, or null
 * @param reason one line
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PerformanceResult(int rows, String recordedFrom, double tolerance, List<MetricChange> metrics,
                                boolean drift, String skipped, String reason) {

    /**
     * One metric then and now.
     *
     * @param metric metric name
     * @param recorded the recorded value
     * @param current the value on the new rows
     * @param change current minus recorded
     * @param standardError bootstrap standard error of the current value
     * @param degraded whether the change exceeds the tolerance and its noise, in the bad direction
     */
    public record MetricChange(String metric, double recorded, double current, double change, double standardError,
                               boolean degraded) {
    }

    public static PerformanceResult skipped(double tolerance, String why) {
        return new PerformanceResult(0, null, tolerance, List.of(), false, why, "not run: " + why);
    }
}

package dev.modelops.core.exec;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a step reports back: its status and a one-line reason, outputs its dependants read (such
 * as {@code model.id}), metrics for the summary, and the lineage ids it used and produced, which
 * the executor links to the task-run record.
 *
 * @param status how it ended
 * @param message one line for the summary table (the reason, for failures)
 * @param outputs values for dependent tasks
 * @param metrics numbers worth showing
 * @param used lineage ids of inputs
 * @param produced lineage ids of outputs
 */
public record StepResult(TaskStatus status, String message, Map<String, String> outputs, Map<String, Double> metrics,
                         List<String> used, List<String> produced) {
    public StepResult {
        outputs = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(outputs));
        metrics = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
        used = List.copyOf(used);
        produced = List.copyOf(produced);
    }

    public static Builder succeeded(String message) {
        return new Builder(TaskStatus.SUCCEEDED, message);
    }

    public static Builder warned(String message) {
        return new Builder(TaskStatus.WARNED, message);
    }

    public static Builder failed(String message) {
        return new Builder(TaskStatus.FAILED, message);
    }

    /** Accumulates a result. */
    public static final class Builder {
        private TaskStatus status;
        private final String message;
        private final Map<String, String> outputs = new LinkedHashMap<>();
        private final Map<String, Double> metrics = new LinkedHashMap<>();
        private final List<String> used = new ArrayList<>();
        private final List<String> produced = new ArrayList<>();

        private Builder(TaskStatus status, String message) {
            this.status = status;
            this.message = message;
        }

        public Builder output(String key, Object value) {
            if (value != null) {
                outputs.put(key, String.valueOf(value));
            }
            return this;
        }

        public Builder metric(String name, double value) {
            metrics.put(name, value);
            return this;
        }

        public Builder metrics(Map<String, Double> values) {
            metrics.putAll(values);
            return this;
        }

        public Builder used(String lineageId) {
            if (lineageId != null && !used.contains(lineageId)) {
                used.add(lineageId);
            }
            return this;
        }

        public Builder produced(String lineageId) {
            if (lineageId != null && !produced.contains(lineageId)) {
                produced.add(lineageId);
            }
            return this;
        }

        public Builder status(TaskStatus newStatus) {
            this.status = newStatus;
            return this;
        }

        public StepResult build() {
            return new StepResult(status, message, outputs, metrics, used, produced);
        }
    }
}

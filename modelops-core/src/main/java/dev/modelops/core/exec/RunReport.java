package dev.modelops.core.exec;

import java.time.Duration;
import java.util.List;

/**
 * The outcome of a whole run: every task's outcome in plan order.
 *
 * @param info the run
 * @param outcomes per task, in plan order
 * @param duration wall time
 * @param runRecordId lineage id of the final pipeline-run record
 */
public record RunReport(RunInfo info, List<TaskOutcome> outcomes, Duration duration, String runRecordId) {
    public RunReport {
        outcomes = List.copyOf(outcomes);
    }

    public boolean succeeded() {
        return outcomes.stream().allMatch(o -> o.status().isSuccess());
    }

    /** 0 when every task succeeded (warnings included), 1 when a task or gate failed. */
    public int exitCode() {
        return succeeded() ? 0 : 1;
    }

    public TaskStatus status() {
        if (outcomes.stream().anyMatch(o -> o.status() == TaskStatus.FAILED)) {
            return TaskStatus.FAILED;
        }
        if (outcomes.stream().anyMatch(o -> o.status() == TaskStatus.SKIPPED)) {
            return TaskStatus.SKIPPED;
        }
        return outcomes.stream().anyMatch(o -> o.status() == TaskStatus.WARNED) ? TaskStatus.WARNED : TaskStatus.SUCCEEDED;
    }
}

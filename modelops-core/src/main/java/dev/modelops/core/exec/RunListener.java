package dev.modelops.core.exec;

import dev.modelops.core.plan.PlannedTask;

/** Observes a run as it happens; the CLI draws progress lines from it. Called from worker threads. */
public interface RunListener {
    default void taskStarted(PlannedTask task) {
    }

    default void taskProgress(PlannedTask task, String message, double fraction) {
    }

    default void taskFinished(PlannedTask task, TaskOutcome outcome) {
    }

    RunListener NONE = new RunListener() {
    };
}

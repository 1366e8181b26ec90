package dev.modelops.core.exec;

/** How a task ended. WARNED counts as success: dependants run, the run exits 0. */
public enum TaskStatus {
    SUCCEEDED,
    WARNED,
    FAILED,
    SKIPPED;

    public boolean isSuccess() {
        return this == SUCCEEDED || this == WARNED;
    }
}

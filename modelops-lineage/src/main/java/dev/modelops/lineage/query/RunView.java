package dev.modelops.lineage.query;

import dev.modelops.core.lineage.Entity;
import java.util.List;

/**
 * One pipeline run as lineage knows it: the versions of its PIPELINE_RUN record (RUNNING, then the
 * final status) and its task runs, in start order.
 *
 * @param runId the run's id
 * @param versions PIPELINE_RUN records, oldest first
 * @param tasks TASK_RUN records, by start time
 */
public record RunView(String runId, List<Entity> versions, List<Entity> tasks) {
    public RunView {
        versions = List.copyOf(versions);
        tasks = List.copyOf(tasks);
    }

    public Entity started() {
        return versions.get(0);
    }

    public Entity last() {
        return versions.get(versions.size() - 1);
    }

    public String status() {
        return String.valueOf(last().attributes().getOrDefault("status", "UNKNOWN"));
    }
}

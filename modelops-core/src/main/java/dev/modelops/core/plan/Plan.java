package dev.modelops.core.plan;

import java.util.List;
import java.util.Optional;

/**
 * The expanded, checked DAG of one pipeline, tasks in a topological order. Immutable: the
 * executor runs it, {@code modelops plan} prints it, the generator writes it as a Jenkinsfile.
 *
 * @param pipeline pipeline name
 * @param description pipeline description or null
 * @param environment environment the spec was loaded for, or null
 * @param tasks tasks, every task after all its dependencies
 */
public record Plan(String pipeline, String description, String environment, List<PlannedTask> tasks) {
    public Plan {
        tasks = List.copyOf(tasks);
    }

    public Optional<PlannedTask> task(String id) {
        return tasks.stream().filter(t -> t.id().equals(id)).findFirst();
    }

    /** Tasks that list {@code id} among their direct dependencies. */
    public List<PlannedTask> dependants(String id) {
        return tasks.stream().filter(t -> t.dependsOn().contains(id)).toList();
    }
}

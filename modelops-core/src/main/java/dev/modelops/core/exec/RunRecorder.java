package dev.modelops.core.exec;

import dev.modelops.core.lineage.Entity;
import dev.modelops.core.lineage.EntityKind;
import dev.modelops.core.lineage.LineageRecord;
import dev.modelops.core.lineage.LineageStore;
import dev.modelops.core.lineage.Relation;
import dev.modelops.core.plan.Plan;
import dev.modelops.core.plan.PlannedTask;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Writes the run itself into lineage: a pipeline-run record when the run starts, a task-run
 * record per task (linked to what the task used and produced), and a second version of the
 * pipeline-run record with the final status. Nothing is updated in place.
 */
final class RunRecorder {
    private final LineageStore store;
    private final RunInfo info;
    private Entity started;

    RunRecorder(LineageStore store, RunInfo info) {
        this.store = store;
        this.info = info;
    }

    String runName() {
        return "run/" + info.runId();
    }

    Entity start(Plan plan) {
        started = store.record(base()
                .attribute("status", "RUNNING")
                .attribute("tasks", plan.tasks().stream().map(PlannedTask::id).toList())
                .build());
        return started;
    }

    Entity finish(TaskStatus status, Instant finishedAt) {
        return store.record(base()
                .attribute("status", status.name())
                .attribute("finishedAt", finishedAt.toString())
                .edge(Relation.PREVIOUS_VERSION, started.id())
                .build());
    }

    Entity task(PlannedTask task, TaskOutcome outcome, StepResult result, Instant startedAt) {
        LineageRecord.Builder b = LineageRecord.builder(EntityKind.TASK_RUN, runName() + "/" + task.id())
                .attribute("runId", info.runId())
                .attribute("task", task.id())
                .attribute("type", task.type())
                .attribute("model", task.model())
                .attribute("dataset", task.dataset())
                .attribute("env", task.env())
                .attribute("origin", task.origin())
                .attribute("parameters", task.with())
                .attribute("status", outcome.status().name())
                .attribute("message", outcome.message())
                .attribute("startedAt", startedAt.toString())
                .attribute("durationMs", outcome.duration().toMillis())
                .attribute("metrics", outcome.metrics())
                .edge(Relation.PART_OF, started.id());
        if (result != null) {
            result.used().forEach(id -> b.edge(Relation.USED, id));
            result.produced().forEach(id -> b.edge(Relation.PRODUCED, id));
        }
        return store.record(b.build());
    }

    private LineageRecord.Builder base() {
        Map<String, Object> ci = new LinkedHashMap<>(info.ci());
        return LineageRecord.builder(EntityKind.PIPELINE_RUN, runName())
                .attribute("runId", info.runId())
                .attribute("pipeline", info.pipeline())
                .attribute("environment", info.environment())
                .attribute("spec", info.specFile().toString())
                .attribute("specHash", info.specHash())
                .attribute("startedAt", info.startedAt().toString())
                .attribute("variables", info.variables())
                .attribute("ci", ci.isEmpty() ? null : ci);
    }
}

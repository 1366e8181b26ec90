package dev.modelops.core.plan;

import java.util.List;

/**
 * Marks every task, including those other transformers inserted, to be recorded as a task-run
 * lineage record, unless the pipeline says {@code lineage: false}. Runs last.
 */
public final class LineageTransformer implements PipelineTransformer {
    @Override
    public String name() {
        return "lineage";
    }

    @Override
    public int order() {
        return 1000;
    }

    @Override
    public List<PlannedTask> apply(List<PlannedTask> tasks, TransformContext context) {
        boolean record = context.pipeline().recordsLineage();
        return tasks.stream().map(t -> t.withRecordLineage(record)).toList();
    }
}

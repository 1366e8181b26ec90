package dev.modelops.core.plan;

import java.util.List;

/**
 * Rewrites a pipeline's tasks, the ModelOps paper's way of enriching pipelines without editing
 * them: the built-in transformers insert a hardening task after a training task marked
 * {@code harden: true}, a drift monitor after a deployment marked {@code monitor_drift: true},
 * and lineage recording on every task. Users add transformers through {@code META-INF/services}.
 * Transformers run in ascending {@link #order()}.
 */
public interface PipelineTransformer {
    String name();

    default int order() {
        return 100;
    }

    /**
     * Returns the rewritten task list. Must keep every dependency pointing at a task in the list;
     * the planner checks the result for cycles and dangling references.
     */
    List<PlannedTask> apply(List<PlannedTask> tasks, TransformContext context);
}

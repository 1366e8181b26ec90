package dev.modelops.core.plan;

import dev.modelops.core.spec.ModelOpsSpec;
import dev.modelops.core.spec.PipelineSpec;
import dev.modelops.core.spec.TaskSpec;
import java.util.Map;

/**
 * What a transformer may read: the spec, the pipeline being planned, and the user's task
 * declarations by id (for the flags such as {@code harden}).
 *
 * @param spec the whole spec
 * @param pipeline the pipeline being planned
 * @param declared the task declarations (after template instantiation) by id
 */
public record TransformContext(ModelOpsSpec spec, PipelineSpec pipeline, Map<String, TaskSpec> declared) {
}

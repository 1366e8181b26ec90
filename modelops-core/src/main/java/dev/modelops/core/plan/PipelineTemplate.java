package dev.modelops.core.plan;

import dev.modelops.core.spec.TaskSpec;
import java.util.List;
import java.util.Map;

/**
 * A ready-made pipeline, instantiated with parameters ({@code template: train-deploy,
 * with: {model: m}}). Bundled templates come from YAML resources; a team adds its own by putting
 * a jar with an implementation (registered in {@code META-INF/services}) on the class path.
 */
public interface PipelineTemplate {
    String name();

    String description();

    List<TemplateParameter> parameters();

    /**
     * The template's tasks for the given parameters (all required ones present, defaults
     * filled in by the caller).
     */
    List<TaskSpec> instantiate(Map<String, String> parameters);
}

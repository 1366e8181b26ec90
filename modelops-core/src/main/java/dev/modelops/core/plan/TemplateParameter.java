package dev.modelops.core.plan;

/**
 * A parameter a pipeline template accepts.
 *
 * @param name key under the pipeline's {@code with}
 * @param description what it sets
 * @param defaultValue value used when not given; null means required
 */
public record TemplateParameter(String name, String description, String defaultValue) {
    public boolean required() {
        return defaultValue == null;
    }
}

package dev.modelops.core.plan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.modelops.core.InputError;
import dev.modelops.core.spec.SourceLocations;
import dev.modelops.core.spec.TaskSpec;
import dev.modelops.core.spec.Variables;
import dev.modelops.core.spec.YamlBinding;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A template written as YAML (name, description, parameters, tasks with {@code ${param}}
 * references) and read from the class path. Bundled templates are instances of this; a team's
 * jar can subclass it with its own resource.
 */
public class YamlTemplate implements PipelineTemplate {
    private final String resource;
    private final String name;
    private final String description;
    private final List<TemplateParameter> parameters;
    private final ObjectNode document;

    public YamlTemplate(String resource) {
        this(resource, YamlTemplate.class.getClassLoader());
    }

    public YamlTemplate(String resource, ClassLoader loader) {
        this.resource = resource;
        String text;
        try (InputStream in = loader.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("template resource not found on the class path: " + resource);
            }
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read template " + resource, e);
        }
        JsonNode root = YamlBinding.parse(resource, text);
        if (!root.isObject()) {
            throw new IllegalStateException(resource + ": expected a mapping");
        }
        this.document = (ObjectNode) root;
        this.name = root.path("name").asText();
        this.description = root.path("description").asText("");
        List<TemplateParameter> params = new ArrayList<>();
        for (JsonNode p : root.path("parameters")) {
            JsonNode def = p.get("default");
            params.add(new TemplateParameter(p.path("name").asText(), p.path("description").asText(""),
                    def == null || def.isNull() ? null : def.asText()));
        }
        this.parameters = List.copyOf(params);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String description() {
        return description;
    }

    @Override
    public List<TemplateParameter> parameters() {
        return parameters;
    }

    @Override
    public List<TaskSpec> instantiate(Map<String, String> values) {
        JsonNode tasks = document.path("tasks").deepCopy();
        List<String> unknown = new ArrayList<>();
        Variables.substitute(tasks, "tasks", values, (path, n) -> unknown.add(n));
        if (!unknown.isEmpty()) {
            throw new InputError(resource, "template " + name + " refers to undeclared parameters " + unknown);
        }
        TaskSpec[] bound = YamlBinding.bind(tasks, TaskSpec[].class, "tasks", SourceLocations.empty(resource));
        return List.of(bound);
    }
}

package dev.modelops.core.spec;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A pipeline is either written out as tasks or instantiated from a template with parameters;
 * exactly one of the two. Lineage of every task is recorded unless {@code lineage: false}.
 *
 * @param name unique pipeline name
 * @param description free text shown in plans and generated Jenkinsfiles
 * @param template a template name from the catalog, or null
 * @param with template parameters
 * @param tasks the tasks, when no template is used
 * @param lineage whether task runs are recorded as lineage records (default true)
 */
public record PipelineSpec(String name, String description, String template, Map<String, Object> with,
                           List<TaskSpec> tasks, Boolean lineage) {
    public PipelineSpec {
        with = with == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(with));
        tasks = tasks == null ? List.of() : List.copyOf(tasks);
        lineage = lineage == null || lineage;
    }

    public boolean recordsLineage() {
        return lineage;
    }
}

package dev.modelops.core.plan;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A concrete task after templates and transformers: what the executor runs and what the
 * Jenkinsfile generator turns into a stage.
 *
 * @param id unique within the plan
 * @param type step type
 * @param model model name or null
 * @param dataset dataset name or null
 * @param env target environment or null
 * @param dependsOn ids of tasks that must succeed first
 * @param with step parameters
 * @param origin who put it there: {@code spec}, {@code template:NAME} or {@code transformer:NAME}
 * @param recordLineage whether the executor records a task-run record for it
 * @param specPath display path of the spec field it came from, for messages
 */
public record PlannedTask(String id, String type, String model, String dataset, String env, List<String> dependsOn,
                          Map<String, Object> with, String origin, boolean recordLineage, String specPath) {
    public PlannedTask {
        dependsOn = List.copyOf(dependsOn);
        with = with == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(with));
    }

    public PlannedTask withDependsOn(List<String> newDependsOn) {
        return new PlannedTask(id, type, model, dataset, env, newDependsOn, with, origin, recordLineage, specPath);
    }

    /** This task with one more step parameter (a value the command line gives, e.g. the approver). */
    public PlannedTask withParameter(String key, Object value) {
        Map<String, Object> more = new LinkedHashMap<>(with);
        more.put(key, value);
        return new PlannedTask(id, type, model, dataset, env, dependsOn, more, origin, recordLineage, specPath);
    }

    public PlannedTask withRecordLineage(boolean record) {
        return new PlannedTask(id, type, model, dataset, env, dependsOn, with, origin, record, specPath);
    }
}

package dev.modelops.core.spec;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One node of a pipeline as the user wrote it. Transformer flags ({@code harden},
 * {@code monitor_drift}) are requests the planner turns into extra tasks; {@code with} holds
 * the step's own parameters, checked against the step type's declared parameters.
 *
 * @param id unique within the pipeline
 * @param type a step type such as {@code trainModel}
 * @param model the model it works on, if any
 * @param dataset the dataset it reads, if not the model's own
 * @param env the target environment for deploy and promote steps
 * @param dependsOn ids of tasks that must succeed first
 * @param harden insert a hardening task after this training task
 * @param monitorDrift insert a drift-monitor task after this deployment
 * @param with step parameters
 */
public record TaskSpec(String id, String type, String model, String dataset, String env, List<String> dependsOn,
                       Boolean harden, Boolean monitorDrift, Map<String, Object> with) {
    public TaskSpec {
        dependsOn = dependsOn == null ? List.of() : List.copyOf(dependsOn);
        harden = harden != null && harden;
        monitorDrift = monitorDrift != null && monitorDrift;
        with = with == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(with));
    }

    public boolean hardenRequested() {
        return harden;
    }

    public boolean monitorDriftRequested() {
        return monitorDrift;
    }
}

package dev.modelops.core.exec;

import java.util.Set;

/**
 * What the planner and validator need to know about a kind of task before anything runs: its
 * name in {@code modelops.yaml}, the parameters it accepts under {@code with}, and whether it
 * needs a model or a target environment.
 *
 * @param name the task {@code type}
 * @param summary one line for help and plans
 * @param parameters accepted keys under {@code with}
 * @param requiresModel whether {@code model:} must be given
 * @param requiresEnv whether {@code env:} must be given
 */
public record StepType(String name, String summary, Set<String> parameters, boolean requiresModel,
                       boolean requiresEnv) {
    public StepType {
        parameters = Set.copyOf(parameters);
    }
}

package dev.modelops.core.jenkins;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One stage of a generated Jenkins pipeline: a call of a shared-library step (such as
 * {@code trainModel}) with named arguments, for one task of the plan.
 *
 * @param name stage name (the task id)
 * @param step the library step to call
 * @param args its named arguments, in order
 * @param notes comment lines written above the call (tasks folded into it, and why)
 */
public record JenkinsStage(String name, String step, Map<String, Object> args, List<String> notes) {
    public JenkinsStage {
        args = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(args));
        notes = List.copyOf(notes);
    }
}

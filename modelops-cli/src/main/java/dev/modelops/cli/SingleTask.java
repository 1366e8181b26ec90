package dev.modelops.cli;

import dev.modelops.core.spec.ModelOpsSpec;
import dev.modelops.core.spec.PipelineSpec;
import dev.modelops.core.spec.TaskSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The one-task pipeline that {@code step}, {@code gate} and {@code promote} make up from their
 * flags and run like a declared one. It is appended to the spec's pipelines, but no line of the
 * file holds it: every message about it (from the planner or from the step as it runs) names the
 * flag the value came from ({@code --with port}, {@code --from}) or the command, never
 * {@code pipelines[N]}, an index the user never wrote.
 *
 * @param spec the spec with the pipeline appended
 * @param pipeline the pipeline's name, to plan it
 */
record SingleTask(ModelOpsSpec spec, String pipeline) {
    /** Flags of a task's fields, as {@code modelops step} names them. */
    static final Map<String, String> STEP_FIELDS = Map.of("model", "--model", "dataset", "--dataset",
            "env", "--target-env", "harden", "--harden", "monitor_drift", "--monitor-drift");

    /**
     * @param loaded the validated spec
     * @param name the pipeline's name (recorded with the run)
     * @param task the task made from flags
     * @param command how messages name the task itself, e.g. {@code step deployModel}
     * @param fieldFlags flag of each task field ({@code model} -> {@code --model})
     * @param withFlags flag of a {@code with} key that has its own ({@code from} -> {@code --from});
     *                  other keys are {@code --with KEY}
     */
    static SingleTask of(ModelOpsSpec loaded, String name, TaskSpec task, String command,
                         Map<String, String> fieldFlags, Map<String, String> withFlags) {
        PipelineSpec single = new PipelineSpec(name, "a single " + task.type() + " task", null, Map.of(),
                List.of(task), true);
        List<PipelineSpec> pipelines = new ArrayList<>(loaded.pipelines());
        String prefix = "pipelines[" + pipelines.size() + "]";
        pipelines.add(single);
        var locations = loaded.locations().withCommandPlaces(prefix, rest -> place(rest, command, fieldFlags, withFlags));
        ModelOpsSpec spec = new ModelOpsSpec(loaded.source(), loaded.environment(), loaded.variables(),
                loaded.datasets(), loaded.models(), loaded.environments(), pipelines, loaded.triggers(), locations,
                loaded.contentHash());
        return new SingleTask(spec, name);
    }

    /** The flag (or the command) for a path below the pipeline, e.g. {@code .tasks[0].with.port}. */
    static String place(String rest, String command, Map<String, String> fieldFlags, Map<String, String> withFlags) {
        String task = ".tasks[0].";
        if (!rest.startsWith(task)) {
            return command;
        }
        String field = rest.substring(task.length());
        if (field.startsWith("with.")) {
            String key = segment(field.substring("with.".length()));
            return withFlags.getOrDefault(key, "--with " + key);
        }
        return fieldFlags.getOrDefault(segment(field), command);
    }

    private static String segment(String path) {
        int end = path.length();
        for (int i = 0; i < path.length(); i++) {
            if (path.charAt(i) == '.' || path.charAt(i) == '[') {
                end = i;
                break;
            }
        }
        return path.substring(0, end);
    }
}

package dev.modelops.core.exec;

import dev.modelops.core.InputError;
import dev.modelops.core.data.LoadedDataset;
import dev.modelops.core.plan.PlannedTask;
import dev.modelops.core.spec.DatasetSpec;
import dev.modelops.core.spec.ModelSpec;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * What one task sees: the run it belongs to, its planned task, the outputs of the tasks it
 * depends on (nearest first), its own output folder and a progress sink.
 *
 * @param run the shared run context
 * @param task the task being run
 * @param upstream outputs of transitive dependencies; a nearer task's value wins
 * @param workDir the task's own output folder (created by the executor)
 * @param progress progress sink
 */
public record StepContext(RunContext run, PlannedTask task, Map<String, String> upstream, Path workDir,
                          TaskProgress progress) {
    public StepContext {
        upstream = Map.copyOf(upstream);
    }

    /** The task's model declaration; validation guarantees it exists for model steps. */
    public ModelSpec model() {
        ModelSpec m = task.model() == null ? null : run.spec().models().get(task.model());
        if (m == null) {
            throw new IllegalStateException("task " + task.id() + " has no model");
        }
        return m;
    }

    /** The dataset the task reads: its own {@code dataset}, else its model's. */
    public DatasetSpec datasetSpec() {
        String name = task.dataset() != null ? task.dataset() : model().dataset();
        DatasetSpec d = run.spec().datasets().get(name);
        if (d == null) {
            throw new IllegalStateException("task " + task.id() + " has no dataset");
        }
        return d;
    }

    /** Reads (or takes from the run's cache) the task's dataset. */
    public LoadedDataset loadDataset() {
        DatasetSpec spec = datasetSpec();
        return run.datasets().load(spec, run.spec().datasetPath(spec));
    }

    public Optional<String> upstream(String key) {
        return Optional.ofNullable(upstream.get(key));
    }

    /** An upstream output the step cannot work without. */
    public String requireUpstream(String key, String whatProducesIt) {
        String v = upstream.get(key);
        if (v == null) {
            throw new InputError(task.specPath(), "task '" + task.id() + "' (" + task.type() + ") needs " + key
                    + " from an earlier task; add " + whatProducesIt + " to its depends_on");
        }
        return v;
    }

    public Optional<Object> param(String key) {
        return Optional.ofNullable(task.with().get(key));
    }

    public String paramText(String key, String defaultValue) {
        Object v = task.with().get(key);
        return v == null ? defaultValue : String.valueOf(v);
    }

    /** A numeric parameter; a non-number is an input error naming the task and key. */
    public double paramNumber(String key, double defaultValue) {
        Object v = task.with().get(key);
        if (v == null) {
            return defaultValue;
        }
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        try {
            return Double.parseDouble(String.valueOf(v));
        } catch (NumberFormatException e) {
            throw new InputError(task.specPath(), "with." + key + ": expected a number, got '" + v + "'");
        }
    }
}

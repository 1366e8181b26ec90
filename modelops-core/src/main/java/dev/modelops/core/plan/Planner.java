package dev.modelops.core.plan;

import dev.modelops.core.InputError;
import dev.modelops.core.exec.StepType;
import dev.modelops.core.exec.StepTypes;
import dev.modelops.core.spec.ModelOpsSpec;
import dev.modelops.core.spec.ModelSpec;
import dev.modelops.core.spec.PipelineSpec;
import dev.modelops.core.spec.Problems;
import dev.modelops.core.spec.TaskSpec;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeSet;

/**
 * Turns a pipeline declaration into a concrete {@link Plan}: instantiates its template, checks
 * every task against the step catalog and the spec's models, datasets and environments, applies
 * the transformers and orders the result. All problems are reported with the spec line.
 */
public final class Planner {
    private final StepTypes stepTypes;
    private final TemplateCatalog templates;
    private final List<PipelineTransformer> transformers;

    public Planner(StepTypes stepTypes, TemplateCatalog templates, List<PipelineTransformer> transformers) {
        this.stepTypes = stepTypes;
        this.templates = templates;
        List<PipelineTransformer> sorted = new ArrayList<>(transformers);
        sorted.sort(Comparator.comparingInt(PipelineTransformer::order));
        this.transformers = List.copyOf(sorted);
    }

    /** Built-in transformers plus those on the class path. */
    public static Planner discover() {
        List<PipelineTransformer> all = new ArrayList<>(List.of(new HardenTransformer(), new DriftMonitorTransformer(),
                new LineageTransformer()));
        ServiceLoader.load(PipelineTransformer.class).forEach(all::add);
        return new Planner(StepTypes.discover(), TemplateCatalog.discover(), all);
    }

    public TemplateCatalog templates() {
        return templates;
    }

    public StepTypes stepTypes() {
        return stepTypes;
    }

    /** Plans the named pipeline (the first one when {@code name} is null). */
    public Plan plan(ModelOpsSpec spec, String name) {
        if (spec.pipelines().isEmpty()) {
            throw new InputError(spec.locations().fileName(), "pipelines: no pipeline is declared");
        }
        int index = 0;
        if (name != null) {
            index = -1;
            for (int i = 0; i < spec.pipelines().size(); i++) {
                if (name.equals(spec.pipelines().get(i).name())) {
                    index = i;
                }
            }
            if (index < 0) {
                throw new InputError("--pipeline " + name, "unknown pipeline; known: "
                        + String.join(", ", spec.pipelines().stream().map(PipelineSpec::name).toList()));
            }
        }
        Problems problems = new Problems(spec.locations());
        Optional<Plan> plan = check(spec, index, problems);
        problems.throwIfAny();
        return plan.orElseThrow();
    }

    /**
     * Plans pipeline number {@code index}, adding every problem found to {@code problems}.
     * Returns a plan only if the pipeline had no problems.
     */
    public Optional<Plan> check(ModelOpsSpec spec, int index, Problems problems) {
        PipelineSpec pipeline = spec.pipelines().get(index);
        String base = "pipelines[" + index + "]";
        int before = problems.list().size();
        List<TaskSpec> declared = declaredTasks(pipeline, base, problems);
        if (problems.list().size() > before) {
            return Optional.empty();
        }
        boolean fromTemplate = pipeline.template() != null;
        List<PlannedTask> tasks = new ArrayList<>();
        Map<String, TaskSpec> byId = new LinkedHashMap<>();
        for (int i = 0; i < declared.size(); i++) {
            TaskSpec t = declared.get(i);
            String path = fromTemplate ? base + ".with" : base + ".tasks[" + i + "]";
            String origin = fromTemplate ? "template:" + pipeline.template() : "spec";
            checkTask(spec, t, path, fromTemplate ? pipeline.with() : null, byId.keySet(), problems);
            if (t.id() != null) {
                byId.putIfAbsent(t.id(), t);
            }
            tasks.add(toPlanned(spec, t, origin, path));
        }
        for (int i = 0; i < declared.size(); i++) {
            TaskSpec t = declared.get(i);
            String path = fromTemplate ? base + ".with" : base + ".tasks[" + i + "]";
            for (int d = 0; d < t.dependsOn().size(); d++) {
                String dep = t.dependsOn().get(d);
                if (!byId.containsKey(dep)) {
                    problems.add(path + ".depends_on[" + d + "]", "unknown task '" + dep + "'; tasks: "
                            + String.join(", ", byId.keySet()));
                } else if (dep.equals(t.id())) {
                    problems.add(path + ".depends_on[" + d + "]", "task '" + dep + "' cannot depend on itself");
                }
            }
        }
        if (problems.list().size() > before) {
            return Optional.empty();
        }
        Map<String, List<String>> deps = new LinkedHashMap<>();
        tasks.forEach(t -> deps.put(t.id(), t.dependsOn()));
        Optional<List<String>> cycle = Graphs.findCycle(deps);
        if (cycle.isPresent()) {
            problems.add(tasks.stream().filter(t -> t.id().equals(cycle.get().get(0))).findFirst()
                    .map(PlannedTask::specPath).orElse(base) + ".depends_on",
                    "tasks depend on each other in a cycle: " + String.join(" -> ", cycle.get()));
            return Optional.empty();
        }
        TransformContext context = new TransformContext(spec, pipeline, byId);
        for (PipelineTransformer transformer : transformers) {
            tasks = transformer.apply(tasks, context);
            Optional<String> broken = brokenGraph(tasks);
            if (broken.isPresent()) {
                problems.add(base, "transformer " + transformer.name() + " produced an invalid graph: " + broken.get());
                return Optional.empty();
            }
        }
        return Optional.of(new Plan(pipeline.name(), pipeline.description(), spec.environment(),
                Graphs.topologicalOrder(tasks)));
    }

    private static Optional<String> brokenGraph(List<PlannedTask> tasks) {
        Set<String> ids = new HashSet<>();
        for (PlannedTask t : tasks) {
            if (!ids.add(t.id())) {
                return Optional.of("duplicate task id '" + t.id() + "'");
            }
        }
        Map<String, List<String>> deps = new LinkedHashMap<>();
        for (PlannedTask t : tasks) {
            for (String d : t.dependsOn()) {
                if (!ids.contains(d)) {
                    return Optional.of("task '" + t.id() + "' depends on missing task '" + d + "'");
                }
            }
            deps.put(t.id(), t.dependsOn());
        }
        return Graphs.findCycle(deps).map(c -> "cycle " + String.join(" -> ", c));
    }

    private List<TaskSpec> declaredTasks(PipelineSpec pipeline, String base, Problems problems) {
        if (pipeline.template() == null) {
            if (pipeline.tasks().isEmpty()) {
                problems.add(base, "pipeline '" + pipeline.name() + "' has no tasks and no template");
            }
            if (!pipeline.with().isEmpty()) {
                problems.add(base + ".with", "'with' sets template parameters, but this pipeline has no template");
            }
            return pipeline.tasks();
        }
        if (!pipeline.tasks().isEmpty()) {
            problems.add(base + ".tasks", "give either a template or tasks, not both");
            return List.of();
        }
        Optional<PipelineTemplate> template = templates.find(pipeline.template());
        if (template.isEmpty()) {
            problems.add(base + ".template", "unknown template '" + pipeline.template() + "'; known: "
                    + String.join(", ", templates.names()));
            return List.of();
        }
        Map<String, String> values = new LinkedHashMap<>();
        Set<String> accepted = new TreeSet<>();
        for (TemplateParameter p : template.get().parameters()) {
            accepted.add(p.name());
            Object given = pipeline.with().get(p.name());
            if (given == null && p.required()) {
                problems.add(base + ".with", "template " + pipeline.template() + " needs parameter '" + p.name()
                        + "' (" + p.description() + ")");
            }
            values.put(p.name(), given == null ? p.defaultValue() : String.valueOf(given));
        }
        for (String key : pipeline.with().keySet()) {
            if (!accepted.contains(key)) {
                problems.add(base + ".with." + key, "unknown parameter '" + key + "' of template "
                        + pipeline.template() + "; expected one of: " + String.join(", ", accepted));
            }
        }
        if (!problems.isEmpty()) {
            return List.of();
        }
        try {
            return template.get().instantiate(values);
        } catch (InputError e) {
            problems.add(base + ".template", "template " + pipeline.template() + " cannot be instantiated: " + e.getMessage());
            return List.of();
        }
    }

    /**
     * Checks one task. A task a template made ({@code templateWith} holds the pipeline's template
     * parameters, else null) is reported at the pipeline's {@code with}, or at the template
     * parameter of the same name as the task's parameter (its value came from there).
     */
    private void checkTask(ModelOpsSpec spec, TaskSpec t, String path, Map<String, Object> templateWith,
                           Set<String> earlierIds, Problems problems) {
        boolean fromTemplate = templateWith != null;
        if (t.id() == null || t.id().isBlank()) {
            problems.add(path + (fromTemplate ? "" : ".id"), "every task needs an id");
        } else if (earlierIds.contains(t.id())) {
            problems.add(path + (fromTemplate ? "" : ".id"), "duplicate task id '" + t.id() + "'");
        } else if (!t.id().matches("[A-Za-z0-9_.-]+")) {
            problems.add(path + (fromTemplate ? "" : ".id"), "task id '" + t.id()
                    + "' may only use letters, digits, '_', '.' and '-'");
        }
        if (t.type() == null) {
            problems.add(path, "task '" + t.id() + "' needs a type; one of: " + String.join(", ", stepTypes.names()));
            return;
        }
        StepType type = stepTypes.get(t.type());
        if (type == null) {
            problems.add(path + (fromTemplate ? "" : ".type"), "unknown step type '" + t.type() + "'; known: "
                    + String.join(", ", stepTypes.names()));
            return;
        }
        String model = blankToNull(t.model());
        if (model == null && type.requiresModel()) {
            problems.add(path, "task '" + t.id() + "' (" + t.type() + ") needs a model; known: " + known(spec.models().keySet()));
        } else if (model != null && !spec.models().containsKey(model)) {
            problems.add(path + (fromTemplate ? "" : ".model"), "unknown model '" + model + "'; known: "
                    + known(spec.models().keySet()));
        }
        String dataset = blankToNull(t.dataset());
        if (dataset != null && !spec.datasets().containsKey(dataset)) {
            problems.add(path + (fromTemplate ? "" : ".dataset"), "unknown dataset '" + dataset + "'; known: "
                    + known(spec.datasets().keySet()));
        }
        String env = blankToNull(t.env());
        if (env == null && type.requiresEnv()) {
            problems.add(path, "task '" + t.id() + "' (" + t.type() + ") needs env; known: "
                    + known(spec.environments().keySet()));
        } else if (env != null && !spec.environments().containsKey(env)) {
            problems.add(path + (fromTemplate ? "" : ".env"), "unknown environment '" + env + "'; known: "
                    + known(spec.environments().keySet()));
        }
        for (Map.Entry<String, Object> w : t.with().entrySet()) {
            boolean atParameter = fromTemplate && templateWith.containsKey(w.getKey());
            type.problem(w.getKey(), w.getValue(), spec).ifPresent(problem ->
                    problems.add(path + (fromTemplate && !atParameter ? "" : (fromTemplate ? "." : ".with.") + w.getKey()),
                            (fromTemplate && !atParameter ? "with." + w.getKey() + ": " : "") + problem));
        }
        if (t.hardenRequested() && !StepTypes.TRAIN.equals(t.type())) {
            problems.add(path + (fromTemplate ? "" : ".harden"), "harden applies only to trainModel tasks");
        }
        if (t.monitorDriftRequested() && !StepTypes.DEPLOY.equals(t.type())) {
            problems.add(path + (fromTemplate ? "" : ".monitor_drift"), "monitor_drift applies only to deployModel tasks");
        }
    }

    private static PlannedTask toPlanned(ModelOpsSpec spec, TaskSpec t, String origin, String path) {
        String model = blankToNull(t.model());
        String dataset = blankToNull(t.dataset());
        if (dataset == null && model != null) {
            ModelSpec m = spec.models().get(model);
            dataset = m == null ? null : m.dataset();
        }
        return new PlannedTask(t.id() == null ? "?" : t.id(), t.type(), model, dataset, blankToNull(t.env()),
                t.dependsOn(), t.with(), origin, true, path);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    private static String known(Set<String> names) {
        return names.isEmpty() ? "(none declared)" : String.join(", ", names);
    }
}

package dev.modelops.gates;

import dev.modelops.core.exec.StepTypes;
import dev.modelops.core.spec.ColumnSpec;
import dev.modelops.core.spec.DatasetSpec;
import dev.modelops.core.spec.EnvironmentSpec;
import dev.modelops.core.spec.ModelOpsSpec;
import dev.modelops.core.spec.ModelSpec;
import dev.modelops.core.spec.PipelineSpec;
import dev.modelops.core.spec.Problems;
import dev.modelops.core.spec.SpecRule;
import dev.modelops.core.spec.TaskSpec;
import dev.modelops.ml.ModelEvaluator;
import dev.modelops.ml.TaskKind;
import dev.modelops.ml.TrainerCatalog;
import dev.modelops.ml.TrainerDefinition;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Checks gate declarations when a spec is validated, so a typo in a gate fails
 * {@code modelops validate} with its line instead of a release: each model's {@code gates}, each
 * environment's {@code overrides.models.<m>.gates}, and inline {@code with.gates} of qualityGate
 * tasks. Beyond syntax it checks names against the spec: metrics against what the model's
 * trainer is evaluated on, the protected attribute and its privileged values against the
 * dataset's schema, data-rule columns against the schema.
 */
public final class GateRule implements SpecRule {
    @Override
    @SuppressWarnings("unchecked")
    public void check(ModelOpsSpec spec, Problems problems) {
        Set<String> measured = QualityGates.measuredSections();
        Set<String> reported = new LinkedHashSet<>();
        java.util.function.BiConsumer<String, String> sink = (path, message) -> {
            if (reported.add(path + "\u0000" + message)) {
                problems.add(path, message);
            }
        };
        for (EnvironmentSpec env : spec.environments().values()) {
            Object models = env.overrides().get("models");
            if (!(models instanceof Map<?, ?> ms)) {
                continue;
            }
            for (Map.Entry<?, ?> e : ms.entrySet()) {
                ModelSpec model = spec.models().get(String.valueOf(e.getKey()));
                if (model == null || !(e.getValue() instanceof Map<?, ?> m) || m.get("gates") == null) {
                    continue;
                }
                String path = "environments." + env.name() + ".overrides.models." + model.name() + ".gates";
                if (!(m.get("gates") instanceof Map<?, ?> gates)) {
                    sink.accept(path, "expected a mapping of gate sections (metrics, champion, fairness, data, ...)");
                    continue;
                }
                // an override merges over the model's gates (as at run time), so it may give only what changes,
                // e.g. fairness.checks; problems the model's own gates have are reported there, once
                String base = "models." + model.name() + ".gates";
                Set<String> inBase = new java.util.HashSet<>();
                java.util.function.BiConsumer<String, String> baseSink =
                        (at, msg) -> inBase.add(at.substring(base.length()) + "\u0000" + msg);
                semantics(spec, model, Declarations.parse(model.gates(), base, measured, baseSink), base, baseSink);
                java.util.function.BiConsumer<String, String> overrideSink = (at, msg) -> {
                    if (!inBase.contains(at.substring(path.length()) + "\u0000" + msg)) {
                        sink.accept(at, msg);
                    }
                };
                Declarations d = Declarations.parse(QualityGates.merge(model.gates(), (Map<String, Object>) gates), path,
                        measured, overrideSink);
                semantics(spec, model, d, path, overrideSink);
            }
        }
        for (ModelSpec model : spec.models().values()) {
            String path = "models." + model.name() + ".gates";
            Declarations d = Declarations.parse(model.gates(), path, measured, sink);
            semantics(spec, model, d, path, sink);
        }
        for (int i = 0; i < spec.pipelines().size(); i++) {
            PipelineSpec p = spec.pipelines().get(i);
            for (int t = 0; t < p.tasks().size(); t++) {
                TaskSpec task = p.tasks().get(t);
                String path = "pipelines[" + i + "].tasks[" + t + "]";
                if (StepTypes.VALIDATE_DATA.equals(task.type()) && blank(task.model()) && blank(task.dataset())) {
                    sink.accept(path, "task '" + task.id() + "' (validateData) needs a model (whose gates.data rules apply) "
                            + "or a dataset");
                }
                if (StepTypes.QUALITY_GATE.equals(task.type()) && task.with().get("gates") != null) {
                    checkWithGates(spec, task, path + ".with.gates", measured, sink);
                }
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static void checkWithGates(ModelOpsSpec spec, TaskSpec task, String path, Set<String> measured,
                                       java.util.function.BiConsumer<String, String> sink) {
        Object with = task.with().get("gates");
        ModelSpec model = task.model() == null ? null : spec.models().get(task.model());
        if (with instanceof Map<?, ?> inline) {
            Declarations d = Declarations.parse((Map<String, Object>) inline, path, measured, sink);
            if (model != null) {
                semantics(spec, model, d, path, sink);
            }
            return;
        }
        Set<String> known = new TreeSet<>(measured);
        known.addAll(Declarations.MODEL_SECTIONS);
        Set<String> declared = new TreeSet<>();
        if (model != null) {
            declared.addAll(model.gates().keySet());
            for (EnvironmentSpec env : spec.environments().values()) {
                declared.addAll(QualityGates.effectiveGates(spec, model, env.name()).keySet());
            }
        }
        for (String name : Declarations.sectionNames(with)) {
            if (!known.contains(name)) {
                sink.accept(path, "unknown gate section '" + name + "'; expected a list of: " + String.join(", ", known)
                        + " (or a mapping of gate declarations)");
            } else if (model != null && !declared.contains(name)) {
                sink.accept(path, "model '" + model.name() + "' declares no '" + name + "' gates (it declares: "
                        + (declared.isEmpty() ? "none" : String.join(", ", declared)) + ")");
            }
        }
    }

    private static void semantics(ModelOpsSpec spec, ModelSpec model, Declarations d, String path,
                                  java.util.function.BiConsumer<String, String> sink) {
        Optional<TaskKind> kind = model.trainer() == null ? Optional.empty()
                : TrainerCatalog.find(model.trainer()).map(TrainerDefinition::kind);
        if (kind.isPresent()) {
            List<String> names = ModelEvaluator.metricNames(kind.get());
            for (Check c : d.metrics()) {
                metricName(c.condition().measure(), names, kind.get(), c.path(), sink);
            }
            for (Check c : d.champion()) {
                metricName(c.condition().measure(), names, kind.get(), c.path(), sink);
                if (c.condition().baseline() != null) {
                    metricName(c.condition().baseline().metric(), names, kind.get(), c.path(), sink);
                }
            }
            if (kind.get() == TaskKind.REGRESSION && !d.fairness().isEmpty()) {
                sink.accept(path + ".fairness", "fairness gates apply to classifiers; model '" + model.name()
                        + "' uses the regression trainer " + model.trainer());
            }
        }
        DatasetSpec dataset = model.dataset() == null ? null : spec.datasets().get(model.dataset());
        if (dataset == null) {
            return;
        }
        Map<String, ColumnSpec> schema = dataset.schema();
        for (FairnessDeclaration f : d.fairness()) {
            ColumnSpec column = schema.get(f.attribute());
            if (column == null) {
                sink.accept(f.path() + ".attribute", "protected attribute '" + f.attribute() + "' is not a column of dataset '"
                        + dataset.name() + "'; columns: " + String.join(", ", schema.keySet()));
                continue;
            }
            if (!column.values().isEmpty()) {
                for (String p : f.privileged()) {
                    if (!column.values().contains(p)) {
                        sink.accept(f.path() + ".privileged", "'" + p + "' is not a declared value of " + f.attribute() + ": "
                                + column.values());
                    }
                }
            }
            if (f.favorable() != null && model.label() != null && schema.get(model.label()) != null) {
                List<String> labels = schema.get(model.label()).values();
                if (!labels.isEmpty() && !labels.contains(f.favorable())) {
                    sink.accept(f.path() + ".favorable", "'" + f.favorable() + "' is not a declared value of the label "
                            + model.label() + ": " + labels);
                }
            }
        }
        for (String column : d.data().missingByColumn().keySet()) {
            if (!schema.containsKey(column)) {
                sink.accept(path + ".data.max_missing.columns." + column, "column '" + column + "' is not in dataset '"
                        + dataset.name() + "'; columns: " + String.join(", ", schema.keySet()));
            }
        }
    }

    private static void metricName(String name, List<String> known, TaskKind kind, String path,
                                   java.util.function.BiConsumer<String, String> sink) {
        if (!known.contains(name)) {
            sink.accept(path, "unknown metric '" + name + "' for a " + kind.name().toLowerCase(java.util.Locale.ROOT)
                    + " model; evaluation computes: " + String.join(", ", known));
        }
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}

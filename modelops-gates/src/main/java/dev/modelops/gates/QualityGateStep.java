package dev.modelops.gates;

import dev.modelops.core.InputError;
import dev.modelops.core.exec.Step;
import dev.modelops.core.exec.StepContext;
import dev.modelops.core.exec.StepResult;
import dev.modelops.core.lineage.Entity;
import dev.modelops.ml.ModelVersions;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The {@code qualityGate} task: judges the model version an upstream task produced (or the
 * newest one) against its model's gates for the target environment ({@code with.champion_env},
 * else the task's {@code env}, else {@code --env}). A FAIL fails the task, so every task that
 * depends on it (a deployment) is skipped and the run exits 1; a WARN lets the run go on.
 * {@code with.gates} narrows the sections run ({@code [metrics, fairness]}; a section that is
 * unknown or that the model does not declare is an input error, never a silent pass) or replaces
 * the model's declarations with a mapping of its own.
 */
public final class QualityGateStep implements Step {
    @Override
    public StepResult run(StepContext ctx) {
        Entity version = ModelVersions.resolve(ctx);
        String env = QualityGates.targetEnvironment(ctx);
        Declarations gates = declarations(ctx, env);
        GateReport report = QualityGates.judge(ctx, version, env, gates);
        StepResult.Builder result = switch (report.status()) {
            case FAIL -> StepResult.failed(report.summary());
            case PASS -> StepResult.succeeded(report.summary());
            default -> StepResult.warned(report.summary());
        };
        result.output(QualityGates.GATE_STATUS, report.status().effective())
                .output(QualityGates.GATE_ID, report.verdictId())
                .output(ModelVersions.MODEL_ID, version.id())
                .output("dataset.id", report.datasetId())
                .output("gate.report", ctx.workDir().resolve(GateReports.HTML))
                .used(version.id())
                .used(report.datasetId())
                .produced(report.verdictId());
        for (FairnessReport f : report.fairness()) {
            f.metrics().forEach((k, v) -> {
                if (v != null) {
                    result.metric(f.attribute() + "." + k, v);
                }
            });
        }
        return result.build();
    }

    @SuppressWarnings("unchecked")
    static Declarations declarations(StepContext ctx, String env) {
        Object with = ctx.task().with().get("gates");
        if (with == null) {
            return QualityGates.declarations(ctx.run().spec(), ctx.model(), env);
        }
        String path = ctx.task().specPath() + ".with.gates";
        if (with instanceof Map<?, ?> inline) {
            List<String> problems = new java.util.ArrayList<>();
            Declarations d = Declarations.parse((Map<String, Object>) inline, path, QualityGates.measuredSections(),
                    (p, m) -> problems.add(p + ": " + m));
            if (!problems.isEmpty()) {
                throw new InputError(ctx.run().spec().placeOf(path), String.join("; ", problems));
            }
            return d;
        }
        Set<String> sections = new LinkedHashSet<>(Declarations.sectionNames(with));
        Declarations declared = QualityGates.declarations(ctx.run().spec(), ctx.model(), env);
        Set<String> known = new TreeSet<>(QualityGates.measuredSections());
        known.addAll(Declarations.MODEL_SECTIONS);
        for (String section : sections) {
            // a misspelt section would otherwise drop every check and pass as "declares no gates"
            if (!known.contains(section)) {
                throw new InputError(ctx.run().spec().placeOf(path), "task '" + ctx.task().id() + "': with.gates: unknown "
                        + "gate section '" + section + "'; expected a list of: " + String.join(", ", known));
            }
            if (!declared.declared().contains(section)) {
                throw new InputError(ctx.run().spec().placeOf(path), "task '" + ctx.task().id() + "': with.gates: model '"
                        + ctx.model().name() + "' declares no '" + section + "' gates" + (env == null ? "" : " for " + env)
                        + " (it declares: " + String.join(", ", new TreeSet<>(declared.declared())) + ")");
            }
        }
        return declared.only(sections);
    }
}

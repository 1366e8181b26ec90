package dev.modelops.drift.steps;

import dev.modelops.core.data.CsvBatches;
import dev.modelops.core.InputError;
import dev.modelops.core.exec.Step;
import dev.modelops.core.exec.StepContext;
import dev.modelops.core.exec.StepResult;
import dev.modelops.core.exec.TaskStatus;
import dev.modelops.core.lineage.Entity;
import dev.modelops.core.spec.ModelOpsSpec;
import dev.modelops.drift.DriftRun;
import dev.modelops.drift.DriftTarget;
import dev.modelops.drift.check.DriftCheck;
import dev.modelops.drift.check.DriftReport;
import dev.modelops.drift.check.DriftSettings;
import dev.modelops.ml.ModelVersions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The {@code checkDrift} task: checks {@code with.data} (a CSV batch, or a folder of batches)
 * against the reference profile of the task's model version, writes the reports into the task's
 * folder, records DRIFT_REPORT and EVENT records and, on drift, {@code drift-trigger.json}.
 * Drift makes the task WARNED (the run goes on: in the continuous-training template retraining is
 * the answer to drift), or FAILED with {@code fail_on_drift: true} (drift as a gate).
 */
public final class CheckDriftStep implements Step {
    @Override
    public StepResult run(StepContext ctx) {
        ModelOpsSpec spec = ctx.run().spec();
        String taskPath = ctx.task().specPath();
        Object data = ctx.param("data").orElseThrow(() -> new InputError(spec.placeOf(taskPath),
                "task '" + ctx.task().id() + "' (checkDrift) needs with.data: a CSV batch or a folder of batches"));
        Path dataPath = spec.baseDir().resolve(String.valueOf(data)).normalize();
        boolean failOnDrift = StepParams.bool(ctx, "fail_on_drift", false);
        Entity modelVersion = ModelVersions.resolve(ctx);
        DriftTarget target = DriftTarget.resolve(spec, ctx.run().lineage(), ctx.run().artifacts(), ctx.model().name(),
                null, modelVersion);
        Map<String, Object> overrides = new LinkedHashMap<>(ctx.task().with());
        overrides.remove("data");
        overrides.remove("fail_on_drift");
        DriftSettings settings = target.settings(overrides, (key, message) -> {
            throw new InputError(spec.placeOf(key.startsWith("drift.") ? "models." + ctx.model().name() + "." + key
                    : taskPath + ".with." + key), key + ": " + message);
        });
        List<Path> batches = CsvBatches.of(dataPath, spec.placeOf(taskPath + ".with.data"));
        ctx.progress().update("checking " + batches.size() + " batch(es) against " + target.profile().label(), -1);
        DriftCheck check = target.check(ctx.run().lineage(), ctx.run().artifacts(), settings);
        Map<String, Object> provenance = new LinkedHashMap<>();
        provenance.put("source", "task " + ctx.task().id());
        provenance.put("runId", ctx.run().info().runId());
        provenance.putAll(ctx.run().info().ci());
        DriftRun.Outcome outcome = DriftRun.run(target, check, batches, Files.isDirectory(dataPath), ctx.workDir(),
                ctx.run().lineage(), ctx.run().artifacts(), provenance, false);
        DriftReport last = outcome.results().get(outcome.results().size() - 1).report();
        long drifted = outcome.results().stream().filter(r -> r.report().drift()).count();
        String message = outcome.results().size() == 1
                ? (last.drift() ? "drift: " : "") + String.join("; ", last.reasons())
                : String.format(Locale.ROOT, "%d of %d batches drifted", drifted, outcome.results().size());
        if (outcome.drift()) {
            message += "; wrote " + DriftRun.TRIGGER_FILE;
        }
        StepResult.Builder result = (outcome.drift()
                ? (failOnDrift ? StepResult.failed(message) : StepResult.warned(message))
                : StepResult.succeeded(message))
                .output(ModelVersions.MODEL_ID, modelVersion.id())
                .output("drift.detected", outcome.drift())
                .output("drift.report.id", outcome.results().get(outcome.results().size() - 1).record().id())
                .used(modelVersion.id())
                .used(target.profile().id());
        if (outcome.triggerFile() != null) {
            result.output("drift.trigger", outcome.triggerFile().toString());
        }
        if (outcome.results().size() == 1 && last.datasetDrift() != null) {
            result.metric("drift_share", last.datasetDrift().share());
        }
        if (outcome.results().size() == 1 && last.domain() != null && last.domain().auc() != null) {
            result.metric("domain_auc", last.domain().auc());
        }
        result.metric("batches_drifted", drifted);
        outcome.results().forEach(r -> {
            result.produced(r.record().id());
            r.events().forEach(e -> result.produced(e.id()));
        });
        if (outcome.drift() && !failOnDrift) {
            result.status(TaskStatus.WARNED);
        }
        return result.build();
    }
}

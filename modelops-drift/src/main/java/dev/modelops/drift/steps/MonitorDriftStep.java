package dev.modelops.drift.steps;

import dev.modelops.core.InputError;
import dev.modelops.core.exec.Step;
import dev.modelops.core.exec.StepContext;
import dev.modelops.core.exec.StepResult;
import dev.modelops.core.lineage.Entity;
import dev.modelops.core.lineage.EntityKind;
import dev.modelops.core.lineage.LineageRecord;
import dev.modelops.core.lineage.Relation;
import dev.modelops.core.spec.CronSchedule;
import dev.modelops.core.spec.ModelOpsSpec;
import dev.modelops.core.util.Json;
import dev.modelops.drift.DriftMonitor;
import dev.modelops.drift.DriftTarget;
import dev.modelops.drift.check.DriftSettings;
import dev.modelops.ml.ModelVersions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code monitorDrift} task, which the planner inserts after a deployment marked
 * {@code monitor_drift: true}: it pins what the scheduled drift job of that deployment compares
 * live data with (the deployed model version and its reference profile), where live batches
 * arrive, the schedule and the thresholds. It writes {@code drift-monitor.json} into the task's
 * folder and into {@code <home>/monitors/<model>/<env>/}, where the scheduled job finds it
 * ({@code modelops drift check --monitor FILE}), creates the batch folder, and records an EVENT
 * (type drift-monitor) that USED the profile, the model version and the deployment.
 */
public final class MonitorDriftStep implements Step {
    public static final String DEFAULT_SCHEDULE = "H 3 * * *";

    @Override
    public StepResult run(StepContext ctx) throws IOException {
        ModelOpsSpec spec = ctx.run().spec();
        String taskPath = ctx.task().specPath();
        String model = ctx.model().name();
        String env = ctx.task().env();
        String schedule = ctx.paramText("schedule", DEFAULT_SCHEDULE);
        CronSchedule.problem(schedule).ifPresent(p -> {
            throw new InputError(spec.placeOf(taskPath + ".with.schedule"), "with.schedule: " + p);
        });
        String where = env == null ? model : model + "/" + env;
        // live batches belong with the rest of the run state (the home), not in the source tree;
        // an explicit with.data is a path relative to the spec, like every other path in it
        Path data = ctx.param("data").isPresent()
                ? spec.baseDir().resolve(ctx.paramText("data", null)).normalize()
                : DriftMonitor.path(ctx.run().artifacts().root(), model, env).resolveSibling("batches");
        Entity modelVersion = ModelVersions.resolve(ctx);
        DriftTarget target = DriftTarget.resolve(spec, ctx.run().lineage(), ctx.run().artifacts(), model, null,
                modelVersion);
        Map<String, Object> overrides = new LinkedHashMap<>(ctx.task().with());
        overrides.remove("schedule");
        overrides.remove("data");
        DriftSettings settings = target.settings(overrides, (key, message) -> {
            throw new InputError(spec.placeOf(key.startsWith("drift.") ? "models." + model + "." + key
                    : taskPath + ".with." + key), key + ": " + message);
        });
        Optional<Entity> deployment = env == null ? Optional.empty()
                : ctx.run().lineage().latest(EntityKind.DEPLOYMENT, model + "/" + env);
        Path home = ctx.run().artifacts().root();
        Path monitorFile = DriftMonitor.path(home, model, env);
        Path specFile = ctx.run().info().specFile().toAbsolutePath().normalize();
        Map<String, Object> monitor = DriftMonitor.describe(target, env, deployment.orElse(null), schedule, data,
                settings, specFile, home);
        try {
            Files.createDirectories(data);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the batch folder " + data, e);
        }
        Json.write(ctx.workDir().resolve(DriftMonitor.FILE), monitor);
        Json.write(monitorFile, monitor);
        LineageRecord.Builder event = LineageRecord.builder(EntityKind.EVENT, where + "/drift-monitor")
                .attribute("type", "drift-monitor")
                .attribute("model", modelVersion.label())
                .attribute("env", env)
                .attribute("profile", target.profile().label())
                .attribute("schedule", schedule)
                .attribute("data", data.toString())
                .attribute("settings", settings.describe())
                .attribute("monitorFile", monitorFile.toString())
                .attribute("runId", ctx.run().info().runId())
                .edge(Relation.USED, target.profile().id())
                .edge(Relation.USED, modelVersion.id());
        deployment.ifPresent(d -> event.edge(Relation.USED, d.id()));
        Entity recorded = ctx.run().lineage().record(event.build());
        return StepResult.succeeded("monitoring " + modelVersion.label() + (env == null ? "" : " in " + env)
                        + " against " + target.profile().label() + " (" + schedule + ", batches in " + data + ")")
                .output(ModelVersions.MODEL_ID, modelVersion.id())
                .output("drift.monitor", monitorFile.toString())
                .used(modelVersion.id())
                .used(target.profile().id())
                .produced(recorded.id())
                .build();
    }
}

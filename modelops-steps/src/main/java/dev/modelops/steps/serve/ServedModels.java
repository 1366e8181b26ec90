package dev.modelops.steps.serve;

import dev.modelops.core.InputError;
import dev.modelops.core.artifact.ArtifactStore;
import dev.modelops.core.lineage.Entity;
import dev.modelops.core.lineage.EntityKind;
import dev.modelops.core.lineage.LineageStore;
import dev.modelops.core.spec.DatasetSpec;
import dev.modelops.core.spec.EnvironmentSpec;
import dev.modelops.core.spec.ModelOpsSpec;
import dev.modelops.core.spec.ModelSpec;
import dev.modelops.drift.live.LiveDrift;
import dev.modelops.gates.Champion;
import dev.modelops.ml.ModelVersions;
import dev.modelops.steps.deploy.ArtifactCheck;
import dev.modelops.steps.deploy.DeploymentRecords;
import dev.modelops.steps.deploy.DeploymentStatus;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.tribuo.Model;

/**
 * Opens what {@code modelops serve-model} serves: the model version ACTIVE in the environment (or
 * a given version, as canary pods serve), after checking its artifact's SHA-256 against lineage
 * once more (a mismatch is recorded as a REFUSED deployment and the server does not start), with a
 * predictor and the drift module's live drift ({@link LiveDrift}: the version's reference profile,
 * the model's drift settings, and the drift monitor's batch folder when one pins this version).
 */
public final class ServedModels {
    private ServedModels() {
    }

    /**
     * @param model the served version
     * @param deployment its deployment record (null when a version was named that was never deployed here)
     * @param predictor the predictor
     * @param drift live drift, or null when no reference profile exists for the version
     * @param noDrift why there is no live drift (null when there is)
     * @param info what health and metrics report
     */
    public record Served(Entity model, Entity deployment, Predictor predictor, LiveDrift drift, String noDrift,
                         Map<String, String> info) {
    }

    /**
     * @param modelId a version to serve instead of the ACTIVE one, or null
     * @param batchRows rows per live batch handed to the scheduled drift job
     */
    public static Served open(ModelOpsSpec spec, LineageStore lineage, ArtifactStore artifacts, String modelName,
                              String envName, String modelId, int batchRows) {
        ModelSpec modelSpec = spec.models().get(modelName);
        if (modelSpec == null) {
            throw new InputError("--model " + modelName, "unknown; known: " + String.join(", ", spec.models().keySet()));
        }
        EnvironmentSpec env = spec.environments().get(envName);
        if (env == null) {
            throw new InputError("--env " + envName, "unknown environment; known: "
                    + String.join(", ", spec.environments().keySet()));
        }
        Entity model;
        Entity deployment = null;
        if (modelId != null) {
            model = lineage.get(modelId).filter(e -> e.kind() == EntityKind.MODEL && e.name().equals(modelName))
                    .orElseThrow(() -> new InputError("--model-id " + modelId, "no version of model " + modelName
                            + " has this id"));
        } else {
            Optional<Champion> champion = Champion.find(lineage, modelName, envName);
            if (champion.isEmpty() || champion.get().modelVersion().isEmpty()) {
                throw new InputError("--env " + envName, "no ACTIVE deployment of " + modelName + " in " + envName
                        + "; deploy it first (a deployModel task, or modelops step deployModel)");
            }
            model = champion.get().modelVersion().get();
            deployment = champion.get().deployment();
        }
        Optional<String> problem = ArtifactCheck.problem(artifacts, model);
        if (problem.isPresent()) {
            Entity environment = DeploymentRecords.environment(lineage, env);
            DeploymentRecords.record(lineage, "serve-model", Map.of(), model, environment, "local",
                    DeploymentStatus.REFUSED, Map.of("reason", problem.get(), "refusedBy", "serve-model"), null);
            throw new Refused("refused to serve " + model.label() + " in " + envName + ": " + problem.get());
        }
        Model<?> loaded = ModelVersions.load(artifacts, model);
        DatasetSpec dataset = spec.datasets().get(modelSpec.dataset());
        List<String> features = features(model, modelSpec);
        Predictor predictor = new Predictor(loaded, ModelVersions.kind(model), features, dataset);
        String noDrift = LiveDrift.unavailable(lineage, model).orElse(null);
        LiveDrift drift = noDrift == null
                ? LiveDrift.open(spec, lineage, artifacts, model, loaded, envName, batchRows) : null;
        Map<String, String> info = new LinkedHashMap<>();
        info.put("model", model.name());
        info.put("modelVersion", model.label());
        info.put("modelId", model.id());
        info.put("sha256", model.contentHash());
        info.put("env", envName);
        info.put("variant", String.valueOf(model.attributes().getOrDefault("variant", "trained")));
        return new Served(model, deployment, predictor, drift, noDrift, info);
    }

    @SuppressWarnings("unchecked")
    private static List<String> features(Entity model, ModelSpec spec) {
        Object recorded = model.attributes().get("features");
        if (recorded instanceof List<?> l && !l.isEmpty()) {
            return l.stream().map(String::valueOf).toList();
        }
        return spec.features();
    }

    /** The artifact failed its check; the refusal is already in lineage. */
    public static final class Refused extends RuntimeException {
        public Refused(String message) {
            super(message);
        }
    }
}

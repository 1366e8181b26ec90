package dev.modelops.drift;

import dev.modelops.core.InputError;
import dev.modelops.core.artifact.ArtifactStore;
import dev.modelops.core.lineage.Entity;
import dev.modelops.core.lineage.EntityKind;
import dev.modelops.core.lineage.LineageStore;
import dev.modelops.core.lineage.Relation;
import dev.modelops.core.spec.DatasetSpec;
import dev.modelops.core.spec.ModelOpsSpec;
import dev.modelops.core.spec.ModelSpec;
import dev.modelops.core.spec.TriggerKind;
import dev.modelops.core.spec.TriggerSpec;
import dev.modelops.drift.check.DriftCheck;
import dev.modelops.drift.check.DriftSettings;
import dev.modelops.drift.check.RecordedMetrics;
import dev.modelops.drift.check.ReferenceRows;
import dev.modelops.drift.lineage.ReferenceProfiles;
import dev.modelops.drift.profile.ModelPredictor;
import dev.modelops.drift.profile.ReferenceProfile;
import dev.modelops.ml.ModelVersions;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;
import org.tribuo.Model;

/**
 * What a drift check of one model is about, resolved from the spec and lineage: the model's
 * declaration and dataset, the model version checked, its reference profile, its recorded
 * metrics and the spec's drift triggers that watch it. Shared by {@code modelops drift check}
 * and the {@code checkDrift} and {@code monitorDrift} steps, so they agree on every choice.
 *
 * @param model the model declaration
 * @param dataset its dataset declaration
 * @param modelVersion the model version checked
 * @param profile the PROFILE record compared with
 * @param reference the profile itself
 * @param triggers the spec's drift triggers on this model
 */
public record DriftTarget(ModelSpec model, DatasetSpec dataset, Entity modelVersion, Entity profile,
                          ReferenceProfile reference, List<TriggerSpec> triggers) {

    /**
     * @param spec the loaded spec
     * @param modelName the model
     * @param version a specific model version, or null for the given entity or the newest
     * @param modelVersion a model version already resolved (a task's upstream), or null
     */
    public static DriftTarget resolve(ModelOpsSpec spec, LineageStore lineage, ArtifactStore artifacts,
                                      String modelName, Integer version, Entity modelVersion) {
        ModelSpec model = spec.models().get(modelName);
        if (model == null) {
            throw new InputError("--model " + modelName, "unknown model; known: " + String.join(", ", spec.models().keySet()));
        }
        Entity checked = modelVersion;
        if (checked == null) {
            Optional<Entity> found = version == null ? lineage.latest(EntityKind.MODEL, modelName)
                    : lineage.version(EntityKind.MODEL, modelName, version);
            checked = found.orElseThrow(() -> new InputError(version == null ? "--model " + modelName : "--version " + version,
                    version == null ? "model '" + modelName + "' has no trained version in the lineage store; train it first"
                            : "model '" + modelName + "' has no version " + version + "; versions: 1.."
                            + lineage.history(EntityKind.MODEL, modelName).size()));
        }
        Entity model0 = checked;
        Entity profile = ReferenceProfiles.nearest(lineage, checked).orElseThrow(() -> new InputError(model0.label(),
                "no reference profile is recorded for " + model0.label() + "; profiles are recorded when a model is trained"
                        + " with the drift module installed, or by 'modelops drift profile'"));
        return of(spec, artifacts, lineage, model, checked, profile);
    }

    /** A target whose profile is pinned (by a drift monitor): it must be the model version's profile. */
    public static DriftTarget pinned(ModelOpsSpec spec, LineageStore lineage, ArtifactStore artifacts, String modelName,
                                     int version, String profileId, String place) {
        DriftTarget resolved = resolve(spec, lineage, artifacts, modelName, version, null);
        if (!resolved.profile().id().equals(profileId)) {
            Entity pinned = lineage.get(profileId).orElseThrow(() -> new InputError(place,
                    "the monitor pins profile " + profileId + ", which is not in the lineage store"));
            return of(spec, artifacts, lineage, resolved.model(), resolved.modelVersion(), pinned);
        }
        return resolved;
    }

    private static DriftTarget of(ModelOpsSpec spec, ArtifactStore artifacts, LineageStore lineage, ModelSpec model,
                                  Entity checked, Entity profile) {
        String modelName = model.name();
        ReferenceProfile reference = ReferenceProfiles.load(artifacts, profile);
        List<TriggerSpec> triggers = spec.triggers().stream()
                .filter(t -> t.on() == TriggerKind.DRIFT && modelName.equals(t.model())).toList();
        return new DriftTarget(model, spec.datasets().get(model.dataset()), checked, profile, reference, triggers);
    }

    /** Defaults, then the model's {@code drift:} section, then the given overrides (flags or {@code with:}). */
    public DriftSettings settings(Map<String, ?> overrides, BiConsumer<String, String> problem) {
        return DriftSettings.defaults().with(model.drift(), (k, m) -> problem.accept("drift." + k, m)).with(overrides, problem);
    }

    /** A check ready to run batches: the model loaded, its metrics and raw training rows found. */
    public DriftCheck check(LineageStore lineage, ArtifactStore artifacts, DriftSettings settings) {
        return check(lineage, settings, ModelVersions.load(artifacts, modelVersion));
    }

    /** The same with the model version already loaded (a model server's). */
    public DriftCheck check(LineageStore lineage, DriftSettings settings, Model<?> loaded) {
        ModelPredictor predictor = new ModelPredictor(loaded, ModelVersions.kind(modelVersion), dataset,
                reference.source().features(), model.positiveClass());
        return new DriftCheck(reference, profile.id(), dataset, predictor, recordedMetrics(lineage, modelVersion),
                new ReferenceRows(reference.source(), dataset, reference.profile().rows(), settings.domainMaxRows()), settings)
                .about(new DriftCheck.ModelRef(modelVersion.name(), modelVersion.version(), modelVersion.id()));
    }

    /** The newest METRICS record that evaluated this model version, if any. */
    static RecordedMetrics recordedMetrics(LineageStore lineage, Entity modelVersion) {
        Optional<Entity> metrics = lineage.referrers(modelVersion.id(), Relation.EVALUATED).stream()
                .filter(e -> e.kind() == EntityKind.METRICS)
                .max(Comparator.comparing(Entity::recordedAt).thenComparingInt(Entity::version));
        if (metrics.isEmpty() || !(metrics.get().attributes().get("metrics") instanceof Map<?, ?> values)) {
            return null;
        }
        Map<String, Double> out = new LinkedHashMap<>();
        values.forEach((k, v) -> {
            if (v instanceof Number n) {
                out.put(String.valueOf(k), n.doubleValue());
            }
        });
        Object positive = metrics.get().attributes().get("positiveClass");
        return new RecordedMetrics(out, "the metrics recorded for " + modelVersion.label() + " (METRICS "
                + metrics.get().label() + ")",
                positive == null ? null : String.valueOf(positive));
    }
}

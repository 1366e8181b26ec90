package dev.modelops.drift.steps;

import dev.modelops.core.data.LoadedDataset;
import dev.modelops.core.data.Split;
import dev.modelops.core.exec.StepContext;
import dev.modelops.core.exec.TrainingHook;
import dev.modelops.core.lineage.DatasetRecords;
import dev.modelops.core.lineage.Entity;
import dev.modelops.core.lineage.LineageStore;
import dev.modelops.core.lineage.Relation;
import dev.modelops.core.util.Json;
import dev.modelops.drift.lineage.ReferenceProfiles;
import dev.modelops.drift.profile.ProfileCodec;
import dev.modelops.drift.profile.ReferenceProfile;
import dev.modelops.ml.ModelVersions;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Records the reference profile of every model version as it is trained (registered as a
 * {@link TrainingHook}): its training rows and its predictions on them, the baseline every later
 * drift check compares with. A version that already has a profile of the same dataset version
 * keeps it (a training whose model record is one already stored, same artifact and attributes,
 * adds no profile version). Training again usually makes a new model version (Tribuo stamps the
 * training time into the artifact), which gets its own profile.
 */
public final class ReferenceProfileHook implements TrainingHook {
    @Override
    public List<String> afterTraining(StepContext ctx, Entity model, LoadedDataset data, Split split) {
        LineageStore lineage = ctx.run().lineage();
        String datasetId = DatasetRecords.record(lineage, data).id();
        Optional<Entity> existing = ReferenceProfiles.of(lineage, model)
                .filter(p -> p.targets(Relation.DERIVED_FROM).contains(datasetId));
        if (existing.isPresent()) {
            return List.of(existing.get().id());
        }
        ctx.progress().update("profiling the training data of " + model.label() + " for drift checks", -1);
        ReferenceProfile profile = ReferenceProfiles.build(model, datasetId, ctx.model(), data, split,
                ModelVersions.load(ctx.run().artifacts(), model), ModelVersions.kind(model));
        Entity recorded = ReferenceProfiles.record(lineage, ctx.run().artifacts(), profile,
                Map.of("runId", ctx.run().info().runId()));
        dev.modelops.core.util.AtomicFiles.write(ctx.workDir().resolve("drift-profile.json"), ProfileCodec.write(profile));
        Json.write(ctx.workDir().resolve("drift-profile-record.json"), Map.of("id", recorded.id(),
                "label", recorded.label(), "sha256", recorded.contentHash()));
        return List.of(recorded.id());
    }
}

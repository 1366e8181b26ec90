package dev.modelops.cli;

import dev.modelops.core.InputError;
import dev.modelops.core.artifact.ArtifactStore;
import dev.modelops.core.data.DatasetLoader;
import dev.modelops.core.data.LoadedDataset;
import dev.modelops.core.data.Split;
import dev.modelops.core.lineage.DatasetRecords;
import dev.modelops.core.lineage.Entity;
import dev.modelops.core.lineage.EntityKind;
import dev.modelops.core.lineage.LineageStore;
import dev.modelops.core.lineage.Relation;
import dev.modelops.core.plan.Planner;
import dev.modelops.core.spec.DatasetSpec;
import dev.modelops.core.spec.ModelOpsSpec;
import dev.modelops.core.spec.ModelSpec;
import dev.modelops.core.util.AtomicFiles;
import dev.modelops.core.util.Hashing;
import dev.modelops.drift.lineage.ReferenceProfiles;
import dev.modelops.drift.profile.ProfileCodec;
import dev.modelops.drift.profile.ReferenceProfile;
import dev.modelops.ml.ModelVersions;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code modelops drift profile FILE --model M}: records the reference profile of a model version
 * trained before the drift module was installed (training records it otherwise). The training
 * data must still be the bytes the version was trained on.
 */
@Command(name = "profile", description = "Record (or show) the reference profile of a model version.")
final class DriftProfileCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "FILE", description = "The modelops.yaml to read.")
    Path file;

    @Mixin
    SpecArgs args;

    @Mixin
    StoreArgs store;

    @Option(names = {"-m", "--model"}, required = true, paramLabel = "MODEL", description = "The model.")
    String model;

    @Option(names = "--version", paramLabel = "N", description = "The model version (default: the newest).")
    Integer version;

    @Option(names = {"-o", "--out"}, paramLabel = "FILE", description = "Also write the profile JSON here.")
    Path out;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        Map<String, String> env = System.getenv();
        if (out != null) {
            OutputPaths.file("--out", out); // before a profile is recorded
        }
        ModelOpsSpec loaded = args.load(file, Planner.discover());
        ModelSpec modelSpec = loaded.models().get(model);
        if (modelSpec == null) {
            throw new InputError("--model " + model, "unknown model; known: " + String.join(", ", loaded.models().keySet()));
        }
        try (LineageStore lineage = store.openLineage(env)) {
            ArtifactStore artifacts = store.artifacts(env);
            Optional<Entity> found = version == null ? lineage.latest(EntityKind.MODEL, model)
                    : lineage.version(EntityKind.MODEL, model, version);
            Entity modelVersion = found.orElseThrow(() -> new InputError(version == null ? "--model " + model
                    : "--version " + version, "no such trained model version in " + store.storeLocation(env)));
            Optional<Entity> existing = ReferenceProfiles.of(lineage, modelVersion);
            ReferenceProfile profile;
            Entity record;
            if (existing.isPresent()) {
                record = existing.get();
                profile = ReferenceProfiles.load(artifacts, record);
            } else {
                DatasetSpec dataSpec = loaded.datasets().get(modelSpec.dataset());
                LoadedDataset data = new DatasetLoader().load(dataSpec, loaded.datasetPath(dataSpec));
                String trainedOn = modelVersion.targets(Relation.DERIVED_FROM).stream().map(lineage::get)
                        .flatMap(Optional::stream).filter(e -> e.kind() == EntityKind.DATASET)
                        .map(Entity::contentHash).findFirst().orElse(null);
                if (trainedOn != null && !trainedOn.equals(data.sha256())) {
                    throw new InputError(data.path().toString(), "is not the data " + modelVersion.label()
                            + " was trained on (sha256 " + Hashing.shortHash(trainedOn) + " then, "
                            + Hashing.shortHash(data.sha256()) + " now)");
                }
                String datasetId = DatasetRecords.record(lineage, data).id();
                Split split = Split.of(data.table(), modelSpec.split());
                profile = ReferenceProfiles.build(modelVersion, datasetId, modelSpec, data, split,
                        ModelVersions.load(artifacts, modelVersion), ModelVersions.kind(modelVersion));
                record = ReferenceProfiles.record(lineage, artifacts, profile, Map.of("source", "modelops drift profile"));
            }
            if (out != null) {
                AtomicFiles.write(out, ProfileCodec.write(profile));
            }
            spec.commandLine().getOut().printf("%s profile %s of %s: %d training rows, %d columns [%s]%s%n",
                    existing.isPresent() ? "existing" : "recorded", record.label(), modelVersion.label(),
                    profile.profile().rows(), profile.profile().columns().size(), record.id().substring(0, 12),
                    out == null ? "" : "; written to " + out);
            return ModelOpsCli.OK;
        }
    }
}

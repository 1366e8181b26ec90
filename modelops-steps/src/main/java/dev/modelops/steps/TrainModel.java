package dev.modelops.steps;

import dev.modelops.core.InputError;
import dev.modelops.core.artifact.ArtifactRef;
import dev.modelops.core.data.LoadedDataset;
import dev.modelops.core.data.Split;
import dev.modelops.core.exec.RemoteTrainer;
import dev.modelops.core.exec.Step;
import dev.modelops.core.exec.StepContext;
import dev.modelops.core.exec.StepResult;
import dev.modelops.core.lineage.DatasetRecords;
import dev.modelops.core.lineage.Entity;
import dev.modelops.core.lineage.EntityKind;
import dev.modelops.core.lineage.LineageRecord;
import dev.modelops.core.lineage.Relation;
import dev.modelops.core.spec.ModelSpec;
import dev.modelops.core.spec.Platform;
import dev.modelops.core.util.Hashing;
import dev.modelops.ml.ModelFiles;
import dev.modelops.ml.ModelVersions;
import dev.modelops.ml.TaskKind;
import dev.modelops.ml.TrainerCatalog;
import dev.modelops.ml.TrainerDefinition;
import dev.modelops.ml.TrainerSettings;
import dev.modelops.ml.TribuoData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.tribuo.Model;
import org.tribuo.MutableDataset;
import org.tribuo.Trainer;

/**
 * Trains a new version of a model with Tribuo on the training rows of its dataset, stores the
 * model (Tribuo protobuf, provenance included) in the content-addressed artifact store, and
 * records the dataset version and the model version in lineage.
 */
public final class TrainModel implements Step {
    @Override
    @SuppressWarnings({"unchecked", "rawtypes"})
    public StepResult run(StepContext ctx) throws Exception {
        ModelSpec spec = ctx.model();
        Platform platform = platform(ctx, spec);
        if (platform != Platform.LOCAL) {
            RemoteTrainer remote = RemoteTrainer.find(platform).orElseThrow(() -> new InputError(ctx.task().specPath(),
                    "model '" + spec.name() + "' trains on platform " + platform.yamlName()
                            + ", which needs the modelops-kubernetes module; it is not installed"));
            return remote.train(ctx);
        }
        TrainerDefinition def = TrainerCatalog.find(spec.trainer()).orElseThrow();
        TrainerSettings settings = def.settings(spec.hyperparameters(), (key, message) -> {
            throw new InputError(ctx.run().spec().placeOf("models." + spec.name() + ".hyperparameters." + key), message);
        });
        LoadedDataset data = ctx.loadDataset();
        Entity dataset = DatasetRecords.record(ctx.run().lineage(), data);
        Split split = TrainingRows.split(ctx, data);

        MutableDataset<?> train = TribuoData.dataset(data, spec, def.kind(), split.train(), "train");
        if (def.kind() == TaskKind.CLASSIFICATION && train.getOutputInfo().size() < 2) {
            throw new InputError(ctx.run().spec().placeOf("models." + spec.name() + ".label"),
                    "the training rows of '" + spec.label() + "' hold a single class; a classifier needs at least two");
        }
        ctx.progress().update("training " + def.name() + " on " + train.size() + " rows", -1);
        Trainer trainer = def.create(settings);
        Model<?> model = trainer.train(train);

        Path tmp = ModelFiles.saveTemp(model, ctx.workDir());
        ArtifactRef artifact;
        try {
            artifact = ctx.run().artifacts().put(tmp);
        } finally {
            Files.deleteIfExists(tmp);
        }
        Set<String> classes = new HashSet<>();
        train.getOutputInfo().getDomain().forEach(o -> classes.add(o.toString()));
        Entity recorded = ctx.run().lineage().record(LineageRecord.builder(EntityKind.MODEL, spec.name())
                .contentHash(artifact.sha256())
                .attribute("kind", def.kind().name())
                .attribute("trainer", def.name())
                .attribute("tribuoTrainer", trainer.getClass().getName())
                .attribute("hyperparameters", settings.values())
                .attribute("features", spec.features())
                .attribute("label", spec.label())
                .attribute("positiveClass", spec.positiveClass())
                .attribute("split", split.description())
                .attribute("trainRows", train.size())
                .attribute("format", "tribuo-protobuf")
                .attribute("artifactBytes", artifact.size())
                .attribute("runId", ctx.run().info().runId())
                .attribute("specHash", ctx.run().info().specHash())
                .attribute("trainedAt", model.getProvenance().getTrainingTime().toString())
                .edge(Relation.DERIVED_FROM, dataset.id())
                .build());
        StepResult.Builder result = StepResult.succeeded("trained " + recorded.label() + " (" + def.name() + ") on " + train.size()
                        + " rows of " + data.spec().name() + " [data sha256 " + Hashing.shortHash(data.sha256()) + "]")
                .output(ModelVersions.MODEL_ID, recorded.id())
                .output("model.name", spec.name())
                .output("model.version", recorded.version())
                .output("model.sha256", artifact.sha256())
                .output("dataset.id", dataset.id())
                .output("dataset.sha256", data.sha256())
                .metric("train_rows", train.size())
                .used(dataset.id())
                .produced(recorded.id());
        return AfterTraining.run(ctx, recorded, data, split, result);
    }

    /** {@code with: {platform: local}} overrides the model's platform (a remote Job trains locally inside). */
    private static Platform platform(StepContext ctx, ModelSpec spec) {
        Object given = ctx.param("platform").orElse(null);
        if (given == null) {
            return spec.platform();
        }
        try {
            return Platform.parse(String.valueOf(given));
        } catch (IllegalArgumentException e) {
            throw new InputError(ctx.task().specPath(), "with.platform: " + e.getMessage());
        }
    }
}

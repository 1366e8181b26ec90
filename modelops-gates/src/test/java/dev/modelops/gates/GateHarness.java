package dev.modelops.gates;

import dev.modelops.core.artifact.ArtifactRef;
import dev.modelops.core.artifact.ArtifactStore;
import dev.modelops.core.data.DatasetLoader;
import dev.modelops.core.data.LoadedDataset;
import dev.modelops.core.data.Split;
import dev.modelops.core.exec.Executor;
import dev.modelops.core.exec.RunContext;
import dev.modelops.core.exec.RunInfo;
import dev.modelops.core.exec.RunListener;
import dev.modelops.core.exec.RunReport;
import dev.modelops.core.exec.StepRegistry;
import dev.modelops.core.lineage.DatasetRecords;
import dev.modelops.core.lineage.Entity;
import dev.modelops.core.lineage.EntityKind;
import dev.modelops.core.lineage.InMemoryLineageStore;
import dev.modelops.core.lineage.LineageRecord;
import dev.modelops.core.lineage.Relation;
import dev.modelops.core.plan.Plan;
import dev.modelops.core.plan.Planner;
import dev.modelops.core.spec.DatasetSpec;
import dev.modelops.core.spec.ModelOpsSpec;
import dev.modelops.core.spec.ModelSpec;
import dev.modelops.core.spec.SpecLoader;
import dev.modelops.core.spec.SpecOptions;
import dev.modelops.core.spec.SpecValidator;
import dev.modelops.ml.ModelFiles;
import dev.modelops.ml.TrainerCatalog;
import dev.modelops.ml.TrainerDefinition;
import dev.modelops.ml.TribuoData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.tribuo.Model;
import org.tribuo.MutableDataset;
import org.tribuo.Trainer;

/**
 * Runs gate tasks of a spec on the arrests data through the real planner and executor. The
 * training step lives in a module that depends on this one, so model versions are trained here
 * with the ML module and recorded by the shared MODEL-record convention.
 */
final class GateHarness {
    final Path dir;
    final InMemoryLineageStore lineage = new InMemoryLineageStore();
    final ArtifactStore artifacts;
    private int runs;

    GateHarness(Path dir) {
        this.dir = dir;
        this.artifacts = new ArtifactStore(dir.resolve("home"));
    }

    /** The arrests spec with the given model gates and pipeline tasks. */
    static String spec(String gates, String tasks) {
        return """
                version: 1
                datasets:
                  arrests:
                    uri: %s
                    schema:
                      released: {type: categorical, values: ["Yes", "No"]}
                      colour:   {type: categorical, values: [Black, White]}
                      year:     {type: integer, min: 1997, max: 2002}
                      age:      {type: integer, min: 0, max: 120}
                      sex:      {type: categorical, values: [Female, Male]}
                      employed: {type: categorical, values: ["Yes", "No"]}
                      citizen:  {type: categorical, values: ["Yes", "No"]}
                      checks:   {type: integer, min: 0, max: 6}
                models:
                  release:
                    trainer: logistic-regression
                    hyperparameters: {epochs: 5, learning_rate: 0.5, seed: 42}
                    dataset: arrests
                    features: [age, sex, employed, citizen, checks]
                    label: released
                    positive_class: "Yes"
                    split: {train: "year <= 1999"}
                    gates:
                """.formatted(Arrests.CSV.toAbsolutePath().normalize()) + gates.indent(6) + """
                environments:
                  staging: {}
                  prod: {}
                pipelines:
                  - name: gates
                    tasks:
                """ + tasks.indent(6);
    }

    ModelOpsSpec load(String yaml) throws Exception {
        Path file = dir.resolve("modelops.yaml");
        Files.writeString(file, yaml);
        return SpecLoader.loadValid(file, SpecOptions.defaults(), SpecValidator.discover(Planner.discover()));
    }

    /** Trains a version of {@code model} on the given features and records it as trainModel does. */
    @SuppressWarnings({"rawtypes", "unchecked"})
    Entity train(ModelOpsSpec spec, String model, List<String> features) throws Exception {
        ModelSpec m = spec.models().get(model).withFeatures(features);
        DatasetSpec ds = spec.datasets().get(m.dataset());
        LoadedDataset data = new DatasetLoader().load(ds, spec.datasetPath(ds));
        Entity dataset = DatasetRecords.record(lineage, data);
        Split split = Split.of(data.table(), m.split());
        TrainerDefinition def = TrainerCatalog.find(m.trainer()).orElseThrow();
        MutableDataset<?> train = TribuoData.dataset(data, m, def.kind(), split.train(), "train");
        Trainer trainer = def.create(def.settings(m.hyperparameters(), (k, v) -> {
            throw new IllegalArgumentException(k + ": " + v);
        }));
        Model<?> trained = trainer.train(train);
        Path tmp = ModelFiles.saveTemp(trained, dir);
        ArtifactRef ref = artifacts.put(tmp);
        Files.deleteIfExists(tmp);
        return lineage.record(LineageRecord.builder(EntityKind.MODEL, model)
                .contentHash(ref.sha256())
                .attribute("kind", def.kind().name())
                .attribute("trainer", def.name())
                .attribute("features", features)
                .attribute("label", m.label())
                .attribute("positiveClass", m.positiveClass())
                .attribute("trainRows", train.size())
                .edge(Relation.DERIVED_FROM, dataset.id())
                .build());
    }

    /** Records an ACTIVE deployment of a model version, by the shared DEPLOYMENT convention. */
    Entity deploy(Entity version, String env) {
        return lineage.record(LineageRecord.builder(EntityKind.DEPLOYMENT, version.name() + "/" + env)
                .attribute("model", version.name())
                .attribute("env", env)
                .attribute("modelVersion", version.version())
                .attribute("modelId", version.id())
                .attribute("modelSha256", version.contentHash())
                .attribute("target", "local")
                .attribute("status", "ACTIVE")
                .edge(Relation.USED, version.id())
                .build());
    }

    /** Runs the spec's pipeline with the gate steps installed. */
    RunReport run(ModelOpsSpec spec) {
        runs++;
        Plan plan = Planner.discover().plan(spec, null);
        RunInfo info = new RunInfo("run" + runs, plan.pipeline(), spec.environment(), spec.source(), spec.contentHash(),
                Instant.now(), Map.of(), Map.of());
        RunContext ctx = new RunContext(info, spec, artifacts, lineage, new DatasetLoader(), dir.resolve("runs").resolve("run" + runs),
                Map.of());
        return new Executor(StepRegistry.discover(), 2).run(plan, ctx, RunListener.NONE);
    }

    Path taskDir(String task) {
        return dir.resolve("runs").resolve("run" + runs).resolve(task);
    }
}

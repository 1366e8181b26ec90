package dev.modelops.drift.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelops.core.InputError;
import dev.modelops.core.artifact.ArtifactRef;
import dev.modelops.core.artifact.ArtifactStore;
import dev.modelops.core.data.DatasetLoader;
import dev.modelops.core.data.Split;
import dev.modelops.core.data.Table;
import dev.modelops.core.exec.RunContext;
import dev.modelops.core.exec.RunInfo;
import dev.modelops.core.exec.StepContext;
import dev.modelops.core.exec.StepResult;
import dev.modelops.core.exec.TaskProgress;
import dev.modelops.core.exec.TaskStatus;
import dev.modelops.core.lineage.DatasetRecords;
import dev.modelops.core.lineage.Entity;
import dev.modelops.core.lineage.EntityKind;
import dev.modelops.core.lineage.InMemoryLineageStore;
import dev.modelops.core.lineage.LineageRecord;
import dev.modelops.core.lineage.Relation;
import dev.modelops.core.plan.PlannedTask;
import dev.modelops.core.util.Json;
import dev.modelops.drift.DriftMonitor;
import dev.modelops.drift.DriftRun;
import dev.modelops.drift.DriftTarget;
import dev.modelops.drift.check.DriftSettings;
import dev.modelops.drift.lineage.ReferenceProfiles;
import dev.modelops.drift.profile.ProfileCodec;
import dev.modelops.drift.steps.CheckDriftStep;
import dev.modelops.drift.steps.MonitorDriftStep;
import dev.modelops.drift.steps.ReferenceProfileHook;
import dev.modelops.core.spec.DatasetSpec;
import dev.modelops.core.spec.ModelOpsSpec;
import dev.modelops.core.spec.ModelSpec;
import dev.modelops.core.spec.SpecLoader;
import dev.modelops.core.spec.SpecOptions;
import dev.modelops.ml.ModelEvaluator;
import dev.modelops.ml.ModelFiles;
import dev.modelops.ml.TaskKind;
import dev.modelops.ml.TrainerCatalog;
import dev.modelops.ml.TrainerDefinition;
import dev.modelops.ml.TribuoData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tribuo.Model;

/**
 * The drift module's lineage flow on the arrests example, with the real stores of core: the
 * training hook records a profile, checkDrift records reports, events and the trigger file,
 * monitorDrift pins the profile for the scheduled job.
 */
class DriftFlowTest {
    private static final Path SPEC = Path.of("../examples/arrests/modelops.yaml");

    @TempDir
    Path home;

    private ModelOpsSpec spec;
    private ModelSpec model;
    private DatasetSpec dataset;
    private ArtifactStore artifacts;
    private InMemoryLineageStore lineage;
    private RunContext run;
    private Entity modelVersion;
    private dev.modelops.core.data.LoadedDataset data;
    private Split split;
    private Path batches;

    @SuppressWarnings({"unchecked", "rawtypes"})
    @BeforeEach
    void trainAndRecord() throws Exception {
        spec = SpecLoader.load(SPEC, new SpecOptions(null, Map.of()));
        model = spec.models().get("arrests-release");
        dataset = spec.datasets().get("arrests");
        artifacts = new ArtifactStore(home);
        lineage = new InMemoryLineageStore();
        run = new RunContext(new RunInfo("run-1", "test", null, SPEC, "hash", Instant.now(), Map.of(), Map.of()), spec,
                artifacts, lineage, new DatasetLoader(), home.resolve("runs/run-1"), Map.of());
        data = run.datasets().load(dataset, spec.datasetPath(dataset));
        split = Split.of(data.table(), model.split());
        TrainerDefinition def = TrainerCatalog.find(model.trainer()).orElseThrow();
        Model<?> trained = def.create(def.settings(model.hyperparameters(), (k, m) -> {
        })).train((org.tribuo.Dataset) TribuoData.dataset(data, model, TaskKind.CLASSIFICATION, split.train(), "train"));
        Path tmp = ModelFiles.saveTemp(trained, home);
        ArtifactRef artifact = artifacts.put(tmp);
        Files.delete(tmp);
        Entity datasetRecord = DatasetRecords.record(lineage, data);
        modelVersion = lineage.record(LineageRecord.builder(EntityKind.MODEL, model.name()).contentHash(artifact.sha256())
                .attribute("kind", "CLASSIFICATION").edge(Relation.DERIVED_FROM, datasetRecord.id()).build());
        Map<String, Double> metrics = ModelEvaluator.evaluate(trained,
                TribuoData.dataset(data, model, TaskKind.CLASSIFICATION, split.test(), "test"), TaskKind.CLASSIFICATION, "Yes");
        lineage.record(LineageRecord.builder(EntityKind.METRICS, model.name()).attribute("metrics", metrics)
                .attribute("positiveClass", "Yes").edge(Relation.EVALUATED, modelVersion.id())
                .edge(Relation.USED, datasetRecord.id()).build());
        batches = Files.createDirectories(home.resolve("batches"));
        for (int year = 2000; year <= 2002; year++) {
            writeYear(batches.resolve(year + ".csv"), year);
        }
    }

    private void writeYear(Path file, int year) throws Exception {
        Table t = data.table();
        StringBuilder sb = new StringBuilder(String.join(",", t.columns())).append('\n');
        for (int r = 0; r < t.size(); r++) {
            if ((int) t.number(r, "year") == year) {
                sb.append(String.join(",", t.row(r))).append('\n');
            }
        }
        Files.writeString(file, sb);
    }

    private StepContext context(String id, String type, String env, Map<String, Object> with) throws Exception {
        PlannedTask task = new PlannedTask(id, type, model.name(), dataset.name(), env, List.of(), with, "spec", true,
                "pipelines[0].tasks[0]");
        return new StepContext(run, task, Map.of("model.id", modelVersion.id()),
                Files.createDirectories(run.runDir().resolve(id)), TaskProgress.NONE);
    }

    private Entity profile() throws Exception {
        List<String> ids = new ReferenceProfileHook().afterTraining(context("train", "trainModel", null, Map.of()),
                modelVersion, data, split);
        return lineage.get(ids.get(0)).orElseThrow();
    }

    @Test
    void theTrainingHookRecordsOneContentHashedProfilePerModelVersion() throws Exception {
        Entity profile = profile();
        assertThat(profile.kind()).isEqualTo(EntityKind.PROFILE);
        assertThat(profile.name()).isEqualTo("arrests-release");
        assertThat(profile.targets(Relation.DERIVED_FROM)).containsExactly(modelVersion.id(),
                DatasetRecords.of(data).id());
        byte[] stored = Files.readAllBytes(artifacts.find(profile.contentHash()).orElseThrow().path());
        assertThat(dev.modelops.core.util.Hashing.sha256(stored)).isEqualTo(profile.contentHash());
        var read = ProfileCodec.read(stored, "profile");
        assertThat(read.profile().rows()).isEqualTo(2468);
        assertThat(read.profile().columns().keySet()).containsExactly("age", "sex", "employed", "citizen", "checks",
                "released", "prediction", "prediction_score");
        assertThat(read.source().datasetSha256()).isEqualTo(data.sha256());
        assertThat(Files.readAllBytes(run.runDir().resolve("train/drift-profile.json"))).isEqualTo(stored);
        @SuppressWarnings("unchecked")
        Map<String, Object> citizen = (Map<String, Object>) ((Map<String, Object>) profile.attributes().get("columns"))
                .get("citizen");
        assertThat(citizen).containsEntry("count", 2468L).containsKey("categories");
        // a model version that has a profile of this dataset version keeps it (the hook runs again)
        assertThat(profile()).isEqualTo(profile);
        assertThat(lineage.history(EntityKind.PROFILE, "arrests-release")).hasSize(1);
    }

    @Test
    void checkDriftRecordsReportsEventsAndTheTriggerFile() throws Exception {
        Entity profile = profile();
        StepContext ctx = context("drift", "checkDrift", null, Map.of("data", batches.toString()));
        StepResult result = new CheckDriftStep().run(ctx);
        assertThat(result.status()).isEqualTo(TaskStatus.WARNED);
        assertThat(result.outputs()).containsEntry("drift.detected", "true");
        assertThat(result.metrics()).containsEntry("batches_drifted", 2.0);
        List<Entity> reports = lineage.history(EntityKind.DRIFT_REPORT, "arrests-release");
        assertThat(reports).hasSize(3);
        for (Entity r : reports) {
            assertThat(r.targets(Relation.EVALUATED)).containsExactly(modelVersion.id());
            assertThat(r.targets(Relation.USED)).containsExactly(profile.id());
            assertThat(r.attributes()).containsKeys("batch", "drift", "features", "driftedFeatures", "domainAuc");
            assertThat(artifacts.verify(r.contentHash())).isTrue();
        }
        List<Entity> events = lineage.history(EntityKind.EVENT, "retrain-on-drift");
        assertThat(events).hasSize(2);
        for (Entity e : events) {
            assertThat(e.attributes()).containsEntry("pipeline", "continuous").containsEntry("env", "staging")
                    .containsEntry("type", "drift");
            Entity report = lineage.get(e.targets(Relation.TRIGGERED_BY).get(0)).orElseThrow();
            assertThat(report.attributes()).containsEntry("drift", true);
        }
        Path trigger = ctx.workDir().resolve(DriftRun.TRIGGER_FILE);
        @SuppressWarnings("unchecked")
        Map<String, Object> json = Json.read(trigger, Map.class);
        assertThat(json).containsEntry("drift", true).containsEntry("model", "arrests-release").containsEntry("exitCode", 3);
        assertThat(json.get("triggers").toString()).contains("pipeline=continuous").contains("env=staging");
        assertThat((List<?>) json.get("batches")).hasSize(2);
        for (String year : List.of("2000", "2001", "2002")) {
            assertThat(ctx.workDir().resolve(year).resolve("drift-report.json")).exists();
            assertThat(ctx.workDir().resolve(year).resolve("drift-report.xml")).exists();
            assertThat(ctx.workDir().resolve(year).resolve("drift-report.html")).exists();
        }
        StepResult gate = new CheckDriftStep().run(context("gate", "checkDrift", null,
                Map.of("data", batches.resolve("2000.csv").toString(), "fail_on_drift", true)));
        assertThat(gate.status()).isEqualTo(TaskStatus.FAILED);
    }

    @Test
    void aStaleTriggerFileIsRemovedWhenTheNextCheckFindsNoDrift() throws Exception {
        profile();
        DriftTarget target = DriftTarget.resolve(spec, lineage, artifacts, model.name(), null, null);
        DriftSettings settings = target.settings(Map.of(), (k, m) -> {
            throw new IllegalStateException(m);
        });
        Path out = home.resolve("reports");
        DriftRun.Outcome drifted = DriftRun.run(target, target.check(lineage, artifacts, settings),
                List.of(batches.resolve("2000.csv")), false, out, lineage, artifacts, Map.of("source", "test"), false);
        assertThat(drifted.drift()).isTrue();
        assertThat(out.resolve(DriftRun.TRIGGER_FILE)).exists();
        // a batch of the reference period itself
        Table t = data.table();
        StringBuilder sb = new StringBuilder(String.join(",", t.columns())).append('\n');
        for (int r = 0; r < t.size(); r += 3) {
            if ((int) t.number(r, "year") <= 1999) {
                sb.append(String.join(",", t.row(r))).append('\n');
            }
        }
        Path same = home.resolve("same.csv");
        Files.writeString(same, sb);
        DriftSettings noPerformance = settings.with(Map.of("checks", "features,prediction,domain"), (k, m) -> {
        });
        DriftRun.Outcome clean = DriftRun.run(target, target.check(lineage, artifacts, noPerformance), List.of(same), false,
                out, lineage, artifacts, Map.of("source", "test"), false);
        assertThat(clean.drift()).isFalse();
        assertThat(out.resolve(DriftRun.TRIGGER_FILE)).doesNotExist();
        // --only-new: both batches were checked against this profile already
        DriftRun.Outcome again = DriftRun.run(target, target.check(lineage, artifacts, settings),
                List.of(batches.resolve("2000.csv"), same), false, out, lineage, artifacts, Map.of(), true);
        assertThat(again.results()).isEmpty();
        assertThat(again.alreadyChecked()).containsExactly("2000.csv", "same.csv");
    }

    /**
     * The lineage store of the test, failing every EVENT record while {@code failEvents} is set: a
     * store that goes away in the middle of a run (the database restarts, the disk fills up).
     */
    private final class StoreFailingEvents implements dev.modelops.core.lineage.LineageStore {
        boolean failEvents = true;

        @Override
        public Entity record(LineageRecord record) {
            if (failEvents && record.kind() == EntityKind.EVENT) {
                throw new IllegalStateException("cannot record EVENT " + record.name() + ": the store went away");
            }
            return lineage.record(record);
        }

        @Override
        public java.util.Optional<Entity> get(String id) {
            return lineage.get(id);
        }

        @Override
        public List<Entity> history(EntityKind kind, String name) {
            return lineage.history(kind, name);
        }

        @Override
        public List<Entity> referrers(String id, Relation relation) {
            return lineage.referrers(id, relation);
        }

        @Override
        public List<String> names(EntityKind kind) {
            return lineage.names(kind);
        }

        @Override
        public void close() {
        }
    }

    @Test
    void aDriftedBatchWhoseEventsWereNeverRecordedIsCheckedAgainByOnlyNew() throws Exception {
        profile();
        DriftTarget target = DriftTarget.resolve(spec, lineage, artifacts, model.name(), null, null);
        DriftSettings settings = target.settings(Map.of(), (k, m) -> {
            throw new IllegalStateException(m);
        });
        Path out = home.resolve("interrupted");
        StoreFailingEvents store = new StoreFailingEvents();
        List<Path> batch = List.of(batches.resolve("2000.csv"));
        assertThatThrownBy(() -> DriftRun.run(target, target.check(lineage, artifacts, settings), batch, false, out, store,
                artifacts, Map.of("source", "test"), true)).hasMessageContaining("the store went away");
        // the files were written before lineage, the report was recorded, its events were not
        assertThat(out.resolve(DriftRun.TRIGGER_FILE)).exists();
        assertThat(lineage.history(EntityKind.DRIFT_REPORT, model.name())).hasSize(1);
        assertThat(lineage.history(EntityKind.EVENT, "retrain-on-drift")).isEmpty();
        // the next scheduled run does not count the batch as checked: its drift is handed on
        store.failEvents = false;
        DriftRun.Outcome next = DriftRun.run(target, target.check(lineage, artifacts, settings), batch, false, out, store,
                artifacts, Map.of("source", "test"), true);
        assertThat(next.alreadyChecked()).isEmpty();
        assertThat(next.drift()).isTrue();
        assertThat(next.results().get(0).events()).hasSize(1);
        assertThat(lineage.history(EntityKind.EVENT, "retrain-on-drift")).hasSize(1);
        // and once handed on, it is checked
        DriftRun.Outcome third = DriftRun.run(target, target.check(lineage, artifacts, settings), batch, false, out, store,
                artifacts, Map.of("source", "test"), true);
        assertThat(third.alreadyChecked()).containsExactly("2000.csv");
        assertThat(third.drift()).isFalse();
        assertThat(out.resolve(DriftRun.TRIGGER_FILE)).doesNotExist();
    }

    @Test
    void aReusedOutputFolderLosesTheEarlierReportsButNotOtherFiles() throws Exception {
        profile();
        DriftTarget target = DriftTarget.resolve(spec, lineage, artifacts, model.name(), null, null);
        DriftSettings settings = target.settings(Map.of("checks", "features"), (k, m) -> {
            throw new IllegalStateException(m);
        });
        Path out = home.resolve("reused");
        DriftRun.run(target, target.check(lineage, artifacts, settings),
                List.of(batches.resolve("2000.csv"), batches.resolve("2001.csv")), true, out, lineage, artifacts,
                Map.of(), false);
        assertThat(out.resolve("2000/drift-report.xml")).exists();
        Files.writeString(out.resolve("notes.txt"), "mine");
        Files.writeString(out.resolve("2001/notes.txt"), "mine too");
        DriftRun.run(target, target.check(lineage, artifacts, settings), List.of(batches.resolve("2002.csv")), false,
                out, lineage, artifacts, Map.of(), false);
        assertThat(out.resolve("2000")).doesNotExist();
        assertThat(out.resolve("2001")).isDirectory();
        try (var left = Files.list(out.resolve("2001"))) {
            assertThat(left.map(p -> p.getFileName().toString()).toList()).containsExactly("notes.txt");
        }
        assertThat(out.resolve("notes.txt")).hasContent("mine");
        assertThat(out.resolve("drift-report.xml")).content().contains("2002");
    }

    @Test
    @SuppressWarnings("unchecked")
    void monitorDriftPinsTheProfileForTheScheduledJob() throws Exception {
        Entity profile = profile();
        StepResult result = new MonitorDriftStep().run(context("deploy-drift-monitor", "monitorDrift", "staging",
                Map.of("schedule", "H 4 * * *", "threshold", 0.15, "data", home.resolve("live").toString())));
        assertThat(result.status()).isEqualTo(TaskStatus.SUCCEEDED);
        Path monitor = DriftMonitor.path(home, "arrests-release", "staging");
        assertThat(result.outputs()).containsEntry("drift.monitor", monitor.toString());
        DriftMonitor.Pinned pinned = DriftMonitor.read(monitor);
        assertThat(pinned.profileId()).isEqualTo(profile.id());
        assertThat(pinned.modelVersion()).isEqualTo(1);
        assertThat(pinned.env()).isEqualTo("staging");
        assertThat(pinned.settings()).containsEntry("threshold", 0.15);
        assertThat(pinned.data()).isEqualTo(home.resolve("live"));
        assertThat(Files.isDirectory(pinned.data())).isTrue();
        @SuppressWarnings("unchecked")
        Map<String, Object> json = Json.read(monitor, Map.class);
        assertThat(json).containsEntry("schedule", "H 4 * * *");
        assertThat((List<Object>) json.get("command")).containsExactly("modelops", "drift", "check", "--monitor", monitor.toString());
        Entity event = lineage.history(EntityKind.EVENT, "arrests-release/staging/drift-monitor").get(0);
        assertThat(event.targets(Relation.USED)).contains(profile.id(), modelVersion.id());
        assertThat(event.attributes()).containsEntry("type", "drift-monitor");
        assertThatThrownBy(() -> new MonitorDriftStep().run(context("m2", "monitorDrift", "staging",
                Map.of("schedule", "daily")))).isInstanceOf(InputError.class).hasMessageContaining("five cron fields");
    }

    @Test
    void checkingAModelWithoutAProfileSaysHowToGetOne() {
        assertThatThrownBy(() -> DriftTarget.resolve(spec, lineage, artifacts, model.name(), null, null))
                .isInstanceOf(InputError.class).hasMessageContaining("no reference profile")
                .hasMessageContaining("modelops drift profile");
    }

    @Test
    void aBatchWithoutAFeatureColumnIsAnInputErrorNamingIt() throws Exception {
        profile();
        Path bad = home.resolve("bad.csv");
        Files.writeString(bad, "released,colour,year,age,sex,employed,checks\nYes,White,2002,21,Male,Yes,3\n");
        DriftTarget target = DriftTarget.resolve(spec, lineage, artifacts, model.name(), null, null);
        var check = target.check(lineage, artifacts, DriftSettings.defaults());
        assertThatThrownBy(() -> check.check(bad)).isInstanceOf(InputError.class)
                .hasMessageContaining("bad.csv:1").hasMessageContaining("citizen");
        Path ragged = home.resolve("ragged.csv");
        Files.writeString(ragged, "released,colour,year,age,sex,employed,citizen,checks\nYes,White,2002,21,Male,Yes,Yes,3\n"
                + "No,Black,2002,x,Male,Yes,Yes,1\n");
        assertThatThrownBy(() -> check.check(ragged)).isInstanceOf(InputError.class)
                .hasMessageContaining("ragged.csv:3").hasMessageContaining("'age': expected a number, got 'x'");
        List<Entity> none = new ArrayList<>(lineage.history(EntityKind.DRIFT_REPORT, model.name()));
        assertThat(none).isEmpty();
    }

    @Test
    void aRowWithoutAnyFeatureIsAMissingPredictionNotACrash() throws Exception {
        profile();
        Path holes = home.resolve("holes.csv");
        Files.writeString(holes, "released,colour,year,age,sex,employed,citizen,checks\n"
                + "Yes,White,2002,21,Male,Yes,Yes,3\nNo,Black,2002,NA,NA,NA,NA,NA\nYes,White,2002,30,Female,No,Yes,0\n");
        DriftTarget target = DriftTarget.resolve(spec, lineage, artifacts, model.name(), null, null);
        var report = target.check(lineage, artifacts, DriftSettings.defaults().with(Map.of("checks", "features,prediction"),
                (k, m) -> {
                })).check(holes);
        var prediction = report.prediction().get(0);
        assertThat(prediction.currentCount()).isEqualTo(2);
        assertThat(prediction.currentMissingShare()).isEqualTo(1 / 3.0);
        assertThat(report.features().stream().filter(c -> c.column().equals("age")).findFirst().orElseThrow()
                .currentMissingShare()).isEqualTo(1 / 3.0);
    }
}

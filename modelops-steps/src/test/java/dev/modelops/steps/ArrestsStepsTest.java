package dev.modelops.steps;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modelops.core.exec.RunReport;
import dev.modelops.core.exec.TaskOutcome;
import dev.modelops.core.exec.TaskStatus;
import dev.modelops.core.lineage.Entity;
import dev.modelops.core.lineage.EntityKind;
import dev.modelops.core.lineage.Relation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The steps of the release on the arrests example (84% of the test rows are "Yes", two numeric
 * features): hardening reports its cost in AUC, macro F1 and per-class recall and refuses a model
 * that collapsed to the majority class; compression says when nothing was quantized; a task works
 * on the version it names; a training whose hook failed is not "the newest version".
 */
class ArrestsStepsTest {
    static final Path CSV = Path.of("../examples/arrests/data/arrests.csv").toAbsolutePath().normalize();

    @TempDir
    Path dir;

    /** The arrests example spec with its data file absolute and these pipelines instead of its own. */
    private Path spec(String pipelines) throws Exception {
        String text = Files.readString(Path.of("../examples/arrests/modelops.yaml"))
                .replace("uri: data/arrests.csv", "uri: " + CSV);
        text = text.substring(0, text.indexOf("\npipelines:")) + "\npipelines:\n" + pipelines.indent(2);
        Path file = dir.resolve("modelops.yaml");
        Files.writeString(file, text);
        return file;
    }

    private static final String HARDEN = """
            - name: harden
              tasks:
                - {id: train, type: trainModel, model: arrests-release}
                - {id: harden, type: hardenModel, model: arrests-release, depends_on: [train], with: %s}
                - {id: evaluate, type: evaluateModel, model: arrests-release, depends_on: [harden]}
            """;

    @Test
    @SuppressWarnings("unchecked")
    void hardeningReportsItsCostInAucMacroF1AndRecallAndKeepsTrainingRowsApartFromTwins() throws Exception {
        Pipelines p = new Pipelines(dir.resolve("home"));
        RunReport report = p.run(spec(HARDEN.formatted("{}")), "harden");
        TaskOutcome harden = Pipelines.task(report, "harden");
        assertThat(harden.status()).as(harden.message()).isEqualTo(TaskStatus.SUCCEEDED);
        // the defaults (epsilon 0.05, 2 rounds) on the release example: the numbers the README gives
        assertThat(harden.message()).contains("adversarial accuracy at eps 0.05", "cost on clean test rows (2758): "
                + "AUC 0.7172 -> 0.7253, macro F1 0.4771 -> 0.5062, recall No 0.021 -> 0.057, Yes 0.998 -> 0.986, "
                + "accuracy 0.8426 -> 0.8387");
        assertThat(harden.metrics()).containsKeys("auc", "before.auc", "macro_f1", "before.macro_f1", "recall.No",
                "before.recall.No");

        Entity hardened = p.lineage.latest(EntityKind.MODEL, "arrests-release").orElseThrow();
        assertThat(hardened.attributes()).containsEntry("variant", "hardened").containsEntry("trainRows", 2468)
                .containsEntry("adversarialRows", 4936);
        Map<String, Object> hardening = (Map<String, Object>) hardened.attributes().get("hardening");
        assertThat(hardening).containsEntry("trainRows", 2468).containsEntry("augmentedRows", 7404)
                .containsEntry("epsilon", 0.05).containsEntry("rounds", 2);
        Map<String, Object> cost = (Map<String, Object>) hardening.get("cost");
        assertThat(cost).containsKeys("auc", "macro_f1", "accuracy", "recall.No", "recall.Yes");
        Map<String, Object> auc = (Map<String, Object>) cost.get("auc");
        assertThat(((Number) auc.get("before")).doubleValue()).isEqualTo(0.7172, org.assertj.core.api.Assertions.within(5e-5));
        assertThat(((Number) auc.get("after")).doubleValue())
                .isEqualTo(Pipelines.task(report, "evaluate").metrics().get("auc"));
        // the original's measurement carries its clean metrics too, so a gate on it finds accuracy and AUC
        Entity original = p.lineage.version(EntityKind.MODEL, "arrests-release", 1).orElseThrow();
        assertThat(p.lineage.referrers(original.id(), Relation.EVALUATED)).anySatisfy(m ->
                assertThat((Map<String, Object>) m.attributes().get("metrics")).containsKeys("auc", "macro_f1",
                        "robustness.clever_mean"));
    }

    /**
     * The former defaults (epsilon 0.3, 5 rounds) made the arrests model predict "Yes" for all 2758
     * test rows: robust, accurate (0.84, the base rate) and useless. That is refused now, with the
     * numbers, and nothing is recorded, so nothing downstream can pick it up.
     */
    @Test
    void aHardenedModelThatStopsRecognisingAClassIsRefusedAndNotRecorded() throws Exception {
        Pipelines p = new Pipelines(dir.resolve("home"));
        RunReport report = p.run(spec(HARDEN.formatted("{epsilon: 0.3, rounds: 5}")), "harden");
        TaskOutcome harden = Pipelines.task(report, "harden");
        assertThat(harden.status()).isEqualTo(TaskStatus.FAILED);
        assertThat(harden.message()).startsWith("refused: the model hardened from arrests-release@v1 no longer recognises "
                + "'No'; it predicts 'Yes' for all 2758 test rows (clean test rows (2758): AUC 0.7172 -> 0.6266, macro F1 "
                + "0.4771 -> 0.4569, recall No 0.021 -> 0.000, Yes 0.998 -> 1.000, accuracy 0.8426 -> 0.8412); nothing "
                + "recorded").contains("lower with.epsilon or with.rounds");
        assertThat(Pipelines.task(report, "evaluate").status()).isEqualTo(TaskStatus.SKIPPED);
        assertThat(p.lineage.history(EntityKind.MODEL, "arrests-release")).hasSize(1);
    }

    @Test
    @SuppressWarnings("unchecked")
    void compressionSaysSoWhenNothingWasQuantizedAndRecordsOnlyTheFloat32Graph() throws Exception {
        Pipelines p = new Pipelines(dir.resolve("home"));
        RunReport report = p.run(spec("""
                - name: compress
                  tasks:
                    - {id: train, type: trainModel, model: arrests-release}
                    - {id: compress, type: compressModel, model: arrests-release, depends_on: [train], with: {quantize: int8}}
                """), "compress");
        TaskOutcome compress = Pipelines.task(report, "compress");
        assertThat(compress.status()).as(compress.message()).isEqualTo(TaskStatus.SUCCEEDED);
        assertThat(compress.message()).contains("int8: nothing quantized, every weight tensor stays float32 (",
                "fewer than 16 values", "the result is the float32 graph -> arrests-release@v2");
        List<Entity> versions = p.lineage.history(EntityKind.MODEL, "arrests-release");
        assertThat(versions).extracting(e -> e.attributes().get("variant")).containsExactly(null, "onnx-float32");
        Map<String, Object> compression = (Map<String, Object>) versions.get(1).attributes().get("compression");
        assertThat(compression).containsEntry("quantize", "int8").containsEntry("sizeRatio", 1.0);
        assertThat(String.valueOf(compression.get("nothingQuantized"))).startsWith("nothing quantized");
        assertThat(compress.outputs()).containsEntry("model.id", versions.get(1).id());
    }

    @Test
    void aTaskWorksOnTheVersionItNamesInsteadOfTheNewest() throws Exception {
        Path spec = spec("""
                - name: train
                  tasks:
                    - {id: train, type: trainModel, model: arrests-release}
                - name: evaluate-v1
                  tasks:
                    - {id: evaluate, type: evaluateModel, model: arrests-release, with: {model_version: 1}}
                - name: evaluate-label
                  tasks:
                    - {id: evaluate, type: evaluateModel, model: arrests-release, with: {model_version: "arrests-release@v2"}}
                - name: evaluate-newest
                  tasks:
                    - {id: evaluate, type: evaluateModel, model: arrests-release}
                - name: evaluate-v9
                  tasks:
                    - {id: evaluate, type: evaluateModel, model: arrests-release, with: {model_version: 9}}
                - name: evaluate-other-model
                  tasks:
                    - {id: evaluate, type: evaluateModel, model: arrests-release-xgb, with: {model_version: "%s"}}
                """.formatted("ID"));
        Pipelines p = new Pipelines(dir.resolve("home"));
        p.run(spec, "train");
        p.run(spec, "train");
        List<Entity> versions = p.lineage.history(EntityKind.MODEL, "arrests-release");
        assertThat(versions).hasSize(2);
        assertThat(Pipelines.task(p.run(spec, "evaluate-v1"), "evaluate").message()).startsWith("arrests-release@v1 on");
        assertThat(Pipelines.task(p.run(spec, "evaluate-label"), "evaluate").message()).startsWith("arrests-release@v2 on");
        assertThat(Pipelines.task(p.run(spec, "evaluate-newest"), "evaluate").message()).startsWith("arrests-release@v2 on");
        TaskOutcome missing = Pipelines.task(p.run(spec, "evaluate-v9"), "evaluate");
        assertThat(missing.status()).isEqualTo(TaskStatus.FAILED);
        assertThat(missing.message()).contains("model 'arrests-release' has no version 9 (versions 1..2)");

        Files.writeString(spec, Files.readString(spec).replace("\"ID\"", "\"" + versions.get(0).id() + "\""));
        TaskOutcome other = Pipelines.task(p.run(spec, "evaluate-other-model"), "evaluate");
        assertThat(other.status()).isEqualTo(TaskStatus.FAILED);
        assertThat(other.message()).contains("is MODEL arrests-release@v1, not a version of model 'arrests-release-xgb'");
    }

    /**
     * A training hook that fails after the model version was recorded (drift profiling) fails the
     * task; the version stays in lineage as its output, and tasks that take "the newest version"
     * pass over it to the last version whose training succeeded.
     */
    @Test
    void aVersionWhoseTrainingHookFailedIsNotTheNewestVersionLaterTasksPick() throws Exception {
        Path spec = spec("""
                - name: train
                  tasks:
                    - {id: train, type: trainModel, model: arrests-release}
                - name: train-evaluate
                  tasks:
                    - {id: train, type: trainModel, model: arrests-release}
                    - {id: evaluate, type: evaluateModel, model: arrests-release, depends_on: [train]}
                - name: evaluate
                  tasks:
                    - {id: evaluate, type: evaluateModel, model: arrests-release}
                """);
        Pipelines p = new Pipelines(dir.resolve("home"));
        assertThat(Pipelines.task(p.run(spec, "train"), "train").status()).isEqualTo(TaskStatus.SUCCEEDED);

        RunReport failed = p.run(spec, "train-evaluate", null, Map.of(FailingHook.FAIL, "yes"));
        TaskOutcome train = Pipelines.task(failed, "train");
        assertThat(train.status()).isEqualTo(TaskStatus.FAILED);
        assertThat(train.message()).startsWith("recorded arrests-release@v2, but the training hook FailingHook failed: "
                + "profiling arrests-release@v2 failed (test)");
        assertThat(Pipelines.task(failed, "evaluate").status()).isEqualTo(TaskStatus.SKIPPED);
        Entity v2 = p.lineage.latest(EntityKind.MODEL, "arrests-release").orElseThrow();
        assertThat(v2.version()).isEqualTo(2);
        assertThat(p.lineage.referrers(v2.id(), Relation.PRODUCED)).singleElement()
                .satisfies(r -> assertThat(r.attributes()).containsEntry("status", "FAILED"));

        TaskOutcome evaluate = Pipelines.task(p.run(spec, "evaluate"), "evaluate");
        assertThat(evaluate.status()).isEqualTo(TaskStatus.SUCCEEDED);
        assertThat(evaluate.message()).startsWith("arrests-release@v1 on");
        // a later successful training is the newest again
        p.run(spec, "train");
        assertThat(Pipelines.task(p.run(spec, "evaluate"), "evaluate").message()).startsWith("arrests-release@v3 on");
    }
}

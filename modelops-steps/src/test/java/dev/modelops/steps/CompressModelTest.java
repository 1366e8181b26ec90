package dev.modelops.steps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelops.core.InputError;
import dev.modelops.core.exec.RunReport;
import dev.modelops.core.exec.TaskOutcome;
import dev.modelops.core.exec.TaskStatus;
import dev.modelops.core.lineage.Entity;
import dev.modelops.core.lineage.EntityKind;
import dev.modelops.core.lineage.Relation;
import dev.modelops.core.spec.ModelOpsSpec;
import dev.modelops.ml.ModelVersions;
import dev.modelops.ml.TaskKind;
import dev.modelops.ml.TribuoData;
import dev.modelops.steps.onnx.OnnxImport;
import dev.modelops.steps.onnx.OnnxScorer;
import dev.modelops.steps.robustness.DenseData;
import dev.modelops.steps.robustness.TribuoScoreFunction;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tribuo.Model;
import org.tribuo.MutableDataset;
import org.tribuo.classification.Label;
import org.tribuo.classification.sgd.linear.LinearSGDModel;
import org.tribuo.data.csv.CSVLoader;

class CompressModelTest {
    @TempDir
    Path dir;

    private Path fashionSpec(String compressWith) throws Exception {
        String text = Files.readString(Path.of("../examples/fashion-mnist/modelops.yaml"))
                .replace("uri: data/fashion-mnist-14x14.csv", "uri: " + Pipelines.FASHION_CSV);
        text = text.substring(0, text.indexOf("\npipelines:")) + """

                pipelines:
                  - name: compress
                    tasks:
                      - {id: train, type: trainModel, model: fashion-classifier}
                      - {id: compress, type: compressModel, model: fashion-classifier, depends_on: [train], with: %s}
                      - {id: evaluate, type: evaluateModel, model: fashion-classifier, depends_on: [compress]}
                """.formatted(compressWith);
        Path file = dir.resolve("modelops.yaml");
        Files.writeString(file, text);
        return file;
    }

    @Test
    @SuppressWarnings("unchecked")
    void onnxRuntimeAgreesWithTribuoAndInt8KeepsAccuracyAtAQuarterOfTheWeights() throws Exception {
        Path spec = fashionSpec("{quantize: int8, max_accuracy_loss: 0.02}");
        Pipelines p = new Pipelines(dir.resolve("home"));
        RunReport report = p.run(spec, "compress");
        TaskOutcome compress = Pipelines.task(report, "compress");
        assertThat(compress.status()).as(compress.message()).isEqualTo(TaskStatus.SUCCEEDED);

        List<Entity> versions = p.lineage.history(EntityKind.MODEL, "fashion-classifier");
        assertThat(versions).extracting(e -> e.attributes().get("variant"))
                .containsExactly(null, "onnx-float32", "onnx-int8");
        Entity source = versions.get(0);
        Entity float32 = versions.get(1);
        Entity int8 = versions.get(2);
        assertThat(float32.targets(Relation.DERIVED_FROM)).containsExactly(source.id());
        assertThat(int8.targets(Relation.DERIVED_FROM)).containsExactly(source.id());

        // independent check: run the stored float32 graph with ONNX Runtime and compare with Tribuo row by row
        Model<Label> tribuo = (Model<Label>) ModelVersions.load(p.artifacts, source);
        ModelOpsSpec loaded = p.load(spec, null);
        var data = new dev.modelops.core.data.DatasetLoader().load(loaded.datasets().get("fashion"),
                loaded.datasetPath(loaded.datasets().get("fashion")));
        var split = dev.modelops.core.data.Split.of(data.table(), loaded.models().get("fashion-classifier").split());
        MutableDataset<Label> test = (MutableDataset<Label>) TribuoData.dataset(data,
                loaded.models().get("fashion-classifier"), TaskKind.CLASSIFICATION, split.test(), "test");
        DenseData rows = DenseData.of(tribuo, test);
        TribuoScoreFunction reference = new TribuoScoreFunction(tribuo);
        int[] expected = reference.predict(rows.rows());
        byte[] graph = Files.readAllBytes(ModelVersions.artifact(p.artifacts, float32).path());
        try (OnnxScorer onnx = new OnnxScorer(graph, "input", reference.dimensions(), reference.classes())) {
            int[] got = onnx.predict(rows.rows());
            int same = 0;
            for (int i = 0; i < got.length; i++) {
                same += got[i] == expected[i] ? 1 : 0;
            }
            assertThat(rows.size()).isEqualTo(500);
            assertThat((double) same / got.length).as("same class on %d of %d rows", same, got.length)
                    .isGreaterThanOrEqualTo(0.999);
        }

        Map<?, ?> c = (Map<?, ?>) int8.attributes().get("compression");
        assertThat(((Number) c.get("weightSizeRatio")).doubleValue()).isLessThan(0.3);
        assertThat(((Number) c.get("compressedBytes")).longValue()).isLessThan(((Number) c.get("onnxFloat32Bytes")).longValue());
        assertThat(Math.abs(((Number) c.get("accuracyDelta")).doubleValue())).isLessThanOrEqualTo(0.02);
        assertThat(Files.size(ModelVersions.artifact(p.artifacts, int8).path()))
                .isEqualTo(((Number) c.get("compressedBytes")).longValue());

        // evaluateModel scores the int8 version through Tribuo's ONNXExternalModel, and agrees with ONNX Runtime
        TaskOutcome evaluate = Pipelines.task(report, "evaluate");
        assertThat(evaluate.message()).startsWith(int8.label());
        assertThat(evaluate.metrics().get("accuracy")).isEqualTo(((Number) c.get("compressedAccuracy")).doubleValue());
    }

    @Test
    void float16HalvesTheWeights() throws Exception {
        Pipelines p = new Pipelines(dir.resolve("home"));
        RunReport report = p.run(fashionSpec("{quantize: float16}"), "compress");
        assertThat(Pipelines.task(report, "compress").status()).isEqualTo(TaskStatus.SUCCEEDED);
        Entity f16 = p.lineage.latest(EntityKind.MODEL, "fashion-classifier").orElseThrow();
        assertThat(f16.attributes()).containsEntry("variant", "onnx-float16");
        Map<?, ?> c = (Map<?, ?>) f16.attributes().get("compression");
        assertThat(((Number) c.get("weightSizeRatio")).doubleValue()).isBetween(0.45, 0.55);
        assertThat(((Number) c.get("compressedAgreement")).doubleValue()).isGreaterThanOrEqualTo(0.998);
    }

    /**
     * A 2-bit grid (four levels per weight column) costs the Fashion-MNIST model a lot of accuracy;
     * the step measures the loss with ONNX Runtime and refuses, recording no ONNX version.
     */
    @Test
    void tooLargeAnAccuracyLossIsRefusedAndNothingIsRecorded() throws Exception {
        Pipelines p = new Pipelines(dir.resolve("home"));
        RunReport report = p.run(fashionSpec("{quantize: int8, bits: 2, max_accuracy_loss: 0.02}"), "compress");
        TaskOutcome compress = Pipelines.task(report, "compress");
        assertThat(compress.status()).as(compress.message()).isEqualTo(TaskStatus.FAILED);
        assertThat(compress.message()).startsWith("refused: int8 loses").contains("more than max_accuracy_loss 0.0200");
        assertThat(Pipelines.task(report, "evaluate").status()).isEqualTo(TaskStatus.SKIPPED);
        assertThat(p.lineage.history(EntityKind.MODEL, "fashion-classifier")).hasSize(1);
    }

    @Test
    void aModelTrainedElsewhereIsImportedFromOnnxAndEvaluatedThroughTribuo() throws Exception {
        StringBuilder csv = new StringBuilder("y,a,b,c\n");
        Random r = new Random(8);
        for (int i = 0; i < 600; i++) {
            double a = r.nextGaussian();
            double b = r.nextGaussian();
            double c = r.nextGaussian();
            String y = a + 0.5 * b - c > 0.3 ? "yes" : a - b > 0 ? "no" : "maybe";
            csv.append(y).append(',').append(a).append(',').append(b).append(',').append(c).append('\n');
        }
        Files.writeString(dir.resolve("abc.csv"), csv);
        Path spec = dir.resolve("abc.yaml");
        Files.writeString(spec, """
                version: 1
                datasets:
                  abc:
                    uri: abc.csv
                    schema: {y: {type: categorical, values: ["yes", "no", maybe]}, a: numeric, b: numeric, c: numeric}
                models:
                  m:
                    trainer: logistic-regression
                    dataset: abc
                    features: [a, b, c]
                    label: y
                    split: {ratio: 0.7, seed: 1}
                pipelines:
                  - name: evaluate
                    tasks:
                      - {id: evaluate, type: evaluateModel, model: m}
                """);
        // "elsewhere": a model trained outside ModelOps, written to an ONNX file
        MutableDataset<Label> all = new MutableDataset<>(new CSVLoader<>(new org.tribuo.classification.LabelFactory())
                .loadDataSource(dir.resolve("abc.csv"), "y"));
        LinearSGDModel external = (LinearSGDModel) new org.tribuo.classification.sgd.linear.LinearSGDTrainer(
                new org.tribuo.classification.sgd.objectives.LogMulticlass(),
                new org.tribuo.math.optimisers.AdaGrad(0.5, 0.1), 10, 3L).train(all);
        Path onnx = dir.resolve("external.onnx");
        external.saveONNXModel("org.example", 1, onnx);
        List<String> classes = new java.util.ArrayList<>();
        for (int i = 0; i < external.getOutputIDInfo().size(); i++) {
            classes.add(external.getOutputIDInfo().getOutput(i).getLabel());
        }
        Pipelines p = new Pipelines(dir.resolve("home"));
        ModelOpsSpec loaded = p.load(spec, null);
        Entity imported = OnnxImport.importModel(loaded, "m", onnx, classes, null, p.artifacts, p.lineage);
        assertThat(imported.attributes()).containsEntry("variant", "imported-onnx").containsEntry("format", "onnx");

        RunReport report = p.run(spec, "evaluate");
        TaskOutcome evaluate = Pipelines.task(report, "evaluate");
        assertThat(evaluate.status()).as(evaluate.message()).isEqualTo(TaskStatus.SUCCEEDED);
        // the same rows scored by the original Tribuo model give the same accuracy
        var data = new dev.modelops.core.data.DatasetLoader().load(loaded.datasets().get("abc"), dir.resolve("abc.csv"));
        var split = dev.modelops.core.data.Split.of(data.table(), loaded.models().get("m").split());
        @SuppressWarnings("unchecked")
        MutableDataset<Label> test = (MutableDataset<Label>) TribuoData.dataset(data, loaded.models().get("m"),
                TaskKind.CLASSIFICATION, split.test(), "test");
        double expected = new org.tribuo.classification.evaluation.LabelEvaluator().evaluate(external, test).accuracy();
        assertThat(evaluate.metrics().get("accuracy")).isCloseTo(expected, org.assertj.core.data.Offset.offset(1e-9));

        // a graph with the wrong number of inputs is refused before anything is recorded
        assertThatThrownBy(() -> OnnxImport.importModel(loaded, "m", onnx, List.of("yes", "no"), null, p.artifacts,
                p.lineage)).isInstanceOf(InputError.class).hasMessageContaining("expected [N, 2] class scores");
    }
}

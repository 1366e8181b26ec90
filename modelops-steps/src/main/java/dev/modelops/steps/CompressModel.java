package dev.modelops.steps;

import ai.onnx.proto.OnnxMl;
import dev.modelops.core.artifact.ArtifactRef;
import dev.modelops.core.data.LoadedDataset;
import dev.modelops.core.data.Split;
import dev.modelops.core.exec.Step;
import dev.modelops.core.exec.StepContext;
import dev.modelops.core.exec.StepResult;
import dev.modelops.core.lineage.DatasetRecords;
import dev.modelops.core.lineage.Entity;
import dev.modelops.core.lineage.EntityKind;
import dev.modelops.core.lineage.LineageRecord;
import dev.modelops.core.lineage.Relation;
import dev.modelops.core.util.Json;
import dev.modelops.ml.ModelVersions;
import dev.modelops.ml.OnnxModels;
import dev.modelops.ml.TaskKind;
import dev.modelops.ml.TribuoData;
import dev.modelops.steps.onnx.OnnxQuantizer;
import dev.modelops.steps.onnx.OnnxScorer;
import dev.modelops.steps.robustness.DenseData;
import dev.modelops.steps.robustness.TribuoScoreFunction;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.tribuo.Model;
import org.tribuo.MutableDataset;
import org.tribuo.ONNXExportable;
import org.tribuo.classification.Label;

/**
 * Exports a Tribuo classifier to ONNX, quantizes its weights (int8 or float16), scores both graphs
 * with ONNX Runtime against Tribuo's own predictions on the test rows, and records the ONNX
 * versions (variants {@code onnx-float32} and {@code onnx-int8}/{@code onnx-float16}, DERIVED_FROM
 * the source version). A quantized graph that loses more accuracy than {@code max_accuracy_loss}
 * is refused: the task fails with the numbers and nothing is recorded. When quantization changes
 * nothing (every tensor too small to gain from int8, as a model with a handful of features has),
 * the summary and the {@code compression} attribute say "nothing quantized" and why, and only the
 * float32 version is recorded, as the result.
 */
public final class CompressModel implements Step {
    static final String ONNX_DOMAIN = "dev.modelops";

    @Override
    @SuppressWarnings("unchecked")
    public StepResult run(StepContext ctx) throws Exception {
        Params params = new Params(ctx);
        params.choice("format", "onnx", List.of("onnx"));
        String quantize = params.choice("quantize", "int8", List.of("int8", "float16", "none"));
        double maxLoss = params.number("max_accuracy_loss", 1.0, 0, 1);
        int bits = params.integer("bits", 8, 2, 8);
        Entity source = ModelVersions.resolve(ctx);
        if (!DerivedModels.format(source).equals("tribuo-protobuf")) {
            return StepResult.failed(source.label() + " is already an " + DerivedModels.format(source)
                    + " model; compressModel exports Tribuo models").build();
        }
        if (ModelVersions.kind(source) != TaskKind.CLASSIFICATION) {
            return StepResult.failed(source.label() + " is a regression model; compressModel compares class "
                    + "predictions and supports classifiers").build();
        }
        Model<Label> model = (Model<Label>) ModelVersions.load(ctx.run().artifacts(), source);
        if (!(model instanceof ONNXExportable exportable)) {
            return StepResult.failed(source.label() + " (" + source.attributes().get("trainer") + ", "
                    + model.getClass().getSimpleName() + ") cannot be exported to ONNX by Tribuo; linear and "
                    + "factorization-machine models can (trainer logistic-regression)").build();
        }
        LoadedDataset data = ctx.loadDataset();
        Entity dataset = DatasetRecords.record(ctx.run().lineage(), data);
        Split split = TrainingRows.split(ctx, data);
        MutableDataset<Label> test = (MutableDataset<Label>) TribuoData.dataset(data, ctx.model(),
                TaskKind.CLASSIFICATION, split.test(), "test");
        DenseData rows = DenseData.of(model, test);
        TribuoScoreFunction tribuo = new TribuoScoreFunction(model);
        int[] reference = tribuo.predict(rows.rows());
        double sourceAccuracy = DenseData.accuracyOf(reference, rows.labels());

        ctx.progress().update("exporting " + source.label() + " to ONNX", 0.2);
        OnnxMl.ModelProto float32 = exportable.exportONNXModel(ONNX_DOMAIN, source.version());
        Scored exported = score(float32.toByteArray(), tribuo, rows, reference);

        OnnxQuantizer.Result quantized = switch (quantize) {
            case "int8" -> OnnxQuantizer.int8(float32, bits);
            case "float16" -> OnnxQuantizer.float16(float32);
            default -> null;
        };
        String nothingQuantized = quantized == null ? null : nothingQuantized(quantized);
        if (nothingQuantized != null) {
            // an "onnx-int8" version holding the float32 graph would misname what was recorded
            quantized = null;
        }
        ctx.progress().update("scoring the " + quantize + " graph with ONNX Runtime", 0.6);
        Scored compressed = quantized == null ? exported : score(quantized.model().toByteArray(), tribuo, rows, reference);

        long sourceBytes = ctx.run().artifacts().find(source.contentHash()).orElseThrow().size();
        double loss = sourceAccuracy - compressed.accuracy();
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("source", source.label());
        report.put("quantize", quantize);
        if (quantize.equals("int8")) {
            report.put("bits", bits);
        }
        report.put("testRows", rows.size());
        report.put("tribuoBytes", sourceBytes);
        report.put("tribuoAccuracy", sourceAccuracy);
        report.put("onnxFloat32Bytes", exported.bytes().length);
        report.put("onnxFloat32WeightBytes", OnnxQuantizer.initializerBytes(float32));
        report.put("onnxFloat32Accuracy", exported.accuracy());
        report.put("onnxFloat32Agreement", exported.agreement());
        report.put("compressedBytes", compressed.bytes().length);
        report.put("compressedWeightBytes", OnnxQuantizer.initializerBytes(quantized == null ? float32 : quantized.model()));
        report.put("compressedAccuracy", compressed.accuracy());
        report.put("compressedAgreement", compressed.agreement());
        report.put("sizeRatio", (double) compressed.bytes().length / exported.bytes().length);
        report.put("weightSizeRatio", (double) (long) report.get("compressedWeightBytes")
                / OnnxQuantizer.initializerBytes(float32));
        report.put("accuracyDelta", compressed.accuracy() - sourceAccuracy);
        report.put("maxAccuracyLoss", maxLoss);
        if (quantized != null) {
            report.put("tensors", quantized.tensors());
        }
        if (nothingQuantized != null) {
            report.put("nothingQuantized", nothingQuantized);
        }
        Json.write(ctx.workDir().resolve("compression.json"), report);

        String summary = nothingQuantized != null
                ? String.format(Locale.ROOT, "%s: ONNX float32 %s, agrees with Tribuo on %d/%d test rows, accuracy %.4f; "
                        + "%s: %s; the result is the float32 graph", source.label(),
                kb(exported.bytes().length), exported.agreed(), rows.size(), exported.accuracy(), quantize,
                nothingQuantized)
                : String.format(Locale.ROOT, "%s: ONNX float32 %s, agrees with Tribuo on %d/%d test rows, "
                        + "accuracy %.4f; %s %s (size ratio %.3f, weights %.3f), accuracy %.4f (delta %+.4f)",
                source.label(), kb(exported.bytes().length), exported.agreed(), rows.size(), exported.accuracy(),
                quantize.equals("none") ? "no quantization" : quantize, kb(compressed.bytes().length),
                (double) report.get("sizeRatio"), (double) report.get("weightSizeRatio"), compressed.accuracy(),
                compressed.accuracy() - sourceAccuracy);
        if (loss > maxLoss + 1e-12) {
            return StepResult.failed(String.format(Locale.ROOT, "refused: %s loses %.4f accuracy (%.4f -> %.4f), more "
                            + "than max_accuracy_loss %.4f; nothing recorded. %s", quantize, loss, sourceAccuracy,
                            compressed.accuracy(), maxLoss, summary))
                    .metric("compression.accuracy_delta", compressed.accuracy() - sourceAccuracy)
                    .used(source.id())
                    .build();
        }

        ArtifactRef float32Artifact = ctx.run().artifacts().put(exported.bytes());
        Entity float32Record = ctx.run().lineage().record(onnxRecord(ctx, source, "onnx-float32", float32Artifact,
                model, exported, sourceAccuracy).attribute("compression", nothingQuantized != null ? report
                        : Map.of("quantize", "none")).build());
        Entity result = float32Record;
        if (quantized != null) {
            ArtifactRef q = ctx.run().artifacts().put(compressed.bytes());
            result = ctx.run().lineage().record(onnxRecord(ctx, source, "onnx-" + quantize, q, model, compressed,
                    sourceAccuracy).attribute("compression", report).build());
        }
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put("accuracy", compressed.accuracy());
        metrics.put("compression.size_ratio", (double) report.get("sizeRatio"));
        metrics.put("compression.accuracy_delta", compressed.accuracy() - sourceAccuracy);
        metrics.put("compression.agreement", compressed.agreement());
        metrics.put("test_rows", (double) rows.size());
        Entity metricsRecord = ctx.run().lineage().record(LineageRecord.builder(EntityKind.METRICS, source.name())
                .attribute("metrics", metrics)
                .attribute("model", result.label())
                .attribute("split", split.description())
                .attribute("datasetSha256", data.sha256())
                .attribute("runId", ctx.run().info().runId())
                .attribute("measuredBy", "compressModel (ONNX Runtime)")
                .edge(Relation.EVALUATED, result.id())
                .edge(Relation.USED, dataset.id())
                .build());
        return StepResult.succeeded(summary + " -> " + result.label())
                .output(ModelVersions.MODEL_ID, result.id())
                .output("model.name", result.name())
                .output("model.version", result.version())
                .output("model.sha256", result.contentHash())
                .output("onnx.float32.id", float32Record.id())
                .metric("tribuo.accuracy", sourceAccuracy)
                .metric("onnx_float32.accuracy", exported.accuracy())
                .metric("onnx_float32.agreement", exported.agreement())
                .metric("tribuo.bytes", sourceBytes)
                .metric("onnx_float32.bytes", exported.bytes().length)
                .metric("compressed.bytes", compressed.bytes().length)
                .metrics(metrics)
                .used(source.id())
                .used(dataset.id())
                .produced(float32Record.id())
                .produced(result.id())
                .produced(metricsRecord.id())
                .build();
    }

    /**
     * Why quantization changed nothing, or null when it quantized at least one tensor: e.g.
     * {@code nothing quantized: every weight tensor stays float32 (W [8, 2]: kept float32 ... )}.
     */
    static String nothingQuantized(OnnxQuantizer.Result quantized) {
        boolean any = quantized.tensors().values().stream().anyMatch(d -> !d.startsWith("kept"));
        if (any) {
            return null;
        }
        List<String> why = new java.util.ArrayList<>();
        quantized.tensors().forEach((name, d) -> why.add(name + " " + d.replaceFirst("^kept float32 ", "")));
        return "nothing quantized, every weight tensor stays float32"
                + (why.isEmpty() ? " (the graph has none)" : " (" + String.join("; ", why) + ")");
    }

    private static LineageRecord.Builder onnxRecord(StepContext ctx, Entity source, String variant, ArtifactRef artifact,
                                                    Model<Label> model, Scored scored, double sourceAccuracy) {
        TribuoScoreFunction names = new TribuoScoreFunction(model);
        Map<String, Object> featureIds = new LinkedHashMap<>();
        String[] features = names.featureNames();
        for (int i = 0; i < features.length; i++) {
            featureIds.put(features[i], i);
        }
        Map<String, Object> outputIds = new LinkedHashMap<>();
        Label[] labels = names.labels();
        for (int i = 0; i < labels.length; i++) {
            outputIds.put(labels[i].getLabel(), i);
        }
        return DerivedModels.builder(ctx, source, variant, artifact.sha256(), artifact.size(), OnnxModels.FORMAT)
                .attribute("onnxInput", "input")
                .attribute("onnxOutput", "output")
                .attribute("featureIds", featureIds)
                .attribute("outputIds", outputIds)
                .attribute("accuracy", scored.accuracy())
                .attribute("sourceAccuracy", sourceAccuracy)
                .attribute("agreementWithSource", scored.agreement());
    }

    /** A graph's bytes and how it scored on the test rows. */
    record Scored(byte[] bytes, double accuracy, int agreed, double agreement) {
    }

    static Scored score(byte[] graph, TribuoScoreFunction tribuo, DenseData rows, int[] reference) {
        try (OnnxScorer scorer = new OnnxScorer(graph, "input", tribuo.dimensions(), tribuo.classes())) {
            int[] predicted = scorer.predict(rows.rows());
            int agreed = 0;
            for (int i = 0; i < predicted.length; i++) {
                if (predicted[i] == reference[i]) {
                    agreed++;
                }
            }
            return new Scored(graph, DenseData.accuracyOf(predicted, rows.labels()), agreed,
                    rows.size() == 0 ? Double.NaN : (double) agreed / rows.size());
        }
    }

    private static String kb(long bytes) {
        return String.format(Locale.ROOT, "%.1f KB", bytes / 1024.0);
    }
}

package dev.modelops.steps.onnx;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import dev.modelops.core.InputError;
import dev.modelops.core.artifact.ArtifactRef;
import dev.modelops.core.artifact.ArtifactStore;
import dev.modelops.core.lineage.Entity;
import dev.modelops.core.lineage.EntityKind;
import dev.modelops.core.lineage.LineageRecord;
import dev.modelops.core.lineage.LineageStore;
import dev.modelops.core.spec.ColumnSpec;
import dev.modelops.core.spec.DatasetSpec;
import dev.modelops.core.spec.ModelOpsSpec;
import dev.modelops.core.spec.ModelSpec;
import dev.modelops.ml.OnnxModels;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Brings a classifier trained elsewhere (PyTorch, scikit-learn, ...) into lineage as a version of
 * a declared model, from its ONNX file. The graph must take one float tensor {@code [N, features]}
 * in the order of the model's {@code features} (numeric columns) and give, as its first output, a
 * float tensor {@code [N, classes]} of class scores in the order of {@code classes} (by default the
 * label column's declared values). The file is checked with ONNX Runtime before it is recorded;
 * afterwards evaluateModel, gates and deployModel use it through Tribuo's ONNXExternalModel.
 */
public final class OnnxImport {
    private OnnxImport() {
    }

    /**
     * @param spec the loaded spec
     * @param modelName the declared model it is a version of
     * @param file the ONNX file
     * @param classes class names in output order, or null for the label's declared values
     * @param inputName the graph input, or null for its only input
     */
    public static Entity importModel(ModelOpsSpec spec, String modelName, Path file, List<String> classes, String inputName,
                                     ArtifactStore artifacts, LineageStore lineage) {
        return importModel(spec, modelName, file, null, classes, inputName, artifacts, lineage);
    }

    /**
     * @param inputOrder the model's features in the order of the graph's input columns, or null for
     *                   the order the spec lists them in
     */
    public static Entity importModel(ModelOpsSpec spec, String modelName, Path file, List<String> inputOrder,
                                     List<String> classes, String inputName, ArtifactStore artifacts,
                                     LineageStore lineage) {
        ModelSpec model = spec.models().get(modelName);
        if (model == null) {
            throw new InputError("--model " + modelName, "unknown; known: " + String.join(", ", spec.models().keySet()));
        }
        if (!Files.isRegularFile(file)) {
            throw new InputError("--onnx " + file, "file not found");
        }
        DatasetSpec data = spec.datasets().get(model.dataset());
        List<String> order = inputOrder == null || inputOrder.isEmpty() ? model.features() : inputOrder;
        if (!new java.util.HashSet<>(order).equals(new java.util.HashSet<>(model.features())) || order.size() != model.features().size()) {
            throw new InputError("--features", "must list each of the model's " + model.features().size()
                    + " features exactly once (in the graph's input order)");
        }
        for (String f : model.features()) {
            ColumnSpec c = data.schema().get(f);
            if (c == null || !c.type().isNumeric()) {
                throw new InputError(spec.placeOf("models." + modelName + ".features"), "feature '" + f
                        + "' is not numeric; an imported ONNX model takes one numeric input column per feature");
            }
        }
        List<String> names = classes;
        if (names == null || names.isEmpty()) {
            ColumnSpec label = data.schema().get(model.label());
            names = label == null ? List.of() : label.values();
            if (names.isEmpty()) {
                throw new InputError("--classes", "the label '" + model.label()
                        + "' declares no values; give the class order of the graph's output with --classes");
            }
        }
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new InputError("--onnx " + file, "cannot read: " + e.getMessage());
        }
        String input = check(file, bytes, inputName, order.size(), names.size());
        ArtifactRef artifact = artifacts.put(bytes);
        Map<String, Object> featureIds = new LinkedHashMap<>();
        for (int i = 0; i < order.size(); i++) {
            featureIds.put(order.get(i), i);
        }
        Map<String, Object> outputIds = new LinkedHashMap<>();
        for (int i = 0; i < names.size(); i++) {
            outputIds.put(names.get(i), i);
        }
        return lineage.record(LineageRecord.builder(EntityKind.MODEL, modelName)
                .contentHash(artifact.sha256())
                .attribute("kind", "CLASSIFICATION")
                .attribute("trainer", "external")
                .attribute("variant", "imported-onnx")
                .attribute("format", OnnxModels.FORMAT)
                .attribute("features", model.features())
                .attribute("label", model.label())
                .attribute("positiveClass", model.positiveClass())
                .attribute("featureIds", featureIds)
                .attribute("outputIds", outputIds)
                .attribute("onnxInput", input)
                .attribute("importedFrom", file.toAbsolutePath().normalize().toString())
                .attribute("importedAt", Instant.now().toString())
                .attribute("artifactBytes", artifact.size())
                .build());
    }

    /** Opens the graph with ONNX Runtime and checks its input and output shapes; returns the input name. */
    static String check(Path file, byte[] bytes, String inputName, int features, int classes) {
        String place = "--onnx " + file;
        try (OrtSession session = OrtEnvironment.getEnvironment().createSession(bytes, new OrtSession.SessionOptions())) {
            Map<String, NodeInfo> inputs = session.getInputInfo();
            String input = inputName;
            if (input == null) {
                if (inputs.size() != 1) {
                    throw new InputError(place, "the graph has inputs " + inputs.keySet() + "; name one with --input");
                }
                input = inputs.keySet().iterator().next();
            } else if (!inputs.containsKey(input)) {
                throw new InputError("--input " + input, "not an input of the graph; inputs: " + inputs.keySet());
            }
            long[] in = shape(inputs.get(input), place, "input " + input);
            if (in.length != 2 || (in[1] > 0 && in[1] != features)) {
                throw new InputError(place, "input " + input + " has shape " + java.util.Arrays.toString(in)
                        + "; expected [N, " + features + "] (one column per feature of the model)");
            }
            NodeInfo first = session.getOutputInfo().values().iterator().next();
            long[] out = shape(first, place, "output " + first.getName());
            if (out.length != 2 || (out[1] > 0 && out[1] != classes)) {
                throw new InputError(place, "first output " + first.getName() + " has shape " + java.util.Arrays.toString(out)
                        + "; expected [N, " + classes + "] class scores");
            }
            return input;
        } catch (OrtException e) {
            throw new InputError(place, "not a model ONNX Runtime can load: " + e.getMessage());
        }
    }

    private static long[] shape(NodeInfo node, String place, String what) {
        if (!(node.getInfo() instanceof TensorInfo t)) {
            throw new InputError(place, what + " is not a tensor (" + node.getInfo() + "); expected a float tensor");
        }
        if (t.type != ai.onnxruntime.OnnxJavaType.FLOAT) {
            throw new InputError(place, what + " holds " + t.type + "; expected FLOAT");
        }
        return t.getShape();
    }
}

package dev.modelops.ml;

import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.modelops.core.InputError;
import dev.modelops.core.lineage.Entity;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.tribuo.Model;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.interop.onnx.DenseTransformer;
import org.tribuo.interop.onnx.LabelTransformer;
import org.tribuo.interop.onnx.ONNXExternalModel;

/**
 * ONNX model versions (exported and quantized by compressModel, or trained elsewhere and imported)
 * as Tribuo models, through Tribuo's {@link ONNXExternalModel}: so evaluation, gates and the model
 * server treat them like any other version. The feature and class order the ONNX graph expects is
 * part of the MODEL record ({@code featureIds}: feature name to input column, {@code outputIds}:
 * class to output column, {@code onnxInput}: the input's name).
 */
public final class OnnxModels {
    public static final String FORMAT = "onnx";

    private OnnxModels() {
    }

    public static boolean isOnnx(Entity model) {
        return FORMAT.equals(model.attributes().get("format"));
    }

    /** Opens the ONNX file of a model version; the caller closes the model when done with it. */
    public static ONNXExternalModel<Label> load(Path file, Entity model) {
        Map<String, Integer> features = ids(model, "featureIds");
        Map<Label, Integer> outputs = new HashMap<>();
        ids(model, "outputIds").forEach((label, id) -> outputs.put(new Label(label), id));
        Object input = model.attributes().getOrDefault("onnxInput", "input");
        try {
            return ONNXExternalModel.createOnnxModel(new LabelFactory(), features, outputs, new DenseTransformer(),
                    new LabelTransformer(true), new OrtSession.SessionOptions(), file, String.valueOf(input));
        } catch (OrtException | RuntimeException e) {
            throw new InputError(model.label(), "cannot open ONNX model " + file + ": " + e.getMessage());
        }
    }

    private static Map<String, Integer> ids(Entity model, String attribute) {
        if (!(model.attributes().get(attribute) instanceof Map<?, ?> m) || m.isEmpty()) {
            throw new InputError(model.label(), "ONNX model version has no '" + attribute
                    + "' attribute (feature/class order of the graph); it cannot be scored");
        }
        Map<String, Integer> out = new HashMap<>();
        m.forEach((k, v) -> out.put(String.valueOf(k), ((Number) v).intValue()));
        return out;
    }

    /** Loads either format: Tribuo protobuf or ONNX. */
    static Model<?> loadAny(Path file, Entity model) {
        return isOnnx(model) ? load(file, model) : ModelFiles.load(file);
    }
}

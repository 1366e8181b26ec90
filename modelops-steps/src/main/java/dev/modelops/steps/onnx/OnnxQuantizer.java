package dev.modelops.steps.onnx;

import ai.onnx.proto.OnnxMl;
import com.google.protobuf.ByteString;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Post-training weight quantization by rewriting an ONNX graph's initializers, so any ONNX runtime
 * runs the result with standard operators:
 * <ul>
 * <li>{@code float16}: every float initializer is stored as FLOAT16 and a {@code Cast} back to
 * float restores the original name, so the arithmetic stays float32 and the file halves;</li>
 * <li>{@code int8}: every float initializer with at least {@link #MIN_INT8_ELEMENTS} elements
 * (weights; biases stay float) is stored as INT8 with an asymmetric scale and zero point per
 * output column (per tensor for vectors), and a {@code DequantizeLinear} restores it.</li>
 * </ul>
 * Scale and zero point: {@code scale = (max - min) / 255} over a range that includes 0, and
 * {@code zero_point = round(-128 - min / scale)}, so 0 is exact and {@code x ~ (q - zp) * scale}.
 * With {@code bits < 8} the same INT8 storage holds a coarser grid of {@code 2^bits} levels
 * (the file does not shrink further); it shows what lower precision would cost.
 */
public final class OnnxQuantizer {
    public static final int MIN_INT8_ELEMENTS = 16;
    private static final int FLOAT = OnnxMl.TensorProto.DataType.FLOAT_VALUE;

    private OnnxQuantizer() {
    }

    /**
     * A quantized graph.
     *
     * @param model the rewritten model
     * @param tensors what happened to each initializer (name to description), for lineage
     */
    public record Result(OnnxMl.ModelProto model, Map<String, String> tensors) {
    }

    public static Result float16(OnnxMl.ModelProto model) {
        OnnxMl.GraphProto graph = model.getGraph();
        OnnxMl.GraphProto.Builder g = graph.toBuilder().clearInitializer();
        List<OnnxMl.NodeProto> casts = new ArrayList<>();
        Map<String, String> tensors = new LinkedHashMap<>();
        for (OnnxMl.TensorProto t : graph.getInitializerList()) {
            if (t.getDataType() != FLOAT) {
                g.addInitializer(t);
                continue;
            }
            float[] values = floats(t);
            ByteBuffer buf = ByteBuffer.allocate(values.length * 2).order(ByteOrder.LITTLE_ENDIAN);
            for (float v : values) {
                buf.putShort(Float16.fromFloat(v));
            }
            String stored = t.getName() + "_float16";
            g.addInitializer(OnnxMl.TensorProto.newBuilder().setName(stored).addAllDims(t.getDimsList())
                    .setDataType(OnnxMl.TensorProto.DataType.FLOAT16_VALUE).setRawData(ByteString.copyFrom(buf.array())));
            casts.add(OnnxMl.NodeProto.newBuilder().setOpType("Cast").setName(t.getName() + "_cast")
                    .addInput(stored).addOutput(t.getName())
                    .addAttribute(OnnxMl.AttributeProto.newBuilder().setName("to")
                            .setType(OnnxMl.AttributeProto.AttributeType.INT).setI(FLOAT))
                    .build());
            tensors.put(t.getName(), "float16 " + t.getDimsList());
        }
        prepend(g, casts);
        return new Result(model.toBuilder().setGraph(g).build(), tensors);
    }

    public static Result int8(OnnxMl.ModelProto model) {
        return int8(model, 8);
    }

    /** Integer quantization on a grid of {@code 2^bits} levels (2..8) stored as INT8. */
    public static Result int8(OnnxMl.ModelProto model, int bits) {
        if (bits < 2 || bits > 8) {
            throw new IllegalArgumentException("bits must be between 2 and 8, got " + bits);
        }
        int qmin = -(1 << (bits - 1));
        int qmax = (1 << (bits - 1)) - 1;
        long opset = model.getOpsetImportList().stream().filter(o -> o.getDomain().isEmpty())
                .mapToLong(OnnxMl.OperatorSetIdProto::getVersion).max().orElse(0);
        OnnxMl.GraphProto graph = model.getGraph();
        OnnxMl.GraphProto.Builder g = graph.toBuilder().clearInitializer();
        List<OnnxMl.NodeProto> dequantize = new ArrayList<>();
        Map<String, String> tensors = new LinkedHashMap<>();
        for (OnnxMl.TensorProto t : graph.getInitializerList()) {
            float[] values = t.getDataType() == FLOAT ? floats(t) : null;
            if (values == null || values.length < MIN_INT8_ELEMENTS) {
                g.addInitializer(t);
                if (values != null) {
                    tensors.put(t.getName(), "kept float32 " + t.getDimsList() + " (fewer than " + MIN_INT8_ELEMENTS + " values)");
                }
                continue;
            }
            // per output column for a matrix (opset 13 supports the axis attribute), per tensor otherwise
            boolean perColumn = t.getDimsCount() == 2 && opset >= 13;
            int columns = perColumn ? (int) t.getDims(1) : 1;
            float[] min = new float[columns];
            float[] max = new float[columns];
            for (int i = 0; i < values.length; i++) {
                int c = i % columns;
                min[c] = Math.min(min[c], values[i]);
                max[c] = Math.max(max[c], values[i]);
            }
            float[] scale = new float[columns];
            byte[] zero = new byte[columns];
            for (int c = 0; c < columns; c++) {
                float range = max[c] - min[c];
                scale[c] = range > 0 ? range / (qmax - qmin) : 1f;
                zero[c] = (byte) clamp(Math.round(qmin - min[c] / scale[c]), qmin, qmax);
            }
            byte[] q = new byte[values.length];
            for (int i = 0; i < values.length; i++) {
                int c = i % columns;
                q[i] = (byte) clamp(Math.round(values[i] / scale[c]) + zero[c], qmin, qmax);
            }
            String name = t.getName();
            OnnxMl.TensorProto quantized = OnnxMl.TensorProto.newBuilder().setName(name + "_quantized")
                    .addAllDims(t.getDimsList()).setDataType(OnnxMl.TensorProto.DataType.INT8_VALUE)
                    .setRawData(ByteString.copyFrom(q)).build();
            ByteBuffer s = ByteBuffer.allocate(4 * columns).order(ByteOrder.LITTLE_ENDIAN);
            for (float v : scale) {
                s.putFloat(v);
            }
            OnnxMl.TensorProto.Builder scaleTensor = OnnxMl.TensorProto.newBuilder().setName(name + "_scale")
                    .setDataType(FLOAT).setRawData(ByteString.copyFrom(s.array()));
            OnnxMl.TensorProto.Builder zeroTensor = OnnxMl.TensorProto.newBuilder().setName(name + "_zero_point")
                    .setDataType(OnnxMl.TensorProto.DataType.INT8_VALUE).setRawData(ByteString.copyFrom(zero));
            if (perColumn) {
                scaleTensor.addDims(columns);
                zeroTensor.addDims(columns);
            }
            long size = quantized.getSerializedSize() + scaleTensor.build().getSerializedSize()
                    + zeroTensor.build().getSerializedSize();
            if (size >= t.getSerializedSize()) {
                g.addInitializer(t);
                tensors.put(name, "kept float32 " + t.getDimsList() + " (int8 with its scales would not be smaller)");
                continue;
            }
            g.addInitializer(quantized);
            g.addInitializer(scaleTensor);
            g.addInitializer(zeroTensor);
            OnnxMl.NodeProto.Builder node = OnnxMl.NodeProto.newBuilder().setOpType("DequantizeLinear")
                    .setName(name + "_dequantize").addInput(name + "_quantized").addInput(name + "_scale")
                    .addInput(name + "_zero_point").addOutput(name);
            if (perColumn) {
                node.addAttribute(OnnxMl.AttributeProto.newBuilder().setName("axis")
                        .setType(OnnxMl.AttributeProto.AttributeType.INT).setI(1));
            }
            dequantize.add(node.build());
            tensors.put(name, "int8 " + t.getDimsList() + (bits < 8 ? " on a " + bits + "-bit grid" : "")
                    + (perColumn ? ", scale and zero point per column" : ", per tensor"));
        }
        prepend(g, dequantize);
        return new Result(model.toBuilder().setGraph(g).build(), tensors);
    }

    private static int clamp(int v, int min, int max) {
        return Math.max(min, Math.min(max, v));
    }

    private static void prepend(OnnxMl.GraphProto.Builder g, List<OnnxMl.NodeProto> nodes) {
        List<OnnxMl.NodeProto> all = new ArrayList<>(nodes);
        all.addAll(g.getNodeList());
        g.clearNode().addAllNode(all);
    }

    /** The values of a FLOAT initializer, from raw little-endian bytes or the float_data field. */
    static float[] floats(OnnxMl.TensorProto t) {
        if (!t.getRawData().isEmpty()) {
            ByteBuffer b = t.getRawData().asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
            float[] out = new float[b.remaining() / 4];
            for (int i = 0; i < out.length; i++) {
                out[i] = b.getFloat();
            }
            return out;
        }
        float[] out = new float[t.getFloatDataCount()];
        for (int i = 0; i < out.length; i++) {
            out[i] = t.getFloatData(i);
        }
        return out;
    }

    /** Bytes of the graph's weights (initializers), the part quantization shrinks. */
    public static long initializerBytes(OnnxMl.ModelProto model) {
        return model.getGraph().getInitializerList().stream().mapToLong(OnnxMl.TensorProto::getSerializedSize).sum();
    }
}

package dev.modelops.steps.onnx;

import static org.assertj.core.api.Assertions.assertThat;

import ai.onnx.proto.OnnxMl;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Random;
import org.junit.jupiter.api.Test;

class OnnxQuantizerTest {
    @Test
    void float16RoundTripsWithinHalfPrecision() {
        Random r = new Random(1);
        for (int i = 0; i < 10_000; i++) {
            float v = (float) (r.nextGaussian() * Math.pow(10, r.nextInt(8) - 4));
            float back = Float16.toFloat(Float16.fromFloat(v));
            if (Math.abs(v) > 6.2e-5) {
                assertThat(Math.abs(back - v)).as("%s", v).isLessThanOrEqualTo(Math.abs(v) / 1024);
            } else {
                assertThat(Math.abs(back - v)).isLessThanOrEqualTo(6e-8f);
            }
        }
        assertThat(Float16.toFloat(Float16.fromFloat(1e6f))).isInfinite();
        assertThat(Float16.toFloat(Float16.fromFloat(-2.5f))).isEqualTo(-2.5f);
        assertThat(Float16.fromFloat(1.0f)).isEqualTo((short) 0x3c00);
    }

    /** A y = x W graph with a 40x3 weight matrix, dequantized by hand from the rewritten initializers. */
    @Test
    void int8StoresEachColumnWithScaleAndZeroPointWithinHalfAStep() {
        float[] w = new float[120];
        Random r = new Random(2);
        for (int i = 0; i < w.length; i++) {
            w[i] = (float) (r.nextGaussian() * (1 + i % 3 * 10));
        }
        ByteBuffer raw = ByteBuffer.allocate(480).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : w) {
            raw.putFloat(v);
        }
        OnnxMl.ModelProto model = OnnxMl.ModelProto.newBuilder()
                .addOpsetImport(OnnxMl.OperatorSetIdProto.newBuilder().setVersion(13))
                .setGraph(OnnxMl.GraphProto.newBuilder()
                        .addInitializer(OnnxMl.TensorProto.newBuilder().setName("W").addDims(40).addDims(3)
                                .setDataType(1).setRawData(com.google.protobuf.ByteString.copyFrom(raw.array())))
                        .addNode(OnnxMl.NodeProto.newBuilder().setOpType("MatMul").addInput("x").addInput("W").addOutput("y")))
                .build();
        OnnxQuantizer.Result q = OnnxQuantizer.int8(model);
        OnnxMl.GraphProto g = q.model().getGraph();
        assertThat(g.getNode(0).getOpType()).isEqualTo("DequantizeLinear");
        assertThat(g.getNode(0).getOutput(0)).isEqualTo("W");
        assertThat(g.getNode(1).getOpType()).isEqualTo("MatMul");
        OnnxMl.TensorProto data = g.getInitializerList().stream().filter(t -> t.getName().equals("W_quantized")).findFirst().orElseThrow();
        float[] scale = OnnxQuantizer.floats(g.getInitializerList().stream().filter(t -> t.getName().equals("W_scale")).findFirst().orElseThrow());
        byte[] zero = g.getInitializerList().stream().filter(t -> t.getName().equals("W_zero_point")).findFirst().orElseThrow()
                .getRawData().toByteArray();
        assertThat(data.getDataType()).isEqualTo(OnnxMl.TensorProto.DataType.INT8_VALUE);
        assertThat(scale).hasSize(3);
        byte[] qs = data.getRawData().toByteArray();
        for (int i = 0; i < w.length; i++) {
            int c = i % 3;
            float restored = (qs[i] - zero[c]) * scale[c];
            assertThat(Math.abs(restored - w[i])).isLessThanOrEqualTo(scale[c] / 2 + 1e-6f);
        }
        assertThat(OnnxQuantizer.initializerBytes(q.model())).isLessThan((long) (OnnxQuantizer.initializerBytes(model) * 0.4));
    }

    @Test
    void aTensorThatWouldNotShrinkStaysFloat() {
        ByteBuffer raw = ByteBuffer.allocate(64).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < 16; i++) {
            raw.putFloat(i * 0.1f);
        }
        OnnxMl.ModelProto model = OnnxMl.ModelProto.newBuilder()
                .addOpsetImport(OnnxMl.OperatorSetIdProto.newBuilder().setVersion(13))
                .setGraph(OnnxMl.GraphProto.newBuilder()
                        .addInitializer(OnnxMl.TensorProto.newBuilder().setName("a_rather_long_weight_name").addDims(8).addDims(2)
                                .setDataType(1).setRawData(com.google.protobuf.ByteString.copyFrom(raw.array()))))
                .build();
        OnnxQuantizer.Result q = OnnxQuantizer.int8(model);
        assertThat(q.model().getGraph().getNodeCount()).isZero();
        assertThat(q.tensors().get("a_rather_long_weight_name")).startsWith("kept float32");
    }
}

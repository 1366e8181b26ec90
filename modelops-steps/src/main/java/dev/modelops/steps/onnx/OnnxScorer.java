package dev.modelops.steps.onnx;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.modelops.steps.robustness.ScoreFunction;
import java.nio.FloatBuffer;
import java.util.Map;

/**
 * An ONNX graph run by ONNX Runtime, as a {@link ScoreFunction}: a batch of dense vectors (model
 * feature-id order) goes in as one float tensor {@code [n, d]}, the first output
 * {@code [n, classes]} comes back. This is what compressModel scores exported and quantized graphs
 * with, independently of Tribuo.
 */
public final class OnnxScorer implements ScoreFunction, AutoCloseable {
    private final OrtEnvironment env;
    private final OrtSession session;
    private final String input;
    private final int dimensions;
    private final int classes;

    public OnnxScorer(byte[] model, String input, int dimensions, int classes) {
        try {
            this.env = OrtEnvironment.getEnvironment();
            this.session = env.createSession(model, new OrtSession.SessionOptions());
        } catch (OrtException e) {
            throw new IllegalStateException("ONNX Runtime cannot load the graph: " + e.getMessage(), e);
        }
        this.input = input;
        this.dimensions = dimensions;
        this.classes = classes;
    }

    @Override
    public int dimensions() {
        return dimensions;
    }

    @Override
    public int classes() {
        return classes;
    }

    @Override
    public double[][] scores(double[][] inputs) {
        int n = inputs.length;
        double[][] out = new double[n][];
        if (n == 0) {
            return out;
        }
        FloatBuffer buffer = FloatBuffer.allocate(n * dimensions);
        for (double[] x : inputs) {
            for (int i = 0; i < dimensions; i++) {
                buffer.put((float) x[i]);
            }
        }
        buffer.rewind();
        try (OnnxTensor tensor = OnnxTensor.createTensor(env, buffer, new long[] {n, dimensions});
             OrtSession.Result result = session.run(Map.of(input, tensor))) {
            float[][] scores = (float[][]) result.get(0).getValue();
            for (int r = 0; r < n; r++) {
                out[r] = new double[classes];
                for (int c = 0; c < classes; c++) {
                    out[r][c] = scores[r][c];
                }
            }
            return out;
        } catch (OrtException e) {
            throw new IllegalStateException("ONNX Runtime failed to score: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try {
            session.close();
        } catch (OrtException e) {
            throw new IllegalStateException(e);
        }
    }
}

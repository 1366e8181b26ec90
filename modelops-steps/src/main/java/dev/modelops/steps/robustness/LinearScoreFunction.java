package dev.modelops.steps.robustness;

import java.util.Optional;
import org.tribuo.Model;
import org.tribuo.classification.Label;
import org.tribuo.classification.sgd.linear.LinearSGDModel;
import org.tribuo.math.la.DenseMatrix;

/**
 * The closed form of a Tribuo linear classifier: {@code softmax(W x + b)} (or the raw scores when
 * the model does not normalise). Exact and about twenty times faster than going through Tribuo's
 * prediction objects, which matters for finite-difference gradients; it also gives the weights
 * the exact minimal-perturbation attack needs. {@link #of} checks the closed form against Tribuo
 * on probe points and declines when they disagree.
 */
public final class LinearScoreFunction implements ScoreFunction {
    private final double[][] weights;
    private final double[] bias;
    private final boolean softmax;

    LinearScoreFunction(double[][] weights, double[] bias, boolean softmax) {
        this.weights = weights;
        this.bias = bias;
        this.softmax = softmax;
    }

    /** The closed form of {@code model} when it is a linear SGD classifier whose scores it reproduces. */
    public static Optional<LinearScoreFunction> of(Model<Label> model) {
        if (!(model instanceof LinearSGDModel linear)) {
            return Optional.empty();
        }
        DenseMatrix w = linear.getWeightsCopy();
        int classes = model.getOutputIDInfo().size();
        int d = model.getFeatureIDMap().size();
        int cols = w.getDimension2Size();
        if (w.getDimension1Size() != classes || (cols != d && cols != d + 1)) {
            return Optional.empty();
        }
        double[][] weights = new double[classes][d];
        double[] bias = new double[classes];
        for (int c = 0; c < classes; c++) {
            for (int i = 0; i < d; i++) {
                weights[c][i] = w.get(c, i);
            }
            bias[c] = cols == d + 1 ? w.get(c, d) : 0;
        }
        TribuoScoreFunction reference = new TribuoScoreFunction(model);
        java.util.Random random = new java.util.Random(7);
        double[][] probes = new double[8][d];
        for (double[] p : probes) {
            for (int i = 0; i < d; i++) {
                p[i] = random.nextDouble();
            }
        }
        double[][] expected = reference.scores(probes);
        for (boolean softmax : new boolean[] {true, false}) {
            LinearScoreFunction candidate = new LinearScoreFunction(weights, bias, softmax);
            double[][] got = candidate.scores(probes);
            if (close(expected, got)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    private static boolean close(double[][] a, double[][] b) {
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < a[i].length; j++) {
                if (Math.abs(a[i][j] - b[i][j]) > 1e-6 * Math.max(1, Math.abs(a[i][j]))) {
                    return false;
                }
            }
        }
        return true;
    }

    @Override
    public int dimensions() {
        return weights[0].length;
    }

    @Override
    public int classes() {
        return weights.length;
    }

    /** Linear scores (logits) {@code W x + b}. */
    public double[] logits(double[] x) {
        double[] z = new double[weights.length];
        for (int c = 0; c < weights.length; c++) {
            double s = bias[c];
            double[] w = weights[c];
            for (int i = 0; i < w.length; i++) {
                s += w[i] * x[i];
            }
            z[c] = s;
        }
        return z;
    }

    /** The weight of class {@code c} on feature {@code i}. */
    public double weight(int c, int i) {
        return weights[c][i];
    }

    @Override
    public double[][] scores(double[][] inputs) {
        double[][] out = new double[inputs.length][];
        for (int n = 0; n < inputs.length; n++) {
            double[] z = logits(inputs[n]);
            if (softmax) {
                double max = Double.NEGATIVE_INFINITY;
                for (double v : z) {
                    max = Math.max(max, v);
                }
                double sum = 0;
                for (int c = 0; c < z.length; c++) {
                    z[c] = Math.exp(z[c] - max);
                    sum += z[c];
                }
                for (int c = 0; c < z.length; c++) {
                    z[c] /= sum;
                }
            }
            out[n] = z;
        }
        return out;
    }
}

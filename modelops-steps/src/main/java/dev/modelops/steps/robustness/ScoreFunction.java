package dev.modelops.steps.robustness;

/**
 * A classifier seen as a plain function from a dense feature vector (indexed by the model's
 * feature ids) to one score per class (indexed by output id). Attacks, CLEVER and adversarial
 * training only need this view, so they work on any model: a Tribuo model, an ONNX session, or
 * the closed form of a linear model. Implementations must be deterministic.
 */
public interface ScoreFunction {
    /** Length of an input vector. */
    int dimensions();

    /** Number of classes (length of a score vector). */
    int classes();

    /** Scores (class probabilities where the model has them) of each input row. */
    double[][] scores(double[][] inputs);

    /** Scores of one input. */
    default double[] scores(double[] input) {
        return scores(new double[][] {input})[0];
    }

    /** The index of the highest score (the predicted class id). */
    static int argmax(double[] scores) {
        int best = 0;
        for (int i = 1; i < scores.length; i++) {
            if (scores[i] > scores[best]) {
                best = i;
            }
        }
        return best;
    }

    /** Predicted class id of each input. */
    default int[] predict(double[][] inputs) {
        double[][] s = scores(inputs);
        int[] out = new int[s.length];
        for (int i = 0; i < s.length; i++) {
            out[i] = argmax(s[i]);
        }
        return out;
    }

    default int predict(double[] input) {
        return argmax(scores(input));
    }
}

package dev.modelops.steps.robustness;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.tribuo.ImmutableFeatureMap;
import org.tribuo.ImmutableOutputInfo;
import org.tribuo.Model;
import org.tribuo.Prediction;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.impl.ArrayExample;

/**
 * Any Tribuo classifier as a {@link ScoreFunction}: a dense vector becomes an example holding the
 * non-zero features by name, the model predicts, and the per-class scores are read back in
 * output-id order. Works for every Tribuo model, differentiable or not.
 */
public final class TribuoScoreFunction implements ScoreFunction {
    private final Model<Label> model;
    private final String[] names;
    private final Label[] labels;

    public TribuoScoreFunction(Model<Label> model) {
        this.model = model;
        ImmutableFeatureMap features = model.getFeatureIDMap();
        this.names = new String[features.size()];
        for (int id = 0; id < names.length; id++) {
            names[id] = features.get(id).getName();
        }
        ImmutableOutputInfo<Label> outputs = model.getOutputIDInfo();
        this.labels = new Label[outputs.size()];
        for (int id = 0; id < labels.length; id++) {
            labels[id] = outputs.getOutput(id);
        }
    }

    public Model<Label> model() {
        return model;
    }

    /** Feature names by id. */
    public String[] featureNames() {
        return names.clone();
    }

    /** Class labels by output id. */
    public Label[] labels() {
        return labels.clone();
    }

    @Override
    public int dimensions() {
        return names.length;
    }

    @Override
    public int classes() {
        return labels.length;
    }

    @Override
    public double[][] scores(double[][] inputs) {
        List<org.tribuo.Example<Label>> examples = new ArrayList<>(inputs.length);
        for (double[] x : inputs) {
            examples.add(example(x));
        }
        List<Prediction<Label>> predictions = model.predict(examples);
        double[][] out = new double[inputs.length][];
        for (int i = 0; i < inputs.length; i++) {
            out[i] = scoresOf(predictions.get(i));
        }
        return out;
    }

    /** An unlabelled example of a dense vector (zero features left out, as Tribuo treats them as absent). */
    public ArrayExample<Label> example(double[] x) {
        return example(x, LabelFactory.UNKNOWN_LABEL);
    }

    /**
     * A labelled example holding every feature, zeros included, as the training data from a table
     * does (Tribuo's minibatch SGD cannot mix dense and sparse examples in one batch).
     */
    public ArrayExample<Label> trainingExample(double[] x, Label label) {
        return new ArrayExample<>(label, names.clone(), x.clone());
    }

    public ArrayExample<Label> example(double[] x, Label label) {
        int n = 0;
        for (double v : x) {
            if (v != 0) {
                n++;
            }
        }
        String[] ns = new String[n];
        double[] vs = new double[n];
        int k = 0;
        for (int i = 0; i < x.length; i++) {
            if (x[i] != 0) {
                ns[k] = names[i];
                vs[k++] = x[i];
            }
        }
        return new ArrayExample<>(label, ns, vs);
    }

    private double[] scoresOf(Prediction<Label> p) {
        double[] s = new double[labels.length];
        Map<String, Label> scores = p.getOutputScores();
        if (scores.isEmpty()) {
            s[model.getOutputIDInfo().getID(p.getOutput())] = 1.0;
            return s;
        }
        for (int id = 0; id < labels.length; id++) {
            Label l = scores.get(labels[id].getLabel());
            s[id] = l == null ? 0 : l.getScore();
        }
        return s;
    }
}

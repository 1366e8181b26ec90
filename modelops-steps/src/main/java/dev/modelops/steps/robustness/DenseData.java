package dev.modelops.steps.robustness;

import java.util.ArrayList;
import java.util.List;
import org.tribuo.Dataset;
import org.tribuo.Example;
import org.tribuo.Feature;
import org.tribuo.ImmutableFeatureMap;
import org.tribuo.ImmutableOutputInfo;
import org.tribuo.Model;
import org.tribuo.classification.Label;

/**
 * Labelled examples as dense vectors in one model's feature-id order, with class ids in its
 * output-id order. Each model version has its own maps, so data is converted per model.
 *
 * @param rows raw vectors
 * @param labels class id of each row, -1 when the model never saw that class
 */
public record DenseData(double[][] rows, int[] labels) {

    public static DenseData of(Model<Label> model, Dataset<Label> data) {
        ImmutableFeatureMap features = model.getFeatureIDMap();
        ImmutableOutputInfo<Label> outputs = model.getOutputIDInfo();
        List<double[]> rows = new ArrayList<>(data.size());
        int[] labels = new int[data.size()];
        int n = 0;
        for (Example<Label> e : data) {
            rows.add(vector(features, e));
            labels[n++] = outputs.getID(e.getOutput());
        }
        return new DenseData(rows.toArray(new double[0][]), labels);
    }

    /** The dense vector of one example; features the model does not know are dropped. */
    public static double[] vector(ImmutableFeatureMap features, Example<?> example) {
        double[] x = new double[features.size()];
        for (Feature f : example) {
            int id = features.getID(f.getName());
            if (id >= 0) {
                x[id] = f.getValue();
            }
        }
        return x;
    }

    public int size() {
        return rows.length;
    }

    /** Share of rows the model classifies correctly. */
    public double accuracy(ScoreFunction model) {
        return accuracyOf(model.predict(rows), labels);
    }

    public static double accuracyOf(int[] predicted, int[] labels) {
        if (labels.length == 0) {
            return Double.NaN;
        }
        int correct = 0;
        for (int i = 0; i < labels.length; i++) {
            if (predicted[i] == labels[i]) {
                correct++;
            }
        }
        return (double) correct / labels.length;
    }
}

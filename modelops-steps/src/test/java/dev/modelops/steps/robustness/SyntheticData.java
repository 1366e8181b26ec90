package dev.modelops.steps.robustness;

import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.tribuo.Model;
import org.tribuo.MutableDataset;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.classification.sgd.linear.LinearSGDTrainer;
import org.tribuo.classification.sgd.objectives.LogMulticlass;
import org.tribuo.impl.ArrayExample;
import org.tribuo.math.optimisers.AdaGrad;
import org.tribuo.provenance.SimpleDataSourceProvenance;

/** Seeded Gaussian-blob classification data and a logistic regression trained on it. */
final class SyntheticData {
    private SyntheticData() {
    }

    static String[] names(int d) {
        String[] names = new String[d];
        for (int i = 0; i < d; i++) {
            names[i] = String.format("f%02d", i);
        }
        return names;
    }

    /** {@code classes} blobs in {@code d} dimensions, centres spread by {@code separation}. */
    static MutableDataset<Label> blobs(int n, int d, int classes, double separation, long seed) {
        Random centres = new Random(99);
        double[][] mu = new double[classes][d];
        for (double[] m : mu) {
            for (int i = 0; i < d; i++) {
                m[i] = centres.nextGaussian() * separation;
            }
        }
        Random r = new Random(seed);
        LabelFactory lf = new LabelFactory();
        MutableDataset<Label> ds = new MutableDataset<>(new SimpleDataSourceProvenance("blobs", lf), lf);
        String[] names = names(d);
        for (int k = 0; k < n; k++) {
            int c = k % classes;
            double[] x = new double[d];
            for (int i = 0; i < d; i++) {
                x[i] = mu[c][i] + r.nextGaussian();
            }
            ds.add(new ArrayExample<>(new Label("c" + c), names, x));
        }
        return ds;
    }

    static Model<Label> logistic(MutableDataset<Label> train) {
        return new LinearSGDTrainer(new LogMulticlass(), new AdaGrad(0.5, 0.1), 10, 1L).train(train);
    }

    static Set<String> allNames(int d) {
        return new TreeSet<>(java.util.List.of(names(d)));
    }

    static FeatureSpace space(Model<Label> model, DenseData train) {
        String[] names = new TribuoScoreFunction(model).featureNames();
        double[] nan = new double[names.length];
        java.util.Arrays.fill(nan, Double.NaN);
        return FeatureSpace.of(names, new TreeSet<>(java.util.List.of(names)), train.rows(), nan, nan);
    }
}

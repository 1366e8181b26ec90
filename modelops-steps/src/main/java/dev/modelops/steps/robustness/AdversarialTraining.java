package dev.modelops.steps.robustness;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Makes adversarial twins of training rows for adversarial training (Goodfellow et al. 2015,
 * Madry et al. 2018, in its single-step L2 form): each chosen row is moved by {@code epsilon}
 * (normalised L2) in the direction that most increases the model's log-odds of being wrong,
 * estimated by finite differences, and keeps its true label. Retraining on the rows plus their
 * twins flattens the model around the data. Where the gradient vanishes (piecewise-constant
 * models such as trees) the direction comes from a query-based attack instead.
 */
public final class AdversarialTraining {
    private final ScoreFunction model;
    private final FeatureSpace space;
    private final RobustnessSettings settings;
    private final Attack fallback;

    public AdversarialTraining(ScoreFunction model, FeatureSpace space, RobustnessSettings settings, Attack fallback) {
        this.model = model;
        this.space = space;
        this.settings = settings;
        this.fallback = fallback;
    }

    /** Adversarial twins of a seeded share ({@code augment}) of the rows, labels kept. */
    public DenseData twins(DenseData train) {
        Random random = new Random(settings.seed() * 131 + 5);
        List<double[]> rows = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        for (int i = 0; i < train.size(); i++) {
            int label = train.labels()[i];
            if (label < 0 || random.nextDouble() >= settings.augment()) {
                continue;
            }
            double[] x = train.rows()[i];
            double[] direction = direction(x, label);
            if (direction == null) {
                continue;
            }
            double[] delta = new double[direction.length];
            for (int k = 0; k < delta.length; k++) {
                delta[k] = direction[k] * settings.epsilon();
            }
            rows.add(space.move(x, delta));
            labels.add(label);
        }
        return new DenseData(rows.toArray(new double[0][]), labels.stream().mapToInt(Integer::intValue).toArray());
    }

    /** Unit direction (normalised space) that increases the log-odds of a wrong prediction. */
    double[] direction(double[] x, int label) {
        int d = space.size();
        if (d == 0) {
            return null;
        }
        double h = 1e-4;
        double[][] rows = new double[d + 1][];
        rows[0] = x;
        for (int k = 0; k < d; k++) {
            rows[k + 1] = space.nudge(x, k, h);
        }
        double[][] s = model.scores(rows);
        double base = wrongLogOdds(s[0], label);
        double[] g = new double[d];
        for (int k = 0; k < d; k++) {
            g[k] = (wrongLogOdds(s[k + 1], label) - base) / h;
        }
        double norm = FeatureSpace.norm(g);
        if (norm > 1e-12 && Double.isFinite(norm)) {
            for (int k = 0; k < d; k++) {
                g[k] /= norm;
            }
            return g;
        }
        Attack.Result r = fallback.attack(x, label);
        if (r.adversarial() == null || !(r.distance() > 0)) {
            return null;
        }
        double[] delta = space.delta(x, r.adversarial());
        double n = FeatureSpace.norm(delta);
        for (int k = 0; k < d; k++) {
            delta[k] /= n;
        }
        return delta;
    }

    /** {@code log(sum of wrong-class scores) - log(true-class score)}, computed without cancellation. */
    static double wrongLogOdds(double[] scores, int label) {
        double wrong = 0;
        for (int j = 0; j < scores.length; j++) {
            if (j != label) {
                wrong += Math.max(scores[j], 0);
            }
        }
        double tiny = 1e-300;
        return Math.log(wrong + tiny) - Math.log(Math.max(scores[label], 0) + tiny);
    }
}

package dev.modelops.steps.robustness;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Measures a classifier's robustness on labelled test rows: accuracy on clean inputs, under
 * Gaussian noise, and under an adversarial attack with budget epsilon (the exact minimal
 * perturbation for linear models, a HopSkipJump-style query attack otherwise), plus CLEVER
 * scores. The same settings and seed give the same report.
 */
public final class RobustnessAnalyzer {
    private final RobustnessSettings settings;

    public RobustnessAnalyzer(RobustnessSettings settings) {
        this.settings = settings;
    }

    /**
     * @param model the model as a score function
     * @param space its input space
     * @param test labelled test rows in the model's feature order
     * @param anchors raw rows the query attack may start from (training rows)
     */
    public RobustnessReport measure(ScoreFunction model, FeatureSpace space, DenseData test, List<double[]> anchors) {
        int[] predicted = model.predict(test.rows());
        double clean = DenseData.accuracyOf(predicted, test.labels());
        double noisy = noiseAccuracy(model, space, test);

        Attack attack = attack(model, space, anchors);
        int[] attacked = attack instanceof LinearAttack ? all(test.size()) : sample(test.size(), settings.points(), 1);
        double[] distances = new double[attacked.length];
        int robust = 0;
        long queries = 0;
        List<Double> found = new ArrayList<>();
        for (int n = 0; n < attacked.length; n++) {
            int i = attacked[n];
            if (predicted[i] != test.labels()[i]) {
                distances[n] = 0;
                continue;
            }
            Attack.Result r = attack.attack(test.rows()[i], test.labels()[i]);
            queries += r.queries();
            distances[n] = r.distance();
            if (r.distance() > settings.epsilon()) {
                robust++;
            }
            found.add(r.distance());
        }
        double adversarial = attacked.length == 0 ? Double.NaN : (double) robust / attacked.length;
        double[] finite = found.stream().mapToDouble(Double::doubleValue).filter(Double::isFinite).sorted().toArray();
        double median = finite.length == 0 ? Double.NaN : finite.length % 2 == 1 ? finite[finite.length / 2]
                : (finite[finite.length / 2 - 1] + finite[finite.length / 2]) / 2;
        double mean = Arrays.stream(finite).average().orElse(Double.NaN);

        int[] cleverRows = sample(test.size(), settings.points(), 2);
        List<double[]> points = new ArrayList<>();
        for (int i : cleverRows) {
            points.add(test.rows()[i]);
        }
        List<Clever.PointScore> scores = new Clever(model, space, settings.clever()).scores(points);
        double cleverMin = scores.stream().mapToDouble(Clever.PointScore::score).min().orElse(Double.NaN);
        double cleverMean = scores.stream().mapToDouble(Clever.PointScore::score).average().orElse(Double.NaN);
        return new RobustnessReport(clean, noisy, adversarial, attack.name(), attacked.length, median, mean, cleverMin,
                cleverMean, scores.size(), queries, settings);
    }

    /** The attack the settings ask for; {@code auto} takes the exact one where the model is linear. */
    public Attack attack(ScoreFunction model, FeatureSpace space, List<double[]> anchors) {
        String which = settings.attack();
        if (which.equals(RobustnessSettings.EXACT_LINEAR) || which.equals(RobustnessSettings.AUTO)) {
            if (model instanceof LinearScoreFunction linear) {
                return new LinearAttack(linear, space);
            }
            if (which.equals(RobustnessSettings.EXACT_LINEAR)) {
                throw new IllegalArgumentException("attack exact-linear needs a linear model (logistic-regression)");
            }
        } else if (!which.equals(RobustnessSettings.HOPSKIPJUMP)) {
            throw new IllegalArgumentException("unknown attack '" + which + "'; expected auto, exact-linear or hopskipjump");
        }
        return new HopSkipJumpAttack(model, space, HopSkipJumpAttack.Settings.defaults(settings.seed()), anchors);
    }

    private double noiseAccuracy(ScoreFunction model, FeatureSpace space, DenseData test) {
        Random random = new Random(settings.seed() * 31 + 3);
        double[][] noisy = new double[test.size()][];
        for (int i = 0; i < test.size(); i++) {
            double[] delta = new double[space.size()];
            for (int k = 0; k < delta.length; k++) {
                delta[k] = random.nextGaussian() * settings.noise();
            }
            noisy[i] = space.move(test.rows()[i], delta);
        }
        return DenseData.accuracyOf(model.predict(noisy), test.labels());
    }

    private static int[] all(int n) {
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            out[i] = i;
        }
        return out;
    }

    /** A seeded sample of {@code k} of {@code n} indexes, sorted. */
    private int[] sample(int n, int k, int stream) {
        int[] order = all(n);
        Random random = new Random(settings.seed() * 7919 + stream);
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        int[] picked = Arrays.copyOf(order, Math.min(k, n));
        Arrays.sort(picked);
        return picked;
    }
}

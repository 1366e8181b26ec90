package dev.modelops.steps.robustness;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * CLEVER (Cross-Lipschitz Extreme Value for nEtwork Robustness, Weng et al. 2018), untargeted,
 * L2: a lower-bound estimate of the smallest perturbation that changes a prediction. For a point
 * with predicted class c and each other class j, gradients of the margin {@code f_c - f_j} are
 * sampled at points drawn uniformly from the ball of radius R around it; the maximum gradient norm
 * of each batch is kept; a reverse Weibull fitted to the batch maxima gives the local Lipschitz
 * constant L_j as its location; the score is {@code min_j min(margin_j / L_j, R)}.
 *
 * <p>Gradients are finite differences of the model's scores, so any model works; for models that
 * are piecewise constant (trees) they vanish and the score is meaningless (reported as such).
 * CLEVER is randomised: the seed and sample counts are fixed settings so a gate on it is
 * reproducible, and both the minimum and the mean over points are reported.
 */
public final class Clever {
    private final ScoreFunction model;
    private final FeatureSpace space;
    private final Settings settings;

    /**
     * @param batches number of batch maxima fitted (N_b)
     * @param samplesPerBatch gradient samples per batch (N_s)
     * @param radius ball radius R in normalised L2 units, also the score's cap
     * @param step finite-difference step in normalised units
     * @param seed random seed
     */
    public record Settings(int batches, int samplesPerBatch, double radius, double step, long seed) {
        public Settings {
            if (batches < 3 || samplesPerBatch < 1 || !(radius > 0) || !(step > 0)) {
                throw new IllegalArgumentException("CLEVER needs >= 3 batches, >= 1 sample, radius > 0, step > 0");
            }
        }
    }

    /**
     * The score of one point.
     *
     * @param score the CLEVER score
     * @param predicted predicted class id
     * @param target the class whose boundary is nearest by the estimate
     * @param lipschitz the fitted local Lipschitz constant towards {@code target}
     * @param margin score margin towards {@code target}
     * @param fitPValue KS p-value of that reverse-Weibull fit
     */
    public record PointScore(double score, int predicted, int target, double lipschitz, double margin,
                             double fitPValue) {
    }

    public Clever(ScoreFunction model, FeatureSpace space, Settings settings) {
        this.model = model;
        this.space = space;
        this.settings = settings;
    }

    /** Scores of the given points; point {@code i} uses its own stream derived from the seed. */
    public List<PointScore> scores(List<double[]> points) {
        List<PointScore> out = new ArrayList<>(points.size());
        for (int i = 0; i < points.size(); i++) {
            out.add(score(points.get(i), new Random(settings.seed() * 1_000_003L + i)));
        }
        return out;
    }

    PointScore score(double[] x0, Random random) {
        double[] s0 = model.scores(x0);
        int c = ScoreFunction.argmax(s0);
        int classes = s0.length;
        int d = space.size();
        if (d == 0) {
            return new PointScore(settings.radius(), c, -1, 0, Double.NaN, Double.NaN);
        }
        double h = settings.step();
        double[][] maxima = new double[classes][settings.batches()];
        int ns = settings.samplesPerBatch();
        for (int b = 0; b < settings.batches(); b++) {
            double[][] rows = new double[ns * (d + 1)][];
            for (int s = 0; s < ns; s++) {
                double[] x = space.move(x0, uniformInBall(d, settings.radius(), random));
                rows[s * (d + 1)] = x;
                for (int k = 0; k < d; k++) {
                    rows[s * (d + 1) + 1 + k] = space.nudge(x, k, h);
                }
            }
            double[][] scores = model.scores(rows);
            for (int s = 0; s < ns; s++) {
                double[] base = scores[s * (d + 1)];
                for (int j = 0; j < classes; j++) {
                    if (j == c) {
                        continue;
                    }
                    double sq = 0;
                    for (int k = 0; k < d; k++) {
                        double[] moved = scores[s * (d + 1) + 1 + k];
                        double g = ((moved[c] - base[c]) - (moved[j] - base[j])) / h;
                        sq += g * g;
                    }
                    maxima[j][b] = Math.max(maxima[j][b], Math.sqrt(sq));
                }
            }
        }
        PointScore best = null;
        for (int j = 0; j < classes; j++) {
            if (j == c) {
                continue;
            }
            ReverseWeibull fit = ReverseWeibull.fit(maxima[j]);
            double lipschitz = fit.location();
            double margin = s0[c] - s0[j];
            double score = lipschitz > 0 ? Math.min(margin / lipschitz, settings.radius()) : settings.radius();
            if (best == null || score < best.score()) {
                best = new PointScore(score, c, j, lipschitz, margin, fit.ksPValue());
            }
        }
        return best;
    }

    /** A point drawn uniformly from the L2 ball of the given radius in {@code d} dimensions. */
    static double[] uniformInBall(int d, double radius, Random random) {
        double[] v = new double[d];
        double norm = 0;
        for (int k = 0; k < d; k++) {
            v[k] = random.nextGaussian();
            norm += v[k] * v[k];
        }
        norm = Math.sqrt(norm);
        double r = radius * Math.pow(random.nextDouble(), 1.0 / d);
        for (int k = 0; k < d; k++) {
            v[k] = v[k] / norm * r;
        }
        return v;
    }
}

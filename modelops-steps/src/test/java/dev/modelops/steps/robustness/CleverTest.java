package dev.modelops.steps.robustness;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.hipparchus.distribution.continuous.WeibullDistribution;
import org.junit.jupiter.api.Test;

class CleverTest {
    @Test
    void reverseWeibullFitRecoversTheEndPointOfKnownMaxima() {
        WeibullDistribution w = new WeibullDistribution(3.0, 0.5);
        java.util.Random random = new java.util.Random(11);
        double[] maxima = new double[200];
        for (int i = 0; i < maxima.length; i++) {
            maxima[i] = 4.0 - w.inverseCumulativeProbability(random.nextDouble());
        }
        ReverseWeibull fit = ReverseWeibull.fit(maxima);
        assertThat(fit.location()).isBetween(3.9, 4.1);
        assertThat(fit.shape()).isBetween(2.0, 4.5);
        assertThat(fit.ksPValue()).isGreaterThan(0.05);
        assertThat(fit.location()).isGreaterThan(java.util.Arrays.stream(maxima).max().orElseThrow());
    }

    /**
     * For a two-class linear model g = p_c - p_j = 2 sigma(z) - 1 with z = a.x + b, so the largest
     * gradient norm in a ball is 2 ||a|| max sigma'(z) over the z the ball reaches: a closed form
     * the sampled, EVT-fitted estimate must match.
     */
    @Test
    void lipschitzEstimateMatchesTheClosedFormOfABinaryLinearModel() {
        double[][] w = {{1.5, -2.0, 0.5}, {-1.5, 2.0, -0.5}};
        double[] b = {0.2, -0.2};
        LinearScoreFunction model = new LinearScoreFunction(w, b, true);
        FeatureSpace space = new FeatureSpace(3, new int[] {0, 1, 2}, new double[] {-100, -100, -100},
                new double[] {100, 100, 100});
        double radius = 0.01;
        Clever clever = new Clever(model, space, new Clever.Settings(40, 20, radius, 1e-7, 3));
        for (double[] x : List.of(new double[] {0.3, 0.1, 0}, new double[] {1.0, -0.5, 0.2}, new double[] {0.05, 0.02, 0})) {
            Clever.PointScore s = clever.scores(List.of(x)).get(0);
            double[] a = new double[3];
            double z = 0;
            for (int i = 0; i < 3; i++) {
                a[i] = (w[0][i] - w[1][i]) * 200; // scale of each feature (range 200)
                z += (w[0][i] - w[1][i]) * x[i];
            }
            z += b[0] - b[1];
            double na = FeatureSpace.norm(a);
            double reach = radius * na;
            double zNearest = Math.abs(z) <= reach ? 0 : Math.abs(z) - reach;
            double sigma = 1 / (1 + Math.exp(-zNearest));
            double expected = 2 * na * sigma * (1 - sigma);
            assertThat(s.lipschitz()).as("Lipschitz at z=%f", z).isBetween(expected * 0.97, expected * 1.08);
            double minimal = Math.abs(z) / na;
            assertThat(s.score()).as("CLEVER is a lower-bound estimate of the minimal perturbation")
                    .isLessThanOrEqualTo(Math.min(minimal, radius) * 1.02);
        }
    }

    @Test
    void sameSeedSameScores() {
        double[][] w = {{1, 2}, {-1, 0}, {0, -2}};
        LinearScoreFunction model = new LinearScoreFunction(w, new double[] {0, 0.1, 0.2}, true);
        FeatureSpace space = new FeatureSpace(2, new int[] {0, 1}, new double[] {0, 0}, new double[] {1, 1});
        List<double[]> points = List.of(new double[] {0.2, 0.4}, new double[] {0.7, 0.1});
        Clever.Settings settings = new Clever.Settings(10, 5, 0.5, 1e-5, 9);
        assertThat(new Clever(model, space, settings).scores(points))
                .isEqualTo(new Clever(model, space, settings).scores(points));
    }
}

package dev.modelops.steps.robustness;

import java.util.Locale;

/**
 * How robustness is measured and how hard a model is trained against attacks. Every random
 * choice follows {@code seed}, so the same model and data always give the same numbers (a gate
 * on them is reproducible).
 *
 * @param epsilon perturbation budget (normalised L2) for adversarial accuracy and adversarial training
 * @param noise standard deviation (normalised units) of the Gaussian noise for noise accuracy
 * @param attack {@code auto}, {@code exact-linear} or {@code hopskipjump}
 * @param points test points for CLEVER and the query-based attack
 * @param batches CLEVER batches (N_b)
 * @param samples CLEVER gradient samples per batch (N_s)
 * @param radius CLEVER ball radius R (normalised L2)
 * @param augment share of training rows given an adversarial twin in each hardening round (0..1]
 * @param rounds adversarial-training rounds
 * @param seed random seed
 */
public record RobustnessSettings(double epsilon, double noise, String attack, int points, int batches, int samples,
                                 double radius, double augment, int rounds, long seed) {
    public static final String AUTO = "auto";
    public static final String EXACT_LINEAR = "exact-linear";
    public static final String HOPSKIPJUMP = "hopskipjump";
    /**
     * 0.05 of one feature's range (L2 over the numeric features, each scaled to its range): a
     * perturbation that does not turn one person into another on tabular data with a few numeric
     * features, where 0.3 moves an age by 36 years or a count of 0..6 by 1.8 and adversarial twins
     * land across the real class boundary. Images with hundreds of pixels take a larger budget
     * (the Fashion-MNIST example sets 0.3: about 0.02 per pixel).
     */
    public static final double DEFAULT_EPSILON = 0.05;
    /**
     * Two rounds: every round adds a twin of every training row, so after r rounds r/(r+1) of the
     * training set is synthetic; on the arrests example five rounds left a model that predicts the
     * majority class for everyone at any epsilon from 0.01 to 0.3.
     */
    public static final int DEFAULT_ROUNDS = 2;

    public RobustnessSettings {
        attack = attack == null ? AUTO : attack.toLowerCase(Locale.ROOT);
    }

    public static RobustnessSettings defaults() {
        return new RobustnessSettings(DEFAULT_EPSILON, 0.1, AUTO, 20, 20, 10, 2.0, 1.0, DEFAULT_ROUNDS, 42);
    }

    public Clever.Settings clever() {
        return new Clever.Settings(batches, samples, radius, 1e-4, seed);
    }
}

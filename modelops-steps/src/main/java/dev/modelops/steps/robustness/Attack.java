package dev.modelops.steps.robustness;

/**
 * Searches for the smallest perturbation (normalised L2, see {@link FeatureSpace}) that makes a
 * model misclassify a point. The distance found bounds the true minimum from above, except for
 * the exact linear attack, which computes it.
 */
public interface Attack {
    /** The name recorded in lineage. */
    String name();

    /**
     * @param x0 the raw input
     * @param label its true class id
     * @return the smallest adversarial perturbation found
     */
    Result attack(double[] x0, int label);

    /**
     * @param distance normalised L2 size of the perturbation; 0 when {@code x0} is already misclassified,
     *                 infinity when none was found
     * @param adversarial the adversarial input (raw), or null when none was found
     * @param queries model queries spent
     */
    record Result(double distance, double[] adversarial, long queries) {
    }
}

package dev.modelops.steps.robustness;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A model version's measured robustness on the test rows. {@link #attributes()} is what lineage
 * keeps under the model's {@code robustness} attribute; {@link #metrics()} the same numbers as
 * metrics named {@code robustness.<name>}, which gates read.
 *
 * @param cleanAccuracy accuracy on the unperturbed test rows
 * @param noiseAccuracy accuracy under Gaussian noise of standard deviation {@code noise}
 * @param adversarialAccuracy share of attacked points still classified correctly with any perturbation up to {@code epsilon}
 * @param attack the attack used
 * @param attackedPoints points attacked
 * @param perturbationMedian median minimal perturbation found over correctly classified attacked points
 * @param perturbationMean mean of the same (infinite ones, where no attack succeeded, left out)
 * @param cleverMin smallest CLEVER score over the CLEVER points
 * @param cleverMean mean CLEVER score
 * @param cleverPoints number of CLEVER points
 * @param queries model queries the attack spent
 * @param settings the settings used
 */
public record RobustnessReport(double cleanAccuracy, double noiseAccuracy, double adversarialAccuracy, String attack,
                               int attackedPoints, double perturbationMedian, double perturbationMean,
                               double cleverMin, double cleverMean, int cleverPoints, long queries,
                               RobustnessSettings settings) {

    /** Lineage attribute values (documented in the README; gates read these names). */
    public Map<String, Object> attributes() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("clean_accuracy", finite(cleanAccuracy));
        m.put("noise_accuracy", finite(noiseAccuracy));
        m.put("noise_sigma", settings.noise());
        m.put("adversarial_accuracy", finite(adversarialAccuracy));
        m.put("epsilon", settings.epsilon());
        m.put("attack", attack);
        m.put("attacked_points", attackedPoints);
        m.put("perturbation_median", finite(perturbationMedian));
        m.put("perturbation_mean", finite(perturbationMean));
        m.put("clever_min", finite(cleverMin));
        m.put("clever_mean", finite(cleverMean));
        m.put("clever_points", cleverPoints);
        m.put("clever_batches", settings.batches());
        m.put("clever_samples", settings.samples());
        m.put("clever_radius", settings.radius());
        m.put("seed", settings.seed());
        m.put("norm", "L2 over numeric features scaled to their range");
        m.values().removeIf(java.util.Objects::isNull);
        return m;
    }

    /** Numeric results as metrics named {@code robustness.<attribute>}. */
    public Map<String, Double> metrics() {
        Map<String, Double> m = new LinkedHashMap<>();
        put(m, "clean_accuracy", cleanAccuracy);
        put(m, "noise_accuracy", noiseAccuracy);
        put(m, "adversarial_accuracy", adversarialAccuracy);
        put(m, "perturbation_median", perturbationMedian);
        put(m, "clever_min", cleverMin);
        put(m, "clever_mean", cleverMean);
        return m;
    }

    private static void put(Map<String, Double> m, String name, double v) {
        if (Double.isFinite(v)) {
            m.put("robustness." + name, v);
        }
    }

    private static Object finite(double v) {
        return Double.isFinite(v) ? v : null;
    }
}

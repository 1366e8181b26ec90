package dev.modelops.ml;

import java.util.Map;

/**
 * Hyperparameters after validation and defaulting.
 *
 * @param values every known hyperparameter of the trainer, given or defaulted
 */
public record TrainerSettings(Map<String, Double> values) {
    public TrainerSettings {
        values = Map.copyOf(values);
    }

    public int integer(String name) {
        return (int) Math.round(values.get(name));
    }

    public double real(String name) {
        return values.get(name);
    }

    public long seed() {
        return Math.round(values.getOrDefault("seed", 42.0));
    }
}

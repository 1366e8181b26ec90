package dev.modelops.ml;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Function;
import org.tribuo.Trainer;

/**
 * A trainer as a spec names it ({@code trainer: xgboost}): the Tribuo trainer behind it, the
 * problem it solves and its hyperparameters.
 *
 * @param name the name used in {@code modelops.yaml}
 * @param kind classification or regression
 * @param description one line
 * @param parameters accepted hyperparameters
 * @param factory builds the Tribuo trainer from validated settings
 */
public record TrainerDefinition(String name, TaskKind kind, String description, List<HyperParameter> parameters,
                                Function<TrainerSettings, Trainer<?>> factory) {

    /**
     * Validates given hyperparameters and fills defaults.
     *
     * @param given values from the spec
     * @param problem called with (key, message) for each unknown or invalid value
     */
    public TrainerSettings settings(Map<String, Object> given, BiConsumer<String, String> problem) {
        Map<String, Double> values = new LinkedHashMap<>();
        for (HyperParameter p : parameters) {
            Object v = given.get(p.name());
            if (v == null) {
                values.put(p.name(), p.defaultValue());
                continue;
            }
            try {
                values.put(p.name(), p.read(v));
            } catch (IllegalArgumentException e) {
                problem.accept(p.name(), e.getMessage());
                values.put(p.name(), p.defaultValue());
            }
        }
        for (String key : given.keySet()) {
            if (parameters.stream().noneMatch(p -> p.name().equals(key))) {
                problem.accept(key, "unknown hyperparameter '" + key + "' for trainer " + name + "; expected one of: "
                        + String.join(", ", parameters.stream().map(HyperParameter::name).toList()));
            }
        }
        return new TrainerSettings(values);
    }

    public Trainer<?> create(TrainerSettings settings) {
        return factory.apply(settings);
    }
}

package dev.modelops.core.spec;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A model as the team thinks of it: a name that outlives its versions, the trainer and its
 * hyperparameters, the features and label it is built from, and where it trains.
 *
 * @param name the key under {@code models}
 * @param trainer a trainer name from the catalog (e.g. {@code logistic-regression}, {@code xgboost})
 * @param hyperparameters trainer settings, checked against the trainer's known parameters
 * @param dataset the dataset it trains on by default
 * @param features feature columns; categorical ones are one-hot encoded
 * @param label the column to predict
 * @param positiveClass the label value treated as positive for precision, recall and AUC
 * @param split how training and test rows are chosen
 * @param platform where training runs
 * @param resources compute requests for remote platforms ({@code gpu}, {@code cpu}, {@code memory})
 * @param gates quality-gate declarations, interpreted by the gates module
 * @param drift drift-check settings, interpreted by the drift module
 */
public record ModelSpec(String name, String trainer, Map<String, Object> hyperparameters, String dataset,
                        List<String> features, String label, String positiveClass, SplitSpec split,
                        Platform platform, Map<String, Object> resources, Map<String, Object> gates,
                        DriftSpec drift) {
    @com.fasterxml.jackson.annotation.JsonCreator
    public ModelSpec {
        hyperparameters = hyperparameters == null ? Map.of() : unmodifiable(hyperparameters);
        features = features == null ? List.of() : List.copyOf(features);
        split = split == null ? SplitSpec.defaultSplit() : split;
        platform = platform == null ? Platform.LOCAL : platform;
        resources = resources == null ? Map.of() : unmodifiable(resources);
        gates = gates == null ? Map.of() : unmodifiable(gates);
        drift = drift == null ? DriftSpec.none() : drift;
    }

    /** A model without drift settings (the form before {@code drift} existed). */
    public ModelSpec(String name, String trainer, Map<String, Object> hyperparameters, String dataset,
                     List<String> features, String label, String positiveClass, SplitSpec split,
                     Platform platform, Map<String, Object> resources, Map<String, Object> gates) {
        this(name, trainer, hyperparameters, dataset, features, label, positiveClass, split, platform, resources, gates,
                null);
    }

    private static Map<String, Object> unmodifiable(Map<String, Object> map) {
        return java.util.Collections.unmodifiableMap(new LinkedHashMap<>(map));
    }

    public ModelSpec withName(String newName) {
        return new ModelSpec(newName, trainer, hyperparameters, dataset, features, label, positiveClass, split,
                platform, resources, gates, drift);
    }

    public ModelSpec withFeatures(List<String> newFeatures) {
        return new ModelSpec(name, trainer, hyperparameters, dataset, newFeatures, label, positiveClass, split,
                platform, resources, gates, drift);
    }
}

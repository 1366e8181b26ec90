package dev.modelops.lineage.query;

import java.util.List;

/**
 * What changed between two model versions, in the order a person asks: the data (dataset version
 * and content hash), the code (spec hash, git commit, trainer), the parameters, the metrics (with
 * deltas) and the artifact. Answers "which data or code change made accuracy drop?".
 *
 * @param before the older version, with its context
 * @param after the newer version, with its context
 * @param data dataset facts
 * @param code spec, commit, trainer, build
 * @param parameters hyperparameters, features, label
 * @param metrics every metric either version has
 * @param artifact the model file
 */
public record ModelDiff(ModelVersionView before, ModelVersionView after, List<Change> data, List<Change> code,
                        List<Change> parameters, List<MetricDelta> metrics, List<Change> artifact) {
    public ModelDiff {
        data = List.copyOf(data);
        code = List.copyOf(code);
        parameters = List.copyOf(parameters);
        metrics = List.copyOf(metrics);
        artifact = List.copyOf(artifact);
    }

    public boolean dataChanged() {
        return data.stream().anyMatch(Change::changed);
    }

    public boolean codeChanged() {
        return code.stream().anyMatch(Change::changed);
    }

    public boolean parametersChanged() {
        return parameters.stream().anyMatch(Change::changed);
    }
}

package dev.modelops.drift.check;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/**
 * The result of checking one batch of new data against a model version's reference profile:
 * every column's verdict and statistics, the dataset-drift share, prediction and label drift, the
 * domain classifier and the performance check, and the overall verdict with its reasons. It is
 * what the JSON, JUnit and HTML reports render and what the DRIFT_REPORT lineage record holds.
 *
 * @param model model name
 * @param modelVersion model version number
 * @param modelId lineage id of the model version
 * @param profileId lineage id of the reference profile, or null when read from a file
 * @param batch the new data
 * @param referenceRows rows the reference profile summarises
 * @param settings the thresholds used
 * @param features per-feature verdicts, in model order
 * @param datasetDrift the share rule over features
 * @param prediction verdicts on the model's outputs
 * @param predictionDrift whether any output drifted
 * @param label verdict on the label column, when the new data has it
 * @param domain the domain classifier, when run
 * @param performance the performance check, when run
 * @param drift the overall verdict: dataset, prediction, domain or performance drift
 * @param reasons one line per reason for the verdict (or why there is none)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DriftReport(String model, int modelVersion, String modelId, String profileId, Batch batch,
                          long referenceRows, Map<String, Object> settings, List<ColumnDrift> features,
                          DatasetDrift datasetDrift, List<ColumnDrift> prediction, boolean predictionDrift,
                          ColumnDrift label, DomainResult domain, PerformanceResult performance, boolean drift,
                          List<String> reasons) {

    /**
     * The batch of new data.
     *
     * @param name file name
     * @param path absolute path
     * @param sha256 SHA-256 of its bytes
     * @param rows data rows
     * @param labelled whether it has the label column
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Batch(String name, String path, String sha256, long rows, boolean labelled) {
    }

    /**
     * The dataset-drift rule: the dataset drifted when at least {@code threshold} of its judged
     * features drifted (Evidently's default share is one half).
     *
     * @param drifted features that drifted
     * @param judged features judged (not skipped)
     * @param share drifted / judged
     * @param threshold the share at which the dataset drifted
     * @param drift the verdict
     * @param driftedFeatures names of drifted features
     */
    public record DatasetDrift(int drifted, int judged, double share, double threshold, boolean drift,
                               List<String> driftedFeatures) {
    }
}

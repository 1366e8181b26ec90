package dev.modelops.drift.profile;

import java.util.List;

/**
 * Where a reference profile came from: the model version whose training rows and predictions it
 * summarises, and the dataset version and split those rows were taken from. The drift check
 * uses it to re-read the raw training rows (for the domain classifier) and to refuse a dataset
 * whose bytes changed since training.
 *
 * @param model model name
 * @param modelVersion model version number
 * @param modelId lineage id of the model version
 * @param modelSha256 SHA-256 of the model artifact
 * @param task CLASSIFICATION or REGRESSION
 * @param features feature columns, in model order
 * @param label label column
 * @param positiveClass the positive class (classification), or null
 * @param dataset dataset name
 * @param datasetId lineage id of the dataset version
 * @param datasetUri absolute path of the data file at training time
 * @param datasetSha256 SHA-256 of the data file at training time
 * @param splitTrain the training-row filter ({@code year <= 1999}), or null for a random split
 * @param splitRatio the training share of a random split, or null (both null: every row)
 * @param splitSeed the random split's seed
 * @param splitDescription how the split was made, for people
 */
public record ProfileSource(String model, int modelVersion, String modelId, String modelSha256, String task,
                            List<String> features, String label, String positiveClass, String dataset,
                            String datasetId, String datasetUri, String datasetSha256, String splitTrain,
                            Double splitRatio, Long splitSeed, String splitDescription) {
    public ProfileSource {
        features = features == null ? List.of() : List.copyOf(features);
    }
}

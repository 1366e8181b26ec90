package dev.modelops.drift.check;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * The domain-classifier check: how well a classifier tells reference rows from current rows
 * (cross-validated ROC AUC; 0.5 means indistinguishable) and which features let it.
 *
 * @param auc out-of-fold ROC AUC, or null when skipped
 * @param threshold AUC at or above which the data drifted
 * @param drift the verdict
 * @param referenceRows reference rows used
 * @param currentRows current rows used
 * @param classifier the model used
 * @param drivers features ranked by permutation importance (AUC lost when the feature is shuffled)
 * @param skipped why the check did not run, or null
 * @param reason one line
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DomainResult(Double auc, double threshold, boolean drift, int referenceRows, int currentRows,
                           String classifier, List<Driver> drivers, String skipped, String reason) {

    /**
     * A feature that lets the classifier tell the data apart.
     *
     * @param feature the feature column
     * @param importance AUC lost when its values are shuffled among the held-out rows
     */
    public record Driver(String feature, double importance) {
    }

    public static DomainResult skipped(double threshold, String why) {
        return new DomainResult(null, threshold, false, 0, 0, null, List.of(), why, "not run: " + why);
    }
}

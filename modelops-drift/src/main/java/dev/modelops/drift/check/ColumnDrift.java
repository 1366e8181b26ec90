package dev.modelops.drift.check;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * The drift verdict on one column with every statistic computed for it. {@code method},
 * {@code statistic} and {@code threshold} are the column's primary test (Evidently's choice unless
 * overridden); {@code effect} and {@code pValue} are the two conditions the default rule requires
 * together. Statistics that do not apply to the column are null.
 *
 * @param column column name
 * @param role feature, label or prediction
 * @param type numeric, discrete (a numeric column with at most five values) or categorical
 * @param method the primary test
 * @param statistic the primary test's value
 * @param threshold the primary test's threshold
 * @param effectName the effect size judged ({@code wasserstein_normed} or {@code jensenshannon})
 * @param effect the effect size
 * @param effectThreshold the effect-size threshold
 * @param pValueTest the test whose p-value is the second condition ({@code ks}, {@code chisquare}, {@code ztest})
 * @param pValue that p-value
 * @param alpha the significance level
 * @param psi population stability index
 * @param ksStatistic KS D (numeric columns)
 * @param ksPValue KS p-value (numeric columns)
 * @param wasserstein Wasserstein distance in the column's units (numeric columns)
 * @param wassersteinNormed the same divided by the reference standard deviation
 * @param jensenShannon Jensen-Shannon distance of the binned or categorical shares
 * @param chiSquarePValue chi-square homogeneity p-value (categorical and discrete columns)
 * @param zTestPValue two-proportion z-test p-value (two-valued columns)
 * @param referenceCount non-missing reference values
 * @param currentCount non-missing current values
 * @param referenceMissingShare share of missing reference cells
 * @param currentMissingShare share of missing current cells
 * @param referenceMean reference mean (numeric)
 * @param currentMean current mean (numeric)
 * @param exact whether the reference distribution is exact (false: from a KLL sketch)
 * @param drift the verdict
 * @param skipped why the column was not judged, or null
 * @param reason one line: why it drifted or not
 * @param histogram reference and current shares per bin or category, for the HTML report
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ColumnDrift(String column, String role, String type, String method, Double statistic, Double threshold,
                         String effectName, Double effect, Double effectThreshold, String pValueTest, Double pValue,
                         Double alpha, Double psi, Double ksStatistic, Double ksPValue, Double wasserstein,
                         Double wassersteinNormed, Double jensenShannon, Double chiSquarePValue, Double zTestPValue,
                         long referenceCount, long currentCount, double referenceMissingShare,
                         double currentMissingShare, Double referenceMean, Double currentMean, boolean exact,
                         boolean drift, String skipped, String reason, Histogram histogram) {

    /**
     * Shares of reference and current values per bin (numeric) or category.
     *
     * @param labels bin or category labels
     * @param edges bin edges for numeric columns (labels.size() + 1), or null
     * @param reference reference shares
     * @param current current shares
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Histogram(List<String> labels, List<Double> edges, List<Double> reference, List<Double> current) {
    }
}

package dev.modelops.steps.serve;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Live drift in one line per feature: the population stability index of the live values against
 * the training values over the same bins (PSI, the effect size the field judges drift by; 0.1 is
 * the usual threshold), and the dataset verdict (drift when at least half the features drift, as
 * Evidently decides). Below {@code minRows} live rows nothing is judged.
 *
 * @param rows live rows
 * @param minRows rows needed before judging
 * @param threshold PSI above which a feature drifts
 * @param features per-feature results, in feature order
 * @param driftedShare share of drifted features
 * @param datasetDrift whether the dataset as a whole drifted
 */
public record DriftSummary(long rows, long minRows, double threshold, List<FeatureDrift> features, double driftedShare,
                           boolean datasetDrift) {
    /**
     * @param feature column name
     * @param kind numeric or categorical
     * @param psi population stability index
     * @param drifted whether psi exceeds the threshold
     * @param referenceMean mean of the training values (numeric), else NaN
     * @param liveMean mean of the live values (numeric), else NaN
     */
    public record FeatureDrift(String feature, String kind, double psi, boolean drifted, double referenceMean,
                               double liveMean) {
    }

    public boolean judged() {
        return rows >= minRows;
    }

    public long driftedCount() {
        return features.stream().filter(FeatureDrift::drifted).count();
    }

    public Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("rows", rows);
        m.put("judged", judged());
        m.put("method", "PSI over training-data decile bins (categories for categorical features)");
        m.put("threshold", threshold);
        m.put("driftedFeatures", driftedCount());
        m.put("features", features.size());
        m.put("driftedShare", driftedShare);
        m.put("datasetDrift", datasetDrift);
        if (!judged()) {
            m.put("note", "fewer than " + minRows + " live rows; nothing judged yet");
        }
        List<Map<String, Object>> per = features.stream().map(f -> {
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("feature", f.feature());
            x.put("kind", f.kind());
            x.put("psi", f.psi());
            x.put("drifted", f.drifted());
            if (!Double.isNaN(f.referenceMean())) {
                x.put("referenceMean", f.referenceMean());
            }
            if (!Double.isNaN(f.liveMean())) {
                x.put("liveMean", f.liveMean());
            }
            return x;
        }).toList();
        m.put("perFeature", per);
        return m;
    }
}

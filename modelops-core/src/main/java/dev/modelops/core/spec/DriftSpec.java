package dev.modelops.core.spec;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A model's drift settings ({@code models.M.drift}): the thresholds its drift checks, the
 * scheduled drift job and the drift triggers use. Every field is optional; an absent field keeps
 * the drift module's default (chosen the way Evidently chooses them). The drift module validates
 * ranges and names; core only binds them, so an unknown key is still caught with its line.
 *
 * @param threshold effect-size threshold (normed Wasserstein, Jensen-Shannon distance)
 * @param confidence confidence of the statistical tests (p-values below 1 - confidence count)
 * @param psiThreshold population stability index at or above which a column counts as drifted
 * @param driftShare share of drifted features at or above which the dataset drifted
 * @param smallReferenceRows reference size up to which statistical tests are the primary method
 * @param bins equal-width bins for PSI, Jensen-Shannon and histograms of numeric columns
 * @param domainAuc AUC of the reference-versus-current classifier at or above which data drifted
 * @param domainMaxRows rows taken from each side to train the domain classifier
 * @param performanceTolerance allowed drop of a quality metric against the recorded one
 * @param checks the checks to run: features, prediction, label, domain, performance
 * @param columns per-column method and threshold
 */
public record DriftSpec(Double threshold, Double confidence, Double psiThreshold, Double driftShare,
                        Integer smallReferenceRows, Integer bins, Double domainAuc, Integer domainMaxRows,
                        Double performanceTolerance, List<String> checks, Map<String, DriftColumnSpec> columns) {
    public DriftSpec {
        checks = checks == null ? List.of() : List.copyOf(checks);
        columns = columns == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(columns));
    }

    /** No settings: every default applies. */
    public static DriftSpec none() {
        return new DriftSpec(null, null, null, null, null, null, null, null, null, null, null);
    }
}

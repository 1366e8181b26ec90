package dev.modelops.gates;

import java.util.List;
import java.util.Map;

/**
 * Everything one gate run decided: what was judged (model version, dataset version, target
 * environment and its champion), every check's verdict and the overall verdict, the metrics and
 * fairness breakdowns they came from, and the id of the GATE_VERDICT lineage record. This is what
 * {@link QualityGates#judge} returns to callers such as the promote step, and what the JSON,
 * JUnit and HTML reports are written from.
 *
 * @param gate {@code model} (a trained model version) or {@code data} (a data file before training)
 * @param model the model name; for a data gate without a model (validateData with only a
 *              dataset) the dataset name, which then also names the GATE_VERDICT record
 * @param modelVersionId lineage id of the judged model version, or null for a data gate
 * @param modelVersion its label, {@code name@vN}
 * @param env the target environment, or null
 * @param dataset the dataset name
 * @param datasetId lineage id of the dataset version judged, or null if the file was unreadable
 * @param datasetSha256 SHA-256 of the data file
 * @param champion the champion's label, or null when there is none
 * @param status the overall verdict: PASS, WARN or FAIL
 * @param checks every check, in declaration order
 * @param metrics the candidate's metrics the checks used
 * @param metricsSource where the metrics came from
 * @param championMetrics the champion's metrics on the same test rows, if compared
 * @param fairness one breakdown per protected attribute
 * @param runId the pipeline run
 * @param verdictId lineage id of the GATE_VERDICT record (null before it is recorded)
 */
public record GateReport(String gate, String model, String modelVersionId, String modelVersion, String env,
                         String dataset, String datasetId, String datasetSha256, String champion, Verdict status,
                         List<CheckResult> checks, Map<String, Double> metrics, String metricsSource,
                         Map<String, Double> championMetrics, List<FairnessReport> fairness, String runId,
                         String verdictId) {
    public GateReport {
        checks = List.copyOf(checks);
        metrics = finite(metrics);
        championMetrics = finite(championMetrics);
        fairness = fairness == null ? List.of() : List.copyOf(fairness);
    }

    /** Sorted by name, NaN as null (JSON and lineage hold only real numbers). */
    private static Map<String, Double> finite(Map<String, Double> in) {
        java.util.TreeMap<String, Double> out = new java.util.TreeMap<>();
        if (in != null) {
            in.forEach((k, v) -> out.put(k, v == null ? null : Numbers.orNull(v)));
        }
        return java.util.Collections.unmodifiableMap(out);
    }

    public GateReport withVerdictId(String id) {
        return new GateReport(gate, model, modelVersionId, modelVersion, env, dataset, datasetId, datasetSha256, champion,
                status, checks, metrics, metricsSource, championMetrics, fairness, runId, id);
    }

    public boolean failed() {
        return status == Verdict.FAIL;
    }

    public long count(Verdict v) {
        return checks.stream().filter(c -> c.status() == v).count();
    }

    /**
     * What was judged, in words: the model version; for a data gate {@code data of MODEL (dataset
     * D)}, or {@code data of dataset D} when no model was given (the verdict is then named after
     * the dataset).
     */
    public String subject() {
        if (modelVersion != null) {
            return modelVersion;
        }
        return model == null || model.equals(dataset) ? "data of dataset " + dataset
                : "data of " + model + " (dataset " + dataset + ")";
    }

    /** One line for a task summary: the verdict, the counts and the reasons of failures and warnings. */
    public String summary() {
        String subject = subject();
        StringBuilder sb = new StringBuilder();
        sb.append(status).append(' ').append(subject);
        if (env != null) {
            sb.append(" for ").append(env);
        }
        sb.append(": ").append(count(Verdict.PASS)).append(" passed");
        long warned = count(Verdict.WARN) + count(Verdict.INCONCLUSIVE);
        if (warned > 0) {
            sb.append(", ").append(warned).append(" warned");
        }
        if (count(Verdict.FAIL) > 0) {
            sb.append(", ").append(count(Verdict.FAIL)).append(" failed");
        }
        if (checks.isEmpty()) {
            sb.append(" (no gates declared)");
        }
        List<CheckResult> notable = checks.stream().filter(c -> c.status() == Verdict.FAIL).toList();
        if (notable.isEmpty()) {
            notable = checks.stream().filter(c -> c.status() != Verdict.PASS).toList();
        }
        for (int i = 0; i < Math.min(2, notable.size()); i++) {
            sb.append(i == 0 ? " - " : "; ").append(notable.get(i).reason());
        }
        if (notable.size() > 2) {
            sb.append("; and ").append(notable.size() - 2).append(" more");
        }
        return sb.toString();
    }
}

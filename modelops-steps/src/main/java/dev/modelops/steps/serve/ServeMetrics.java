package dev.modelops.steps.serve;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counters of the model server in the Prometheus text exposition format (version 0.0.4):
 * requests by endpoint and status code, request latency (summary sum and count), predictions by
 * class, live rows and per-feature PSI, and an info metric naming the served model version.
 */
public final class ServeMetrics {
    private final Map<String, LongAdder> requests = new ConcurrentHashMap<>();
    private final Map<String, DoubleAdder> seconds = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> timed = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> predictions = new ConcurrentHashMap<>();

    public void request(String endpoint, int code, double durationSeconds) {
        requests.computeIfAbsent(endpoint + "\u0000" + code, k -> new LongAdder()).increment();
        seconds.computeIfAbsent(endpoint, k -> new DoubleAdder()).add(durationSeconds);
        timed.computeIfAbsent(endpoint, k -> new LongAdder()).increment();
    }

    public void prediction(String output) {
        predictions.computeIfAbsent(output, k -> new LongAdder()).increment();
    }

    public long requests(String endpoint, int code) {
        LongAdder a = requests.get(endpoint + "\u0000" + code);
        return a == null ? 0 : a.sum();
    }

    /** The exposition text. */
    public String render(Map<String, String> info, DriftSummary drift) {
        StringBuilder sb = new StringBuilder();
        sb.append("# HELP modelops_model_info The model version this server serves.\n");
        sb.append("# TYPE modelops_model_info gauge\n");
        sb.append("modelops_model_info").append(labels(info)).append(" 1\n");
        sb.append("# HELP modelops_requests_total Requests by endpoint and HTTP status code.\n");
        sb.append("# TYPE modelops_requests_total counter\n");
        new TreeMap<>(requests).forEach((k, v) -> {
            String[] parts = k.split("\u0000");
            sb.append("modelops_requests_total").append(labels(Map.of("endpoint", parts[0], "code", parts[1])))
                    .append(' ').append(v.sum()).append('\n');
        });
        sb.append("# HELP modelops_request_duration_seconds Time spent answering requests.\n");
        sb.append("# TYPE modelops_request_duration_seconds summary\n");
        new TreeMap<>(timed).forEach((endpoint, n) -> {
            String l = labels(Map.of("endpoint", endpoint));
            sb.append("modelops_request_duration_seconds_sum").append(l).append(' ')
                    .append(num(seconds.get(endpoint).sum())).append('\n');
            sb.append("modelops_request_duration_seconds_count").append(l).append(' ').append(n.sum()).append('\n');
        });
        sb.append("# HELP modelops_predictions_total Predictions by predicted class (or value, for regression).\n");
        sb.append("# TYPE modelops_predictions_total counter\n");
        new TreeMap<>(predictions).forEach((k, v) -> sb.append("modelops_predictions_total")
                .append(labels(Map.of("output", k))).append(' ').append(v.sum()).append('\n'));
        sb.append("# HELP modelops_live_rows Rows in the live drift profile's current window.\n");
        sb.append("# TYPE modelops_live_rows gauge\n");
        sb.append("modelops_live_rows ").append(drift.rows()).append('\n');
        sb.append("# HELP modelops_drift_share Share of features whose PSI exceeds the threshold (0 until enough rows).\n");
        sb.append("# TYPE modelops_drift_share gauge\n");
        sb.append("modelops_drift_share ").append(num(drift.driftedShare())).append('\n');
        sb.append("# HELP modelops_dataset_drift 1 when at least half the features drift.\n");
        sb.append("# TYPE modelops_dataset_drift gauge\n");
        sb.append("modelops_dataset_drift ").append(drift.datasetDrift() ? 1 : 0).append('\n');
        sb.append("# HELP modelops_feature_psi Population stability index of a feature's live values.\n");
        sb.append("# TYPE modelops_feature_psi gauge\n");
        for (DriftSummary.FeatureDrift f : drift.features()) {
            sb.append("modelops_feature_psi").append(labels(Map.of("feature", f.feature()))).append(' ')
                    .append(num(f.psi())).append('\n');
        }
        return sb.toString();
    }

    private static String labels(Map<String, String> labels) {
        StringBuilder sb = new StringBuilder("{");
        new TreeMap<>(labels).forEach((k, v) -> {
            if (sb.length() > 1) {
                sb.append(',');
            }
            sb.append(k).append("=\"").append(v.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n"))
                    .append('"');
        });
        return sb.append('}').toString();
    }

    private static String num(double v) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        return String.format(Locale.ROOT, "%.6g", v);
    }
}

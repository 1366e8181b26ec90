package dev.modelops.steps.serve;

import dev.modelops.drift.check.ColumnDrift;
import dev.modelops.drift.check.DriftReport;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counters of the model server in the Prometheus text exposition format (version 0.0.4):
 * requests by endpoint and status code, request latency (summary sum and count), predictions by
 * class, an info metric naming the served model version, and the live window's drift report in
 * numbers: rows, verdicts (overall, dataset, prediction, per column), drift share, per-column
 * statistic and PSI, domain-classifier AUC.
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
    /**
     * @param drift the live window's drift report, or null when the served version has no reference profile
     * @param liveRows rows in the live window
     */
    public String render(Map<String, String> info, DriftReport drift, long liveRows) {
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
        sb.append("# HELP modelops_live_rows Rows in the live drift window.\n");
        sb.append("# TYPE modelops_live_rows gauge\n");
        sb.append("modelops_live_rows ").append(liveRows).append('\n');
        if (drift == null) {
            return sb.toString();
        }
        gauge(sb, "modelops_drift", "1 when the live window drifted (the verdict of modelops drift check).",
                drift.drift() ? 1 : 0);
        gauge(sb, "modelops_prediction_drift", "1 when the model's outputs drifted.", drift.predictionDrift() ? 1 : 0);
        if (drift.datasetDrift() != null) {
            gauge(sb, "modelops_dataset_drift", "1 when at least drift_share of the features drifted.",
                    drift.datasetDrift().drift() ? 1 : 0);
            gauge(sb, "modelops_drift_share", "Share of judged features that drifted.", drift.datasetDrift().share());
        }
        if (drift.domain() != null && drift.domain().auc() != null) {
            gauge(sb, "modelops_domain_auc", "Domain-classifier AUC of live against training rows (0.5: alike).",
                    drift.domain().auc());
        }
        List<ColumnDrift> columns = new ArrayList<>(drift.features());
        columns.addAll(drift.prediction());
        sb.append("# HELP modelops_column_drift 1 when a column (feature or output) drifted; absent when not judged.\n");
        sb.append("# TYPE modelops_column_drift gauge\n");
        for (ColumnDrift c : columns) {
            if (c.skipped() == null) {
                sb.append("modelops_column_drift").append(labels(Map.of("column", c.column(), "role", c.role())))
                        .append(' ').append(c.drift() ? 1 : 0).append('\n');
            }
        }
        sb.append("# HELP modelops_column_statistic A column's primary test statistic (see the method label).\n");
        sb.append("# TYPE modelops_column_statistic gauge\n");
        for (ColumnDrift c : columns) {
            if (c.statistic() != null && c.method() != null) {
                sb.append("modelops_column_statistic").append(labels(Map.of("column", c.column(), "method", c.method())))
                        .append(' ').append(num(c.statistic())).append('\n');
            }
        }
        sb.append("# HELP modelops_column_psi Population stability index of a column's live values.\n");
        sb.append("# TYPE modelops_column_psi gauge\n");
        for (ColumnDrift c : columns) {
            if (c.psi() != null) {
                sb.append("modelops_column_psi").append(labels(Map.of("column", c.column()))).append(' ')
                        .append(num(c.psi())).append('\n');
            }
        }
        return sb.toString();
    }

    private static void gauge(StringBuilder sb, String name, String help, double value) {
        sb.append("# HELP ").append(name).append(' ').append(help).append('\n');
        sb.append("# TYPE ").append(name).append(" gauge\n");
        sb.append(name).append(' ').append(num(value)).append('\n');
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

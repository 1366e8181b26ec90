package dev.modelops.drift.check;

import dev.modelops.core.data.LoadedDataset;
import dev.modelops.core.data.Table;
import dev.modelops.core.spec.DatasetSpec;
import dev.modelops.core.spec.ModelSpec;
import dev.modelops.ml.ModelEvaluator;
import dev.modelops.ml.TaskKind;
import dev.modelops.ml.TribuoData;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.tribuo.Model;
import org.tribuo.MutableDataset;

/**
 * Measures a model on labelled new rows with the same evaluator that recorded its metrics
 * ({@link ModelEvaluator}, Tribuo's), so the comparison is like for like, and judges the change.
 */
public final class PerformanceCheck {
    private static final Set<String> HIGHER_IS_BETTER = Set.of("accuracy", "auc", "f1", "macro_f1", "r2");
    private static final Set<String> LOWER_IS_BETTER = Set.of("rmse", "mae");

    private PerformanceCheck() {
    }

    /**
     * @param model the model version
     * @param task its task
     * @param dataset the dataset declaration (column types)
     * @param features the model's features
     * @param label the label column
     * @param positiveClass the positive class the recorded metrics used
     * @param rows labelled new rows (rows with a missing label are left out)
     * @param recorded the recorded metrics
     * @param recordedFrom which record they came from
     * @param tolerance allowed change
     */
    public static PerformanceResult run(Model<?> model, TaskKind task, DatasetSpec dataset, List<String> features,
                                        String label, String positiveClass, Table rows, Map<String, Double> recorded,
                                        String recordedFrom, double tolerance) {
        int[] all = new int[rows.size()];
        for (int i = 0; i < all.length; i++) {
            all[i] = i;
        }
        ModelSpec spec = new ModelSpec("drift-performance", null, Map.of(), dataset.name(), features, label,
                positiveClass, null, null, null, null);
        LoadedDataset loaded = new LoadedDataset(dataset, Path.of("current"), "", rows);
        MutableDataset<?> data = TribuoData.dataset(loaded, spec, task, all, "current");
        if (data.size() == 0) {
            return PerformanceResult.skipped(tolerance, "no current row has a value in the label column '" + label + "'");
        }
        Map<String, Double> current;
        try {
            current = ModelEvaluator.evaluate(model, data, task, positiveClass);
        } catch (RuntimeException e) {
            return PerformanceResult.skipped(tolerance, "the model cannot be evaluated on the current rows: " + e.getMessage());
        }
        List<PerformanceResult.MetricChange> changes = new ArrayList<>();
        StringBuilder worst = new StringBuilder();
        boolean drift = false;
        for (Map.Entry<String, Double> e : recorded.entrySet()) {
            String metric = e.getKey();
            Double now = current.get(metric);
            if (now == null || e.getValue() == null || now.isNaN() || e.getValue().isNaN()
                    || !(HIGHER_IS_BETTER.contains(metric) || LOWER_IS_BETTER.contains(metric))) {
                continue;
            }
            double then = e.getValue();
            boolean degraded = HIGHER_IS_BETTER.contains(metric) ? then - now > tolerance
                    : now - then > tolerance * Math.abs(then);
            changes.add(new PerformanceResult.MetricChange(metric, then, now, now - then, degraded));
            if (degraded) {
                drift = true;
                worst.append(worst.length() == 0 ? "" : ", ")
                        .append(String.format(Locale.ROOT, "%s %.4f -> %.4f", metric, then, now));
            }
        }
        if (changes.isEmpty()) {
            return PerformanceResult.skipped(tolerance, "no metric in common with the recorded metrics " + recorded.keySet());
        }
        String reason = drift ? "degraded beyond tolerance " + ColumnComparator.fmt(tolerance) + ": " + worst
                : "every metric within " + ColumnComparator.fmt(tolerance) + " of " + recordedFrom;
        return new PerformanceResult(data.size(), recordedFrom, tolerance, changes, drift, null, reason);
    }
}

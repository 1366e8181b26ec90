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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.hipparchus.distribution.continuous.NormalDistribution;
import org.tribuo.Model;
import org.tribuo.MutableDataset;
import org.tribuo.Prediction;
import org.tribuo.classification.Label;
import org.tribuo.classification.evaluation.LabelEvaluationUtil;
import org.tribuo.regression.Regressor;

/**
 * Measures a model on labelled new rows with the same evaluator that recorded its metrics
 * ({@link ModelEvaluator}, Tribuo's), so the comparison is like for like, and judges the change
 * the way columns are judged: a metric degraded when its drop exceeds the tolerance (the effect)
 * <em>and</em> exceeds {@code z(confidence)} standard errors of the new estimate (so a small
 * batch's noise is not drift). Standard errors come from a seeded bootstrap of the predictions
 * (100 resamples of at most 5,000 rows, scaled to the batch size); recorded values are taken as
 * fixed.
 */
public final class PerformanceCheck {
    private static final Set<String> HIGHER_IS_BETTER = Set.of("accuracy", "auc", "f1", "macro_f1", "r2");
    private static final Set<String> LOWER_IS_BETTER = Set.of("rmse", "mae");
    private static final int RESAMPLES = 100;
    private static final int RESAMPLE_ROWS = 5000;
    private static final long SEED = 42;

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
     * @param confidence confidence for the standard-error condition
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public static PerformanceResult run(Model<?> model, TaskKind task, DatasetSpec dataset, List<String> features,
                                        String label, String positiveClass, Table rows, Map<String, Double> recorded,
                                        String recordedFrom, double tolerance, double confidence) {
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
        List<Prediction> predictions;
        try {
            current = ModelEvaluator.evaluate(model, data, task, positiveClass);
            predictions = ((Model) model).predict((Iterable) data);
        } catch (RuntimeException e) {
            return PerformanceResult.skipped(tolerance, "the model cannot be evaluated on the current rows: " + e.getMessage());
        }
        Map<String, Double> se = standardErrors(model, predictions, task, positiveClass);
        double z = new NormalDistribution().inverseCumulativeProbability(confidence);
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
            boolean higherBetter = HIGHER_IS_BETTER.contains(metric);
            double loss = higherBetter ? then - now : now - then;
            double allowed = higherBetter ? tolerance : tolerance * Math.abs(then);
            double stdErr = se.getOrDefault(metric, 0.0);
            boolean degraded = loss > allowed && loss > z * stdErr;
            changes.add(new PerformanceResult.MetricChange(metric, then, now, now - then, round(stdErr), degraded));
            if (degraded) {
                drift = true;
                worst.append(worst.length() == 0 ? "" : ", ").append(String.format(Locale.ROOT,
                        "%s %.4f -> %.4f (standard error %.4f)", metric, then, now, stdErr));
            }
        }
        if (changes.isEmpty()) {
            return PerformanceResult.skipped(tolerance, "no metric in common with the recorded metrics " + recorded.keySet());
        }
        String reason = drift ? "degraded by more than " + ColumnComparator.fmt(tolerance) + " and " + String.format(
                Locale.ROOT, "%.2f", z) + " standard errors: " + worst
                : "no metric fell by more than " + ColumnComparator.fmt(tolerance) + " beyond its noise, against "
                + recordedFrom;
        return new PerformanceResult(data.size(), recordedFrom, tolerance, changes, drift, null, reason);
    }

    /**
     * Bootstrap standard errors of each metric, from resampled predictions (no model calls). The
     * resampled metrics are computed here from arrays (the textbook definitions Tribuo uses), which
     * is two orders of magnitude faster than re-running Tribuo's evaluator per resample; only the
     * spread is taken from them, the values compared are Tribuo's.
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    static Map<String, Double> standardErrors(Model<?> model, List<Prediction> predictions, TaskKind task,
                                              String positiveClass) {
        int n = predictions.size();
        int m = Math.min(n, RESAMPLE_ROWS);
        Random random = new Random(SEED);
        Map<String, List<Double>> samples = new LinkedHashMap<>();
        if (task == TaskKind.CLASSIFICATION) {
            Map<String, Integer> ids = new LinkedHashMap<>();
            int[] truth = new int[n];
            int[] predicted = new int[n];
            double[] score = new double[n];
            boolean scores = model.generatesProbabilities();
            for (int i = 0; i < n; i++) {
                Prediction<Label> p = predictions.get(i);
                truth[i] = ids.computeIfAbsent(p.getExample().getOutput().getLabel(), k -> ids.size());
                predicted[i] = ids.computeIfAbsent(p.getOutput().getLabel(), k -> ids.size());
                Label s = p.getOutputScores().get(positiveClass);
                score[i] = s == null ? 0.0 : s.getScore();
            }
            Integer positive = ids.get(positiveClass);
            int classes = ids.size();
            for (int b = 0; b < RESAMPLES; b++) {
                long[] tp = new long[classes];
                long[] fp = new long[classes];
                long[] fn = new long[classes];
                long correct = 0;
                boolean[] isPositive = new boolean[m];
                double[] sampledScores = new double[m];
                for (int i = 0; i < m; i++) {
                    int j = random.nextInt(n);
                    if (truth[j] == predicted[j]) {
                        correct++;
                        tp[truth[j]]++;
                    } else {
                        fn[truth[j]]++;
                        fp[predicted[j]]++;
                    }
                    isPositive[i] = positive != null && truth[j] == positive;
                    sampledScores[i] = score[j];
                }
                add(samples, "accuracy", (double) correct / m);
                double macro = 0;
                for (int c = 0; c < classes; c++) {
                    macro += f1(tp[c], fp[c], fn[c]);
                }
                add(samples, "macro_f1", macro / classes);
                if (positive != null) {
                    add(samples, "f1", f1(tp[positive], fp[positive], fn[positive]));
                    if (scores) {
                        try {
                            add(samples, "auc", LabelEvaluationUtil.binaryAUCROC(isPositive, sampledScores));
                        } catch (RuntimeException oneClass) {
                            // a resample with a single class has no AUC
                        }
                    }
                }
            }
        } else {
            double[] truth = new double[n];
            double[] predicted = new double[n];
            for (int i = 0; i < n; i++) {
                Prediction<Regressor> p = predictions.get(i);
                truth[i] = p.getExample().getOutput().getValues()[0];
                predicted[i] = p.getOutput().getValues()[0];
            }
            for (int b = 0; b < RESAMPLES; b++) {
                double se = 0;
                double ae = 0;
                double sum = 0;
                double sumSq = 0;
                for (int i = 0; i < m; i++) {
                    int j = random.nextInt(n);
                    double e = truth[j] - predicted[j];
                    se += e * e;
                    ae += Math.abs(e);
                    sum += truth[j];
                    sumSq += truth[j] * truth[j];
                }
                double total = sumSq - sum * sum / m;
                add(samples, "rmse", Math.sqrt(se / m));
                add(samples, "mae", ae / m);
                add(samples, "r2", total == 0 ? Double.NaN : 1 - se / total);
            }
        }
        Map<String, Double> se = new LinkedHashMap<>();
        samples.forEach((k, values) -> {
            if (values.size() > 1) {
                double mean = values.stream().mapToDouble(Double::doubleValue).average().orElse(0);
                double var = values.stream().mapToDouble(v -> (v - mean) * (v - mean)).sum() / (values.size() - 1);
                se.put(k, Math.sqrt(var) * Math.sqrt((double) m / n));
            }
        });
        return se;
    }

    private static void add(Map<String, List<Double>> samples, String metric, double value) {
        if (!Double.isNaN(value)) {
            samples.computeIfAbsent(metric, k -> new ArrayList<>()).add(value);
        }
    }

    private static double f1(long tp, long fp, long fn) {
        return tp == 0 ? 0.0 : 2.0 * tp / (2.0 * tp + fp + fn);
    }

    private static double round(double v) {
        return Math.round(v * 1e6) / 1e6;
    }
}

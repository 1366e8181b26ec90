package dev.modelops.ml;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.tribuo.Dataset;
import org.tribuo.Model;
import org.tribuo.classification.Label;
import org.tribuo.classification.evaluation.LabelEvaluation;
import org.tribuo.classification.evaluation.LabelEvaluator;
import org.tribuo.regression.Regressor;
import org.tribuo.regression.evaluation.RegressionEvaluation;
import org.tribuo.regression.evaluation.RegressionEvaluator;

/**
 * Computes a model's metrics on a dataset with Tribuo's evaluators. Classification: accuracy,
 * and precision, recall, F1 and ROC AUC for the positive class (macro-averaged F1 too);
 * regression: RMSE, MAE and R². Names are those gates refer to.
 */
public final class ModelEvaluator {
    /** Every metric {@link #evaluate} can report for a classifier; gates validate metric names against it. */
    public static final java.util.List<String> CLASSIFICATION_METRICS = java.util.List.of("accuracy", "precision",
            "recall", "f1", "macro_f1", "auc", "test_rows");
    /** Every metric {@link #evaluate} reports for a regressor. */
    public static final java.util.List<String> REGRESSION_METRICS = java.util.List.of("rmse", "mae", "r2", "test_rows");

    private ModelEvaluator() {
    }

    /** The metric names a model of this kind is evaluated on (keep in step with {@link #evaluate}). */
    public static java.util.List<String> metricNames(TaskKind kind) {
        return kind == TaskKind.CLASSIFICATION ? CLASSIFICATION_METRICS : REGRESSION_METRICS;
    }

    @SuppressWarnings("unchecked")
    public static Map<String, Double> evaluate(Model<?> model, Dataset<?> data, TaskKind kind, String positiveClass) {
        if (kind == TaskKind.CLASSIFICATION) {
            return classification((Model<Label>) model, (Dataset<Label>) data, positiveClass);
        }
        return regression((Model<Regressor>) model, (Dataset<Regressor>) data);
    }

    private static Map<String, Double> classification(Model<Label> model, Dataset<Label> data, String positiveClass) {
        return classification(new LabelEvaluator().evaluate(model, data), model, data.size(), positiveClass);
    }

    /**
     * The classification metrics of an evaluation already made, for a caller that also needs the
     * evaluation's per-class numbers and should not predict the test rows twice.
     */
    public static Map<String, Double> classification(LabelEvaluation e, Model<Label> model, int rows,
                                                     String positiveClass) {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("accuracy", e.accuracy());
        Label positive = new Label(positiveClass);
        m.put("precision", e.precision(positive));
        m.put("recall", e.recall(positive));
        m.put("f1", e.f1(positive));
        m.put("macro_f1", e.macroAveragedF1());
        if (model.generatesProbabilities()) {
            m.put("auc", e.AUCROC(positive));
        }
        m.put("test_rows", (double) rows);
        return m;
    }

    private static Map<String, Double> regression(Model<Regressor> model, Dataset<Regressor> data) {
        RegressionEvaluation e = new RegressionEvaluator().evaluate(model, data);
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("rmse", e.averageRMSE());
        m.put("mae", e.averageMAE());
        m.put("r2", e.averageR2());
        m.put("test_rows", (double) data.size());
        return m;
    }

    /**
     * The class precision, recall and AUC are reported for: the spec's {@code positive_class}, else
     * a conventional positive value present in the data (Yes, yes, true, 1, positive), else the
     * alphabetically last observed value.
     */
    public static String positiveClass(String declared, Set<String> observed) {
        if (declared != null) {
            return declared;
        }
        for (String candidate : new String[] {"Yes", "yes", "YES", "true", "True", "1", "positive"}) {
            if (observed.contains(candidate)) {
                return candidate;
            }
        }
        return new TreeSet<>(observed).last();
    }
}

package dev.modelops.steps;

import dev.modelops.ml.ModelEvaluator;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.tribuo.Dataset;
import org.tribuo.Model;
import org.tribuo.Prediction;
import org.tribuo.classification.Label;
import org.tribuo.classification.evaluation.LabelEvaluation;
import org.tribuo.classification.evaluation.LabelEvaluator;

/**
 * What a classifier's predictions on clean test rows are worth: the metrics evaluateModel and the
 * gates use (accuracy, AUC, macro F1, ...), each class's recall, and how many rows it predicts as
 * each class. Hardening reports its cost in these terms, because on imbalanced data accuracy
 * hides the failure that matters: a model that buys robustness by predicting the majority class
 * for everyone keeps its accuracy and loses its AUC, its macro F1 and the minority class's recall.
 *
 * @param metrics evaluation metrics by name (as {@link ModelEvaluator} computes them)
 * @param recall recall of each class (sorted by class)
 * @param predicted how many test rows the model assigns to each class (every class, 0 included)
 * @param rows test rows
 */
record CleanQuality(Map<String, Double> metrics, Map<String, Double> recall, Map<String, Integer> predicted, int rows) {
    /** Metrics a hardening's cost is reported in, in this order (those the model has). */
    static final List<String> COST_METRICS = List.of("auc", "macro_f1", "accuracy");

    static CleanQuality of(Model<Label> model, Dataset<Label> test, String positiveClass) {
        LabelEvaluation e = new LabelEvaluator().evaluate(model, test);
        Map<String, Double> metrics = ModelEvaluator.classification(e, model, test.size(), positiveClass);
        Set<String> observed = new HashSet<>();
        test.getOutputInfo().getDomain().forEach(l -> observed.add(l.getLabel()));
        Set<String> classes = new TreeSet<>(observed);
        model.getOutputIDInfo().getDomain().forEach(l -> classes.add(l.getLabel()));
        Map<String, Double> recall = new TreeMap<>();
        Map<String, Integer> predicted = new TreeMap<>();
        for (String c : classes) {
            predicted.put(c, 0);
            if (observed.contains(c)) {
                recall.put(c, e.recall(new Label(c)));
            }
        }
        for (Prediction<Label> p : e.getPredictions()) {
            predicted.merge(p.getOutput().getLabel(), 1, Integer::sum);
        }
        return new CleanQuality(metrics, recall, predicted, test.size());
    }

    /**
     * Classes this model recognised (recall above 0) that {@code after} never gets right (recall
     * 0): a hardened model that lost a class has collapsed toward the others.
     */
    List<String> lostIn(CleanQuality after) {
        List<String> lost = new ArrayList<>();
        recall.forEach((c, r) -> {
            Double a = after.recall.get(c);
            if (r > 0 && a != null && a == 0) {
                lost.add(c);
            }
        });
        return lost;
    }

    /** The classes it predicts for at least one row. */
    List<String> predictedClasses() {
        List<String> out = new ArrayList<>();
        predicted.forEach((c, n) -> {
            if (n > 0) {
                out.add(c);
            }
        });
        return out;
    }

    /**
     * {@code {auc: {before, after, change}, macro_f1: ..., recall.No: ...}}: what the lineage
     * attribute {@code hardening.cost} keeps (change = after - before; a loss is negative).
     */
    Map<String, Object> costTo(CleanQuality after) {
        Map<String, Object> cost = new LinkedHashMap<>();
        for (String m : COST_METRICS) {
            put(cost, m, metrics.get(m), after.metrics.get(m));
        }
        recall.forEach((c, r) -> put(cost, "recall." + c, r, after.recall.get(c)));
        return cost;
    }

    private static void put(Map<String, Object> cost, String name, Double before, Double after) {
        if (before == null || after == null || !Double.isFinite(before) || !Double.isFinite(after)) {
            return;
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("before", before);
        m.put("after", after);
        m.put("change", after - before);
        cost.put(name, m);
    }

    /** {@code AUC 0.7172 -> 0.6266, macro F1 0.4771 -> 0.4569, recall No 0.021 -> 0.000, Yes 0.998 -> 1.000, accuracy ...}. */
    String describeChangeTo(CleanQuality after) {
        List<String> parts = new ArrayList<>();
        Map<String, String> names = Map.of("auc", "AUC", "macro_f1", "macro F1", "accuracy", "accuracy");
        for (String m : List.of("auc", "macro_f1")) {
            Double b = metrics.get(m);
            Double a = after.metrics.get(m);
            if (b != null && a != null) {
                parts.add(String.format(Locale.ROOT, "%s %.4f -> %.4f", names.get(m), b, a));
            }
        }
        List<String> recalls = new ArrayList<>();
        recall.forEach((c, r) -> {
            Double a = after.recall.get(c);
            if (a != null) {
                recalls.add(String.format(Locale.ROOT, "%s %.3f -> %.3f", c, r, a));
            }
        });
        if (!recalls.isEmpty()) {
            parts.add("recall " + String.join(", ", recalls));
        }
        Double b = metrics.get("accuracy");
        Double a = after.metrics.get("accuracy");
        if (b != null && a != null) {
            parts.add(String.format(Locale.ROOT, "accuracy %.4f -> %.4f", b, a));
        }
        return String.join(", ", parts);
    }
}

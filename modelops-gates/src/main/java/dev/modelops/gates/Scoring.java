package dev.modelops.gates;

import dev.modelops.core.InputError;
import dev.modelops.core.artifact.ArtifactStore;
import dev.modelops.core.data.LoadedDataset;
import dev.modelops.core.data.Table;
import dev.modelops.core.lineage.Entity;
import dev.modelops.core.spec.ModelSpec;
import dev.modelops.ml.FeatureEncoder;
import dev.modelops.ml.ModelEvaluator;
import dev.modelops.ml.ModelVersions;
import dev.modelops.ml.TaskKind;
import dev.modelops.ml.TribuoData;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.tribuo.Example;
import org.tribuo.Model;
import org.tribuo.MutableDataset;
import org.tribuo.Prediction;
import org.tribuo.classification.Label;

/**
 * Scores one model version on test rows: Tribuo's evaluators for the metrics (through
 * {@link ModelEvaluator}, the same numbers evaluateModel records) and the row-by-row predictions
 * fairness is computed from. A version is scored with the features it was trained on (from its
 * MODEL record), so a champion trained on other features is judged on the same rows fairly.
 */
final class Scoring {
    private Scoring() {
    }

    /**
     * A scored model version.
     *
     * @param metrics Tribuo's metrics on the test rows
     * @param positiveClass the class precision, recall and AUC are for (null for regression)
     * @param rows the test rows with a label, in order
     * @param actual their true labels
     * @param predicted the model's predicted labels (classification), else null
     */
    record Scored(Map<String, Double> metrics, String positiveClass, int[] rows, String[] actual, String[] predicted) {
    }

    /** The features a model version was trained on, from its record, else the spec's. */
    @SuppressWarnings("unchecked")
    static List<String> features(Entity version, ModelSpec spec) {
        Object f = version.attributes().get("features");
        if (f instanceof List<?> list && !list.isEmpty()) {
            return ((List<Object>) list).stream().map(String::valueOf).toList();
        }
        return spec.features();
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    static Scored score(ArtifactStore store, Entity version, LoadedDataset data, ModelSpec spec, int[] testRows) {
        List<String> features = features(version, spec);
        Table table = data.table();
        for (String f : features) {
            if (!table.hasColumn(f)) {
                throw new InputError(version.label(), "was trained on feature '" + f + "', which " + data.path().getFileName()
                        + " no longer has");
            }
        }
        TaskKind kind = ModelVersions.kind(version);
        Model model = ModelVersions.load(store, version);
        ModelSpec asTrained = spec.withFeatures(features);
        MutableDataset<?> test = TribuoData.dataset(data, asTrained, kind, testRows, "test");
        if (test.size() == 0) {
            throw new InputError(version.label(), "no test row of " + data.path().getFileName() + " has a label to judge against");
        }
        String positive = null;
        if (kind == TaskKind.CLASSIFICATION) {
            Set<String> observed = new HashSet<>();
            test.getOutputInfo().getDomain().forEach(o -> observed.add(o.toString()));
            model.getOutputIDInfo().getDomain().forEach(o -> observed.add(o.toString()));
            Object declared = version.attributes().get("positiveClass");
            positive = ModelEvaluator.positiveClass(declared != null ? String.valueOf(declared) : spec.positiveClass(), observed);
        }
        Map<String, Double> metrics = ModelEvaluator.evaluate(model, test, kind, positive);
        int labelColumn = table.columnIndex(spec.label());
        List<Integer> rows = new ArrayList<>();
        List<Example> examples = new ArrayList<>();
        FeatureEncoder encoder = new FeatureEncoder(data.spec(), features, table);
        for (int r : testRows) {
            if (table.text(r, labelColumn) != null) {
                rows.add(r);
                examples.add(TribuoData.example(encoder, table, r, kind));
            }
        }
        int[] rowArray = rows.stream().mapToInt(Integer::intValue).toArray();
        String[] actual = new String[rowArray.length];
        for (int i = 0; i < rowArray.length; i++) {
            actual[i] = table.text(rowArray[i], labelColumn);
        }
        String[] predicted = null;
        if (kind == TaskKind.CLASSIFICATION) {
            List<Prediction> predictions = model.predict(examples);
            predicted = new String[predictions.size()];
            for (int i = 0; i < predicted.length; i++) {
                predicted[i] = ((Label) predictions.get(i).getOutput()).getLabel();
            }
        }
        return new Scored(metrics, positive, rowArray, actual, predicted);
    }
}

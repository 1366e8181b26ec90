package dev.modelops.drift.profile;

import dev.modelops.core.data.Table;
import dev.modelops.core.spec.DatasetSpec;
import dev.modelops.ml.FeatureEncoder;
import dev.modelops.ml.ModelEvaluator;
import dev.modelops.ml.TaskKind;
import dev.modelops.ml.TribuoData;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.tribuo.Example;
import org.tribuo.Model;
import org.tribuo.Prediction;
import org.tribuo.classification.Label;
import org.tribuo.regression.Regressor;

/**
 * Runs a model over table rows, encoding them exactly as training did ({@link FeatureEncoder}),
 * and adds its outputs to a profile: the predicted class (or value) and, for a probabilistic
 * classifier, the probability of the positive class. Prediction drift compares these.
 */
public final class ModelPredictor {
    private final Model<?> model;
    private final TaskKind task;
    private final DatasetSpec dataset;
    private final List<String> features;
    private final String positiveClass;

    public ModelPredictor(Model<?> model, TaskKind task, DatasetSpec dataset, List<String> features,
                          String declaredPositiveClass) {
        this.model = model;
        this.task = task;
        this.dataset = dataset;
        this.features = List.copyOf(features);
        if (task == TaskKind.CLASSIFICATION) {
            Set<String> domain = new HashSet<>();
            model.getOutputIDInfo().getDomain().forEach(o -> domain.add(o.toString()));
            this.positiveClass = ModelEvaluator.positiveClass(declaredPositiveClass, domain);
        } else {
            this.positiveClass = null;
        }
    }

    public boolean givesScore() {
        return task == TaskKind.CLASSIFICATION && model.generatesProbabilities();
    }

    public String positiveClass() {
        return positiveClass;
    }

    public Model<?> model() {
        return model;
    }

    public TaskKind task() {
        return task;
    }

    /**
     * Predicts all examples at once; if Tribuo refuses the batch (an example without any feature
     * the model knows), predicts one by one and leaves the refused rows as null.
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private List<Prediction> predict(List<Example> examples) {
        try {
            return ((Model) model).predict((Iterable) examples);
        } catch (IllegalArgumentException e) {
            List<Prediction> out = new ArrayList<>(examples.size());
            for (Example ex : examples) {
                try {
                    out.add(((Model) model).predict(ex));
                } catch (IllegalArgumentException refused) {
                    out.add(null);
                }
            }
            return out;
        }
    }

    /** Predicts the given rows (null: all) and adds the outputs to the profile's prediction columns. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public void addPredictions(DataProfile profile, Table table, int[] rows) {
        int n = rows == null ? table.size() : rows.length;
        if (n == 0) {
            return;
        }
        FeatureEncoder encoder = new FeatureEncoder(dataset, features, table);
        List<Example> examples = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            examples.add(TribuoData.example(encoder, table, rows == null ? i : rows[i], task));
        }
        addPredictions(profile, (List) predict(examples));
    }

    /**
     * Adds outputs this model already gave (a model server's answers) to the profile's prediction
     * columns, exactly as {@link #addPredictions(DataProfile, Table, int[])} would; a null entry is
     * a row the model could not predict.
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public void addPredictions(DataProfile profile, List<? extends Prediction<?>> predictions) {
        ColumnProfile predicted = profile.column(ProfileLayout.PREDICTION).orElseThrow();
        ColumnProfile score = profile.column(ProfileLayout.PREDICTION_SCORE).orElse(null);
        for (Prediction p : (List<Prediction>) (List) predictions) {
            if (p == null) {
                // the model could not predict this row (no feature it knows): a missing prediction
                if (task == TaskKind.CLASSIFICATION) {
                    predicted.categories().addMissing(1);
                    if (score != null) {
                        score.numeric().addMissing();
                    }
                } else {
                    predicted.numeric().addMissing();
                }
                continue;
            }
            if (task == TaskKind.CLASSIFICATION) {
                Label label = (Label) p.getOutput();
                predicted.categories().add(label.getLabel());
                if (score != null) {
                    Object s = p.getOutputScores().get(positiveClass);
                    score.numeric().add(s == null ? 0.0 : ((Label) s).getScore());
                }
            } else {
                predicted.numeric().add(((Regressor) p.getOutput()).getValues()[0]);
            }
        }
    }
}

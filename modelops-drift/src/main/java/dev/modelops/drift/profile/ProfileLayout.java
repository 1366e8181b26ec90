package dev.modelops.drift.profile;

import dev.modelops.core.spec.ColumnSpec;
import dev.modelops.core.spec.ColumnType;
import dev.modelops.core.spec.DatasetSpec;
import dev.modelops.ml.TaskKind;
import java.util.ArrayList;
import java.util.List;

/**
 * Which columns a model's profiles hold and how each is summarised: every feature (numeric or
 * categorical as its dataset declares it), the label, and the model's outputs - the predicted
 * class (or value) and, for a classifier that gives probabilities, the positive-class score.
 * Reference and current profiles of one model share a layout, so they compare column by column.
 */
public final class ProfileLayout {
    public static final String PREDICTION = "prediction";
    public static final String PREDICTION_SCORE = "prediction_score";

    private ProfileLayout() {
    }

    /**
     * @param dataset the dataset declaration (column types)
     * @param features the model's features
     * @param label the label column
     * @param task classification or regression
     * @param withScore whether the model gives a positive-class probability
     */
    public static DataProfile empty(DatasetSpec dataset, List<String> features, String label, TaskKind task,
                                    boolean withScore) {
        List<ColumnProfile> columns = new ArrayList<>();
        for (String f : features) {
            columns.add(isNumeric(dataset, f) ? ColumnProfile.numeric(f, ColumnRole.FEATURE)
                    : ColumnProfile.categorical(f, ColumnRole.FEATURE));
        }
        if (label != null) {
            columns.add(task == TaskKind.REGRESSION ? ColumnProfile.numeric(label, ColumnRole.LABEL)
                    : ColumnProfile.categorical(label, ColumnRole.LABEL));
        }
        columns.add(task == TaskKind.REGRESSION ? ColumnProfile.numeric(PREDICTION, ColumnRole.PREDICTION)
                : ColumnProfile.categorical(PREDICTION, ColumnRole.PREDICTION));
        if (task == TaskKind.CLASSIFICATION && withScore) {
            columns.add(ColumnProfile.numeric(PREDICTION_SCORE, ColumnRole.PREDICTION));
        }
        return new DataProfile(columns);
    }

    /** A column is numeric when its dataset declares it numeric or integer (undeclared: numeric, as training). */
    public static boolean isNumeric(DatasetSpec dataset, String column) {
        ColumnSpec spec = dataset.schema().get(column);
        return spec == null ? true : spec.type().isNumeric();
    }

    public static boolean isCategorical(DatasetSpec dataset, String column) {
        ColumnSpec spec = dataset.schema().get(column);
        return spec != null && spec.type() == ColumnType.CATEGORICAL;
    }
}

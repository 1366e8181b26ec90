package dev.modelops.ml;

import dev.modelops.core.data.Table;
import dev.modelops.core.spec.ColumnType;
import dev.modelops.core.spec.DatasetSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns a table row into Tribuo features the way every module must agree on: a numeric column is
 * one feature named after the column; a categorical column is a one-hot feature
 * {@code column@value} = 1. A missing cell contributes no feature (Tribuo reads it as 0).
 * Drift profiles, fairness checks and the model server reuse this, so training and serving
 * encode identically.
 */
public final class FeatureEncoder {
    private final List<String> features;
    private final int[] columns;
    private final boolean[] numeric;

    public FeatureEncoder(DatasetSpec dataset, List<String> features, Table table) {
        this.features = List.copyOf(features);
        this.columns = new int[features.size()];
        this.numeric = new boolean[features.size()];
        for (int i = 0; i < features.size(); i++) {
            String f = features.get(i);
            columns[i] = table.columnIndex(f);
            ColumnType type = dataset.schema().get(f) == null ? ColumnType.NUMERIC : dataset.schema().get(f).type();
            numeric[i] = type.isNumeric();
        }
    }

    public List<String> features() {
        return features;
    }

    /** Feature names and values of one row, in feature order. */
    public Encoded encode(Table table, int row) {
        List<String> names = new ArrayList<>(features.size());
        List<Double> values = new ArrayList<>(features.size());
        for (int i = 0; i < columns.length; i++) {
            String cell = table.text(row, columns[i]);
            if (cell == null) {
                continue;
            }
            if (numeric[i]) {
                names.add(features.get(i));
                values.add(Double.parseDouble(cell));
            } else {
                names.add(features.get(i) + "@" + cell);
                values.add(1.0);
            }
        }
        return new Encoded(names.toArray(new String[0]), values.stream().mapToDouble(Double::doubleValue).toArray());
    }

    /**
     * Encoded features of one row.
     *
     * @param names feature names
     * @param values feature values
     */
    public record Encoded(String[] names, double[] values) {
    }
}

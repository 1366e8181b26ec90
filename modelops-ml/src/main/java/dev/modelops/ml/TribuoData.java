package dev.modelops.ml;

import dev.modelops.core.InputError;
import dev.modelops.core.data.LoadedDataset;
import dev.modelops.core.data.Table;
import dev.modelops.core.spec.ModelSpec;
import java.util.ArrayList;
import java.util.List;
import org.tribuo.Example;
import org.tribuo.MutableDataset;
import org.tribuo.Output;
import org.tribuo.OutputFactory;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.impl.ArrayExample;
import org.tribuo.provenance.SimpleDataSourceProvenance;
import org.tribuo.regression.RegressionFactory;
import org.tribuo.regression.Regressor;

/**
 * Builds Tribuo datasets from table rows for a model. The dataset's provenance names the data
 * file's SHA-256 and the rows used, so the trained model's own Tribuo provenance says what it
 * was trained on even outside our lineage store.
 */
public final class TribuoData {
    private TribuoData() {
    }

    public static OutputFactory<?> outputFactory(TaskKind kind) {
        return kind == TaskKind.CLASSIFICATION ? new LabelFactory() : new RegressionFactory();
    }

    /** Examples of the given rows; rows with a missing label are left out. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public static MutableDataset<?> dataset(LoadedDataset data, ModelSpec model, TaskKind kind, int[] rows, String part) {
        Table table = data.table();
        FeatureEncoder encoder = new FeatureEncoder(data.spec(), model.features(), table);
        int label = table.columnIndex(model.label());
        List<Example> examples = new ArrayList<>(rows.length);
        for (int r : rows) {
            String cell = table.text(r, label);
            if (cell == null) {
                continue;
            }
            Output<?> output = output(kind, model.label(), cell, data, r);
            FeatureEncoder.Encoded enc = encoder.encode(table, r);
            examples.add(new ArrayExample(output, enc.names(), enc.values()));
        }
        OutputFactory factory = outputFactory(kind);
        String description = data.spec().name() + " sha256=" + data.sha256() + " " + part + " rows=" + examples.size();
        return new MutableDataset(examples, new SimpleDataSourceProvenance(description, factory), factory);
    }

    /** One row as an unlabelled example (for prediction). */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public static Example<?> example(FeatureEncoder encoder, Table table, int row, TaskKind kind) {
        FeatureEncoder.Encoded enc = encoder.encode(table, row);
        Output unknown = outputFactory(kind).getUnknownOutput();
        return new ArrayExample(unknown, enc.names(), enc.values());
    }

    private static Output<?> output(TaskKind kind, String labelName, String cell, LoadedDataset data, int row) {
        if (kind == TaskKind.CLASSIFICATION) {
            return new Label(cell);
        }
        try {
            return new Regressor(labelName, Double.parseDouble(cell));
        } catch (NumberFormatException e) {
            throw new InputError(data.path() + ":" + data.table().lineOf(row), "label '" + labelName
                    + "': a regression label must be a number, got '" + cell + "'");
        }
    }
}

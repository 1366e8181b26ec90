package dev.modelops.steps.serve;

import dev.modelops.core.data.Table;
import dev.modelops.core.spec.ColumnSpec;
import dev.modelops.core.spec.ColumnType;
import dev.modelops.core.spec.DatasetSpec;
import dev.modelops.ml.FeatureEncoder;
import dev.modelops.ml.TaskKind;
import dev.modelops.ml.TribuoData;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tribuo.Example;
import org.tribuo.Model;
import org.tribuo.Prediction;
import org.tribuo.classification.Label;
import org.tribuo.regression.Regressor;

/**
 * Turns a request's raw feature values (column name to value, as in the dataset's CSV) into a
 * prediction, encoding them exactly as training did ({@link FeatureEncoder}: numbers as they are,
 * categories one-hot). Unknown feature names, non-numbers in numeric columns and values outside a
 * categorical column's declared {@code values} are refused with a message naming them (the model
 * never learnt such a category, so it would score it silently as if the feature were missing); an
 * absent feature counts as missing, as an empty CSV cell would.
 */
public final class Predictor {
    private final Model<?> model;
    private final TaskKind kind;
    private final List<String> features;
    private final DatasetSpec dataset;

    public Predictor(Model<?> model, TaskKind kind, List<String> features, DatasetSpec dataset) {
        this.model = model;
        this.kind = kind;
        this.features = List.copyOf(features);
        this.dataset = dataset;
    }

    public List<String> features() {
        return features;
    }

    /** A request the server refuses with 400 and this message. */
    public static final class BadRequest extends RuntimeException {
        public BadRequest(String message) {
            super(message);
        }
    }

    /**
     * @param output predicted class (or value, for regression)
     * @param scores class scores (classification)
     */
    public record Result(String output, Map<String, Double> scores) {
    }

    /**
     * One request's answers.
     *
     * @param rows the rows as a table of the model's features (raw values; null = missing)
     * @param predictions Tribuo's predictions, in row order
     * @param results the answers, in row order
     */
    public record Answered(Table rows, List<Prediction<?>> predictions, List<Result> results) {
    }

    /** Checks and normalises one request's values to text cells. */
    public Map<String, String> row(Map<String, ?> values) {
        Map<String, String> row = new LinkedHashMap<>();
        for (Map.Entry<String, ?> e : values.entrySet()) {
            if (!features.contains(e.getKey())) {
                throw new BadRequest("unknown feature '" + e.getKey() + "'; the model's features: "
                        + (features.size() > 12 ? String.join(", ", features.subList(0, 12)) + ", ... ("
                        + features.size() + ")" : String.join(", ", features)));
            }
            Object v = e.getValue();
            String text = v == null ? null : String.valueOf(v);
            if (text == null || text.isEmpty() || dataset.missing().contains(text)) {
                continue; // missing, as an empty or missing-marker cell of the training CSV
            }
            ColumnSpec col = dataset.schema().get(e.getKey());
            if (col != null && col.type().isNumeric()) {
                try {
                    Double.parseDouble(text);
                } catch (NumberFormatException ex) {
                    throw new BadRequest("feature '" + e.getKey() + "' is numeric; got '" + text + "'");
                }
            } else if (col != null && col.type() == ColumnType.CATEGORICAL && !col.values().isEmpty()
                    && !col.values().contains(text)) {
                throw new BadRequest("feature '" + e.getKey() + "' is categorical with values " + col.values() + "; got '"
                        + text + "'");
            }
            row.put(e.getKey(), text);
        }
        return row;
    }

    public Answered predict(List<Map<String, String>> rows) {
        List<String[]> cells = new ArrayList<>(rows.size());
        for (Map<String, String> r : rows) {
            String[] line = new String[features.size()];
            for (int i = 0; i < line.length; i++) {
                line[i] = r.get(features.get(i));
            }
            cells.add(line);
        }
        Table table = new Table(features, cells);
        FeatureEncoder encoder = new FeatureEncoder(dataset, features, table);
        List<Example<?>> examples = new ArrayList<>(rows.size());
        for (int i = 0; i < rows.size(); i++) {
            examples.add(TribuoData.example(encoder, table, i, kind));
        }
        List<Prediction<?>> predictions = predictAll(examples);
        List<Result> out = new ArrayList<>(rows.size());
        for (Prediction<?> p : predictions) {
            out.add(result(p));
        }
        return new Answered(table, predictions, out);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private List<Prediction<?>> predictAll(List<Example<?>> examples) {
        List raw = ((Model) model).predict((List) examples);
        return raw;
    }

    private Result result(Prediction<?> p) {
        if (kind == TaskKind.REGRESSION) {
            Regressor r = (Regressor) p.getOutput();
            return new Result(String.valueOf(r.getValues()[0]), Map.of());
        }
        Map<String, Double> scores = new LinkedHashMap<>();
        p.getOutputScores().forEach((name, out) -> scores.put(name, ((Label) out).getScore()));
        return new Result(((Label) p.getOutput()).getLabel(), scores);
    }
}

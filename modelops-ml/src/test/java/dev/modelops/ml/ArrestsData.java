package dev.modelops.ml;

import dev.modelops.core.data.DatasetLoader;
import dev.modelops.core.data.LoadedDataset;
import dev.modelops.core.spec.ColumnSpec;
import dev.modelops.core.spec.ColumnType;
import dev.modelops.core.spec.DatasetSpec;
import dev.modelops.core.spec.ModelSpec;
import dev.modelops.core.spec.SplitSpec;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The Toronto arrests example data as tests read it. */
final class ArrestsData {
    static final Path CSV = Path.of("..", "examples", "arrests", "data", "arrests.csv");

    private ArrestsData() {
    }

    static LoadedDataset load() {
        Map<String, ColumnSpec> schema = new LinkedHashMap<>();
        schema.put("released", ColumnSpec.of(ColumnType.CATEGORICAL));
        schema.put("colour", ColumnSpec.of(ColumnType.CATEGORICAL));
        schema.put("year", ColumnSpec.of(ColumnType.INTEGER));
        schema.put("age", ColumnSpec.of(ColumnType.INTEGER));
        schema.put("sex", ColumnSpec.of(ColumnType.CATEGORICAL));
        schema.put("employed", ColumnSpec.of(ColumnType.CATEGORICAL));
        schema.put("citizen", ColumnSpec.of(ColumnType.CATEGORICAL));
        schema.put("checks", ColumnSpec.of(ColumnType.INTEGER));
        return new DatasetLoader().load(new DatasetSpec("arrests", CSV.toString(), "csv", schema, null), CSV);
    }

    static ModelSpec model(String trainer, String label, List<String> features) {
        return new ModelSpec("m", trainer, Map.of(), "arrests", features, label, null,
                new SplitSpec("year <= 1999", null, null), null, null, null);
    }
}

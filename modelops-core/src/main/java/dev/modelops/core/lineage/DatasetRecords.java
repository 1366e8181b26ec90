package dev.modelops.core.lineage;

import dev.modelops.core.data.LoadedDataset;
import dev.modelops.core.spec.ColumnSpec;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The one way a dataset version is recorded, so every step that reads the same bytes under the
 * same name and schema lands on the same record (same id, same version).
 */
public final class DatasetRecords {
    private DatasetRecords() {
    }

    public static LineageRecord of(LoadedDataset data) {
        Map<String, Object> schema = new LinkedHashMap<>();
        for (Map.Entry<String, ColumnSpec> e : data.spec().schema().entrySet()) {
            schema.put(e.getKey(), e.getValue().type().yamlName());
        }
        return LineageRecord.builder(EntityKind.DATASET, data.spec().name())
                .contentHash(data.sha256())
                .attribute("uri", data.path().toAbsolutePath().normalize().toString())
                .attribute("format", data.spec().format())
                .attribute("rows", data.table().size())
                .attribute("columns", data.table().columns())
                .attribute("schema", schema)
                .build();
    }

    public static Entity record(LineageStore store, LoadedDataset data) {
        return store.record(of(data));
    }
}

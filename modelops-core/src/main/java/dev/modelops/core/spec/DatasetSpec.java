package dev.modelops.core.spec;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A named dataset: where its CSV lives and the schema it promises. Its content hash is computed
 * when it is read, never declared, so lineage always reflects the bytes actually used.
 *
 * @param name the key under {@code datasets}
 * @param uri a path, relative to the spec file's folder unless absolute
 * @param format only {@code csv} for now
 * @param schema declared columns in file order (need not list every column of the file)
 * @param missing cell values that mean "missing" in addition to the empty string
 */
public record DatasetSpec(String name, String uri, String format, Map<String, ColumnSpec> schema,
                          java.util.List<String> missing) {
    public DatasetSpec {
        format = format == null ? "csv" : format;
        schema = schema == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(schema));
        missing = missing == null ? java.util.List.of("NA") : java.util.List.copyOf(missing);
    }

    public DatasetSpec withName(String newName) {
        return new DatasetSpec(newName, uri, format, schema, missing);
    }

    public DatasetSpec withUri(String newUri) {
        return new DatasetSpec(name, newUri, format, schema, missing);
    }
}

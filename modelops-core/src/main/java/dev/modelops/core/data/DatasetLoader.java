package dev.modelops.core.data;

import dev.modelops.core.InputError;
import dev.modelops.core.spec.ColumnSpec;
import dev.modelops.core.spec.ColumnType;
import dev.modelops.core.spec.DatasetSpec;
import dev.modelops.core.util.Hashing;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Reads a declared dataset and holds it to its schema: every declared column must be in the
 * header and numeric columns must hold numbers. Results are cached per file content within one
 * loader (one run), so train and evaluate tasks read the file once.
 */
public final class DatasetLoader {
    private final Map<String, LoadedDataset> cache = new ConcurrentHashMap<>();

    public LoadedDataset load(DatasetSpec spec, Path file) {
        String hash = hashOrFail(file);
        return cache.computeIfAbsent(spec.name() + "\u0000" + file + "\u0000" + hash, k -> read(spec, file, hash));
    }

    private static String hashOrFail(Path file) {
        if (!java.nio.file.Files.isRegularFile(file)) {
            throw new InputError(file.toString(), "file not found");
        }
        return Hashing.sha256(file);
    }

    private static LoadedDataset read(DatasetSpec spec, Path file, String hash) {
        Set<String> missing = new HashSet<>(spec.missing());
        Table table = CsvTables.read(file, missing);
        checkSchema(spec, file, table);
        return new LoadedDataset(spec, file, hash, table);
    }

    /** Throws an {@link InputError} naming the column and the line for the first schema violation. */
    public static void checkSchema(DatasetSpec spec, Path file, Table table) {
        for (Map.Entry<String, ColumnSpec> e : spec.schema().entrySet()) {
            String column = e.getKey();
            if (!table.hasColumn(column)) {
                throw new InputError(file + ":1", "column '" + column + "' declared in datasets." + spec.name()
                        + ".schema is not in the header; header: " + String.join(", ", table.columns()));
            }
            ColumnType type = e.getValue().type();
            if (!type.isNumeric()) {
                continue;
            }
            int c = table.columnIndex(column);
            for (int r = 0; r < table.size(); r++) {
                String cell = table.text(r, c);
                if (cell == null) {
                    continue;
                }
                double v;
                try {
                    v = Double.parseDouble(cell);
                } catch (NumberFormatException ex) {
                    throw new InputError(file + ":" + table.lineOf(r), "column '" + column + "': expected a number ("
                            + type.yamlName() + "), got '" + cell + "'");
                }
                if (type == ColumnType.INTEGER && v != Math.rint(v)) {
                    throw new InputError(file + ":" + table.lineOf(r), "column '" + column + "': expected a whole number, got '"
                            + cell + "'");
                }
            }
        }
    }
}

package dev.modelops.gates;

import dev.modelops.core.spec.ColumnSpec;
import dev.modelops.core.spec.ColumnType;
import dev.modelops.core.spec.DatasetSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/** The arrests example's data and declared schema, and variants of the file for validation tests. */
final class Arrests {
    static final Path CSV = Path.of("..", "examples", "arrests", "data", "arrests.csv");

    private Arrests() {
    }

    static DatasetSpec dataset() {
        Map<String, ColumnSpec> schema = new LinkedHashMap<>();
        schema.put("released", new ColumnSpec(ColumnType.CATEGORICAL, List.of("Yes", "No"), null, null));
        schema.put("colour", new ColumnSpec(ColumnType.CATEGORICAL, List.of("Black", "White"), null, null));
        schema.put("year", new ColumnSpec(ColumnType.INTEGER, List.of(), 1997.0, 2002.0));
        schema.put("age", new ColumnSpec(ColumnType.INTEGER, List.of(), 0.0, 120.0));
        schema.put("sex", new ColumnSpec(ColumnType.CATEGORICAL, List.of("Female", "Male"), null, null));
        schema.put("employed", new ColumnSpec(ColumnType.CATEGORICAL, List.of("Yes", "No"), null, null));
        schema.put("citizen", new ColumnSpec(ColumnType.CATEGORICAL, List.of("Yes", "No"), null, null));
        schema.put("checks", new ColumnSpec(ColumnType.INTEGER, List.of(), 0.0, 6.0));
        return new DatasetSpec("arrests", CSV.toString(), "csv", schema, null);
    }

    static List<String> lines() throws IOException {
        return Files.readAllLines(CSV);
    }

    /** Writes a copy of the data with the header and each data line (0-based index) rewritten. */
    static Path variant(Path dir, String name, UnaryOperator<String> header, LineRewrite rows) throws IOException {
        List<String> in = lines();
        List<String> out = new ArrayList<>();
        out.add(header.apply(in.get(0)));
        for (int i = 1; i < in.size(); i++) {
            out.add(rows.apply(i - 1, in.get(i)));
        }
        Path file = dir.resolve(name);
        Files.write(file, out);
        return file;
    }

    /** Rewrites one data line. */
    interface LineRewrite {
        String apply(int index, String line);
    }

    /** Replaces field {@code column} (0-based) of a simple CSV line. */
    static String setField(String line, int column, String value) {
        String[] f = line.split(",", -1);
        f[column] = value;
        return String.join(",", f);
    }
}

package dev.modelops.drift.profile;

import dev.modelops.core.InputError;
import dev.modelops.core.data.Table;

/**
 * Feeds table rows into a profile: each feature and label column of the profile that the table
 * has is read cell by cell (a missing cell counts as missing; a non-number in a numeric column is
 * an input error naming the file line). Model outputs are added by {@link ModelPredictor}.
 */
public final class TableProfiler {
    private TableProfiler() {
    }

    /**
     * @param profile the profile to add to
     * @param table the rows
     * @param rows row indexes to add, or null for all
     * @param display the file name, for messages
     */
    public static void addRows(DataProfile profile, Table table, int[] rows, String display) {
        int n = rows == null ? table.size() : rows.length;
        for (ColumnProfile column : profile.columns().values()) {
            if (column.role() == ColumnRole.PREDICTION || !table.hasColumn(column.name())) {
                continue;
            }
            int c = table.columnIndex(column.name());
            if (column.kind() == ColumnKind.NUMERIC) {
                NumericSummary s = column.numeric();
                for (int i = 0; i < n; i++) {
                    int r = rows == null ? i : rows[i];
                    String cell = table.text(r, c);
                    if (cell == null) {
                        s.addMissing();
                        continue;
                    }
                    double v;
                    try {
                        v = Double.parseDouble(cell);
                    } catch (NumberFormatException e) {
                        throw new InputError(display + ":" + table.lineOf(r), "column '" + column.name()
                                + "': expected a number, got '" + cell + "'");
                    }
                    if (Double.isNaN(v)) {
                        s.addMissing();
                    } else {
                        s.add(v);
                    }
                }
            } else {
                CategoryCounts counts = column.categories();
                for (int i = 0; i < n; i++) {
                    counts.add(table.text(rows == null ? i : rows[i], c));
                }
            }
        }
        profile.addRows(n);
    }
}

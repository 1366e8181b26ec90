package dev.modelops.core.spec;

import java.util.List;

/**
 * The declared schema of one column. Declared categories and ranges are what data validation
 * compares a new file against, so a silently renamed or re-typed column is caught before training.
 *
 * @param type how the column is read
 * @param values allowed categories (categorical columns), empty if not declared
 * @param min lowest allowed value (numeric columns), or null
 * @param max highest allowed value (numeric columns), or null
 */
public record ColumnSpec(ColumnType type, List<String> values, Double min, Double max) {
    public ColumnSpec {
        if (type == null) {
            type = ColumnType.NUMERIC;
        }
        values = values == null ? List.of() : List.copyOf(values);
    }

    public static ColumnSpec of(ColumnType type) {
        return new ColumnSpec(type, List.of(), null, null);
    }
}

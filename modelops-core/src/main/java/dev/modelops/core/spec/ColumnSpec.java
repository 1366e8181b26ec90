package dev.modelops.core.spec;

import com.fasterxml.jackson.annotation.JsonCreator;
import java.util.List;

/**
 * The declared schema of one column. Declared categories and ranges are what data validation
 * compares a new file against, so a silently renamed or re-typed column is caught before training.
 *
 * Written either in full ({@code age: {type: integer, min: 0}}) or as the type alone
 * ({@code age: integer}).
 *
 * @param type how the column is read
 * @param values allowed categories (categorical columns), empty if not declared
 * @param min lowest allowed value (numeric columns), or null
 * @param max highest allowed value (numeric columns), or null
 */
public record ColumnSpec(ColumnType type, List<String> values, Double min, Double max) {
    @JsonCreator(mode = JsonCreator.Mode.PROPERTIES)
    public ColumnSpec {
        if (type == null) {
            type = ColumnType.NUMERIC;
        }
        values = values == null ? List.of() : List.copyOf(values);
    }

    /** The short form {@code age: integer}. */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static ColumnSpec ofType(String type) {
        return of(ColumnType.parse(type));
    }

    public static ColumnSpec of(ColumnType type) {
        return new ColumnSpec(type, List.of(), null, null);
    }
}

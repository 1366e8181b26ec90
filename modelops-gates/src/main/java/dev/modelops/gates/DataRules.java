package dev.modelops.gates;

import java.util.Map;

/**
 * The data-validation rules of a model ({@code gates.data}), applied on top of the dataset's
 * declared schema. Columns and types are always checked at FAIL (a model cannot train on a
 * missing or re-typed column); the rest have a level and, where it makes sense, a limit.
 *
 * @param maxMissing the largest share of missing cells any declared column may have
 * @param missingByColumn per-column exceptions to {@code maxMissing}
 * @param duplicates the largest share of rows that repeat an earlier row (limit null: only reported)
 * @param labelBalance the smallest share the rarest label class may have (limit null: only reported)
 * @param unexpectedColumns what columns in the file but not in the schema give
 * @param ranges what numeric values outside the declared min/max give
 * @param categories what categorical values outside the declared values give
 * @param path where it was declared (for messages), or null for defaults
 */
public record DataRules(Threshold maxMissing, Map<String, Double> missingByColumn, Threshold duplicates,
                        Threshold labelBalance, Level unexpectedColumns, Level ranges, Level categories, String path) {
    public static final double DEFAULT_MAX_MISSING = 0.05;

    public DataRules {
        missingByColumn = Map.copyOf(missingByColumn);
    }

    /** The rules used when a model declares no {@code gates.data}. */
    public static DataRules defaults() {
        return new DataRules(new Threshold(DEFAULT_MAX_MISSING, Level.FAIL), Map.of(), new Threshold(null, Level.IGNORE),
                new Threshold(null, Level.IGNORE), Level.WARN, Level.FAIL, Level.FAIL, null);
    }

    /** The missing-value limit for a column. */
    public double missingLimit(String column) {
        return missingByColumn.getOrDefault(column, maxMissing.limit());
    }

    /**
     * A limit and what exceeding it gives.
     *
     * @param limit the limit, or null when none is declared (the value is only reported)
     * @param level the verdict level on violation
     */
    public record Threshold(Double limit, Level level) {
    }
}

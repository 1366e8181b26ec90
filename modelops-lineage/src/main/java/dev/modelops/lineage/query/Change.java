package dev.modelops.lineage.query;

import java.util.Objects;

/**
 * One compared fact of two model versions.
 *
 * @param field what was compared ({@code sha256}, {@code hyperparameters.epochs}, ...)
 * @param before its value in the older version (null when absent)
 * @param after its value in the newer version (null when absent)
 */
public record Change(String field, Object before, Object after) {
    public boolean changed() {
        return !Objects.equals(normal(before), normal(after));
    }

    /** Numbers compare by value, so 10 (read back from JSON) equals 10.0. */
    private static Object normal(Object v) {
        return v instanceof Number n ? (Object) n.doubleValue() : v;
    }
}

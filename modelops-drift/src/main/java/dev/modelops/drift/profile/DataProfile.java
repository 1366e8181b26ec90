package dev.modelops.drift.profile;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The profile of a batch of rows: the row count and one {@link ColumnProfile} per profiled
 * column, in order. Profiles of batches or partitions merge into the profile of their union, so
 * a reference can be built in parallel or from many files, and live data can be accumulated.
 */
public final class DataProfile {
    private long rows;
    private final Map<String, ColumnProfile> columns = new LinkedHashMap<>();

    public DataProfile() {
    }

    public DataProfile(Collection<ColumnProfile> columns) {
        columns.forEach(c -> this.columns.put(c.name(), c));
    }

    /** An empty profile with the same columns. */
    public DataProfile emptyLike() {
        return new DataProfile(columns.values().stream().map(ColumnProfile::emptyLike).toList());
    }

    public long rows() {
        return rows;
    }

    public void addRows(long n) {
        rows += n;
    }

    public void add(ColumnProfile column) {
        columns.put(column.name(), column);
    }

    public Map<String, ColumnProfile> columns() {
        return Collections.unmodifiableMap(columns);
    }

    public Optional<ColumnProfile> column(String name) {
        return Optional.ofNullable(columns.get(name));
    }

    /** Folds another profile of the same columns into this one. */
    public DataProfile merge(DataProfile other) {
        for (ColumnProfile c : other.columns.values()) {
            ColumnProfile mine = columns.get(c.name());
            if (mine == null) {
                throw new IllegalArgumentException("cannot merge profiles: column '" + c.name() + "' is only in one");
            }
            mine.merge(c);
        }
        if (other.columns.size() != columns.size()) {
            throw new IllegalArgumentException("cannot merge profiles with different columns: " + columns.keySet()
                    + " and " + other.columns.keySet());
        }
        rows += other.rows;
        return this;
    }
}

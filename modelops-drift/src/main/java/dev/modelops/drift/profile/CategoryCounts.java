package dev.modelops.drift.profile;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a profile keeps of a categorical column: the exact count of every value, and of missing
 * cells. Beyond {@link #CAPACITY} distinct values (an identifier, not a category) further new
 * values are pooled as {@link #OTHER}, so a profile stays small. Mergeable by adding counts.
 */
public final class CategoryCounts {
    public static final int CAPACITY = 10_000;
    /** The pooled count of values seen after the capacity was reached. */
    public static final String OTHER = "(other)";

    private final TreeMap<String, long[]> counts = new TreeMap<>();
    private long count;
    private long missing;

    public void add(String value) {
        add(value, 1);
    }

    public void add(String value, long n) {
        if (value == null) {
            missing += n;
            return;
        }
        long[] c = counts.get(value);
        if (c == null) {
            String key = counts.size() >= CAPACITY ? OTHER : value;
            c = counts.computeIfAbsent(key, k -> new long[1]);
        }
        c[0] += n;
        count += n;
    }

    public void addMissing(long n) {
        missing += n;
    }

    public void merge(CategoryCounts other) {
        other.counts.forEach((k, v) -> add(k, v[0]));
        missing += other.missing;
    }

    /** Non-missing cells. */
    public long count() {
        return count;
    }

    public long missing() {
        return missing;
    }

    /** Counts by value, sorted by value. */
    public Map<String, Long> counts() {
        TreeMap<String, Long> out = new TreeMap<>();
        counts.forEach((k, v) -> out.put(k, v[0]));
        return Collections.unmodifiableMap(out);
    }

    public long count(String value) {
        long[] c = counts.get(value);
        return c == null ? 0 : c[0];
    }

    public int distinct() {
        return counts.size();
    }
}

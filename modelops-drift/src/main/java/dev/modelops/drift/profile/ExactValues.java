package dev.modelops.drift.profile;

import java.util.Arrays;

/**
 * Exact counts of the distinct values of a numeric column, kept while the column has at most
 * {@code capacity} distinct values and dropped (only the KLL sketch remains) beyond that.
 * Integer-like columns (ages, counts, years) stay exact at any row count, so their KS and
 * Wasserstein figures carry no sketch error; continuous columns fall back to the sketch, as
 * NannyML bins its reference above 10,000 rows. A primitive open-addressing map keeps profile
 * ingestion at tens of millions of values per second.
 */
final class ExactValues {
    /** A NaN bit pattern never stored as a value (NaN is missing, never added). */
    private static final long EMPTY = 0x7ff8dead0000beefL;

    private final int capacity;
    private long[] keys;
    private long[] counts;
    private int size;
    private boolean overflowed;

    ExactValues(int capacity) {
        this.capacity = capacity;
        int slots = Integer.highestOneBit(Math.max(16, Math.min(capacity, 1 << 12)) * 2);
        keys = new long[slots];
        Arrays.fill(keys, EMPTY);
        counts = new long[slots];
    }

    boolean overflowed() {
        return overflowed;
    }

    int distinct() {
        return size;
    }

    int capacity() {
        return capacity;
    }

    void add(double value, long count) {
        if (overflowed) {
            return;
        }
        long bits = Double.doubleToLongBits(value == 0.0 ? 0.0 : value);
        int mask = keys.length - 1;
        int slot = mix(bits) & mask;
        while (true) {
            long k = keys[slot];
            if (k == bits) {
                counts[slot] += count;
                return;
            }
            if (k == EMPTY) {
                if (size >= capacity) {
                    overflow();
                    return;
                }
                keys[slot] = bits;
                counts[slot] = count;
                size++;
                if (size * 2 > keys.length) {
                    grow();
                }
                return;
            }
            slot = (slot + 1) & mask;
        }
    }

    void merge(ExactValues other) {
        if (other.overflowed) {
            overflow();
            return;
        }
        for (int i = 0; i < other.keys.length && !overflowed; i++) {
            if (other.keys[i] != EMPTY) {
                add(Double.longBitsToDouble(other.keys[i]), other.counts[i]);
            }
        }
    }

    /** Distinct values in ascending order, with {@link #sortedCounts()} in the same order. */
    double[] sortedValues() {
        return sorted().values;
    }

    long[] sortedCounts() {
        return sorted().counts;
    }

    record Sorted(double[] values, long[] counts) {
    }

    Sorted sorted() {
        if (overflowed) {
            throw new IllegalStateException("exact values were dropped after " + capacity + " distinct values");
        }
        double[] v = new double[size];
        int j = 0;
        for (long k : keys) {
            if (k != EMPTY) {
                v[j++] = Double.longBitsToDouble(k);
            }
        }
        Arrays.sort(v);
        long[] c = new long[size];
        for (int i = 0; i < v.length; i++) {
            c[i] = count(v[i]);
        }
        return new Sorted(v, c);
    }

    private long count(double value) {
        long bits = Double.doubleToLongBits(value);
        int mask = keys.length - 1;
        int slot = mix(bits) & mask;
        while (keys[slot] != bits) {
            slot = (slot + 1) & mask;
        }
        return counts[slot];
    }

    static ExactValues of(int capacity, double[] values, long[] counts) {
        ExactValues e = new ExactValues(capacity);
        for (int i = 0; i < values.length; i++) {
            e.add(values[i], counts[i]);
        }
        return e;
    }

    static ExactValues overflowedAt(int capacity) {
        ExactValues e = new ExactValues(capacity);
        e.overflow();
        return e;
    }

    private void overflow() {
        overflowed = true;
        keys = new long[0];
        counts = new long[0];
        size = 0;
    }

    private void grow() {
        long[] oldKeys = keys;
        long[] oldCounts = counts;
        keys = new long[oldKeys.length * 2];
        Arrays.fill(keys, EMPTY);
        counts = new long[keys.length];
        int mask = keys.length - 1;
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldKeys[i] != EMPTY) {
                int slot = mix(oldKeys[i]) & mask;
                while (keys[slot] != EMPTY) {
                    slot = (slot + 1) & mask;
                }
                keys[slot] = oldKeys[i];
                counts[slot] = oldCounts[i];
            }
        }
    }

    private static int mix(long bits) {
        long h = bits * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 32));
    }
}

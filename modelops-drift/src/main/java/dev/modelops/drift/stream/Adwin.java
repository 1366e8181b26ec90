package dev.modelops.drift.stream;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * ADWIN (ADaptive WINdowing, Bifet and Gavaldà 2007, the ADWIN2 variant): keeps a window of
 * recent values, compressed into an exponential histogram of buckets (at most five per size), and
 * drops its oldest part whenever two sub-windows have means that differ by more than the
 * Hoeffding-style bound {@code eps = sqrt(2 m v ln(2 ln n / delta)) + 2/3 m ln(2 ln n / delta)}.
 * A drop is a change. Settings follow MOA: delta 0.002, cut points checked every 32 values once
 * the window holds more than 10, sub-windows of more than 6 values. Memory and time per value are
 * logarithmic in the window length.
 */
public final class Adwin implements ChangeDetector {
    public static final double DEFAULT_DELTA = 0.002;
    private static final int MAX_BUCKETS = 5;
    private static final int CLOCK = 32;
    private static final int MIN_WINDOW = 10;
    private static final int MIN_SUBWINDOW = 5;

    private final double delta;
    /** rows.get(i) holds buckets of 2^i values, oldest first. */
    private final List<Row> rows = new ArrayList<>();
    private long time;
    private long width;
    private double total;
    private double m2;

    public Adwin() {
        this(DEFAULT_DELTA);
    }

    public Adwin(double delta) {
        if (!(delta > 0 && delta < 1)) {
            throw new IllegalArgumentException("ADWIN delta must be between 0 and 1, got " + delta);
        }
        this.delta = delta;
        rows.add(new Row());
    }

    private static final class Row {
        final double[] totals = new double[MAX_BUCKETS + 1];
        final double[] variances = new double[MAX_BUCKETS + 1];
        int size;

        void append(double t, double v) {
            totals[size] = t;
            variances[size] = v;
            size++;
        }

        void dropOldest(int n) {
            System.arraycopy(totals, n, totals, 0, size - n);
            System.arraycopy(variances, n, variances, 0, size - n);
            size -= n;
        }
    }

    @Override
    public boolean update(double value) {
        time++;
        insert(value);
        return time % CLOCK == 0 && width > MIN_WINDOW && shrink();
    }

    /** Values in the current window. */
    public long width() {
        return width;
    }

    /** Mean of the current window. */
    public double mean() {
        return width == 0 ? 0.0 : total / width;
    }

    @Override
    public String describe() {
        return String.format(Locale.ROOT, "ADWIN(delta=%s)", delta);
    }

    private void insert(double value) {
        width++;
        rows.get(0).append(value, 0.0);
        if (width > 1) {
            double d = value - total / (width - 1);
            m2 += (width - 1) * d * d / width;
        }
        total += value;
        compress();
    }

    private void compress() {
        for (int i = 0; i < rows.size(); i++) {
            Row row = rows.get(i);
            if (row.size <= MAX_BUCKETS) {
                return;
            }
            if (i + 1 == rows.size()) {
                rows.add(new Row());
            }
            double n = 1L << i;
            double u1 = row.totals[0] / n;
            double u2 = row.totals[1] / n;
            double between = n * n * (u1 - u2) * (u1 - u2) / (2 * n);
            rows.get(i + 1).append(row.totals[0] + row.totals[1], row.variances[0] + row.variances[1] + between);
            row.dropOldest(2);
        }
    }

    /** Drops the oldest buckets while some cut splits the window into sub-windows with different means. */
    private boolean shrink() {
        boolean changed = false;
        boolean cutFound = true;
        while (cutFound) {
            cutFound = false;
            long n0 = 0;
            long n1 = width;
            double u0 = 0;
            double u1 = total;
            scan:
            for (int i = rows.size() - 1; i >= 0; i--) {
                Row row = rows.get(i);
                long size = 1L << i;
                for (int k = 0; k < row.size; k++) {
                    n0 += size;
                    n1 -= size;
                    u0 += row.totals[k];
                    u1 -= row.totals[k];
                    if (i == 0 && k == row.size - 1) {
                        break scan;
                    }
                    if (n1 > MIN_SUBWINDOW + 1 && n0 > MIN_SUBWINDOW + 1 && cut(n0, n1, u0 / n0 - u1 / n1)) {
                        changed = true;
                        cutFound = true;
                        dropOldestBucket();
                        break scan;
                    }
                }
            }
        }
        return changed;
    }

    private boolean cut(long n0, long n1, double meanGap) {
        double dd = Math.log(2 * Math.log(width) / delta);
        double v = m2 / width;
        double m = 1.0 / (n0 - MIN_SUBWINDOW + 1) + 1.0 / (n1 - MIN_SUBWINDOW + 1);
        double epsilon = Math.sqrt(2 * m * v * dd) + 2.0 / 3 * dd * m;
        return Math.abs(meanGap) > epsilon;
    }

    private void dropOldestBucket() {
        int last = rows.size() - 1;
        Row row = rows.get(last);
        long n = 1L << last;
        double t = row.totals[0];
        width -= n;
        total -= t;
        double u = t / n;
        double d = u - total / width;
        m2 -= row.variances[0] + n * width * d * d / (n + width);
        row.dropOldest(1);
        if (row.size == 0 && last > 0) {
            rows.remove(last);
        }
    }
}

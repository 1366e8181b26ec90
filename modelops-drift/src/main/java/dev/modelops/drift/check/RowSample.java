package dev.modelops.drift.check;

import dev.modelops.core.data.Table;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A uniform, seeded sample of at most {@code capacity} rows of a stream (reservoir sampling,
 * Vitter's algorithm R): the raw current rows the domain classifier and the performance check
 * need, without holding a large batch in memory. The same file always gives the same sample.
 */
final class RowSample {
    private final int capacity;
    private final Random random;
    private final List<String[]> rows = new ArrayList<>();
    private final List<Integer> lines = new ArrayList<>();
    private List<String> header;
    private long seen;

    RowSample(int capacity, long seed) {
        this.capacity = capacity;
        this.random = new Random(seed);
    }

    void add(Table chunk) {
        if (header == null) {
            header = chunk.columns();
        }
        for (int r = 0; r < chunk.size(); r++) {
            seen++;
            if (rows.size() < capacity) {
                rows.add(chunk.row(r));
                lines.add(chunk.lineOf(r));
            } else {
                long j = (long) (random.nextDouble() * seen);
                if (j < capacity) {
                    rows.set((int) j, chunk.row(r));
                    lines.set((int) j, chunk.lineOf(r));
                }
            }
        }
    }

    /** A copy holding the same rows (for judging a snapshot while this one keeps sampling). */
    RowSample copy() {
        RowSample c = new RowSample(capacity, 0);
        c.rows.addAll(rows);
        c.lines.addAll(lines);
        c.header = header;
        c.seen = seen;
        return c;
    }

    long seen() {
        return seen;
    }

    Table table(List<String> fallbackHeader) {
        return new Table(header == null ? fallbackHeader : header, new ArrayList<>(rows),
                lines.stream().mapToInt(Integer::intValue).toArray());
    }
}

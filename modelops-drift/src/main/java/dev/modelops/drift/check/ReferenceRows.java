package dev.modelops.drift.check;

import dev.modelops.core.InputError;
import dev.modelops.core.data.RowFilter;
import dev.modelops.core.data.Split;
import dev.modelops.core.data.Table;
import dev.modelops.core.spec.DatasetSpec;
import dev.modelops.core.spec.SplitSpec;
import dev.modelops.core.util.Hashing;
import dev.modelops.drift.profile.ProfileSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A sample of the raw training rows behind a reference profile, for the one check a profile
 * cannot serve: the domain classifier. The rows are re-read from the data file lineage recorded,
 * streaming, and used only if the file's bytes still hash to the recorded SHA-256 and the
 * recorded split selects as many labelled rows as the profile holds; otherwise the check is
 * skipped with the reason, never run on other data. At most {@code maxRows} rows are kept (a
 * seeded uniform sample), so a reference of millions of rows costs two passes, not memory.
 */
public final class ReferenceRows {
    private static final long SEED = 7;

    private final ProfileSource source;
    private final DatasetSpec dataset;
    private final long expectedRows;
    private final int maxRows;
    private Result cached;

    /**
     * The rows, or why they cannot be had.
     *
     * @param rows a sample of the training rows, or null
     * @param skipped the reason, or null
     */
    public record Result(Table rows, String skipped) {
    }

    public ReferenceRows(ProfileSource source, DatasetSpec dataset, long expectedRows) {
        this(source, dataset, expectedRows, DriftSettings.DEFAULT_DOMAIN_MAX_ROWS);
    }

    public ReferenceRows(ProfileSource source, DatasetSpec dataset, long expectedRows, int maxRows) {
        this.source = source;
        this.dataset = dataset;
        this.expectedRows = expectedRows;
        this.maxRows = maxRows;
    }

    /** Loaded once and kept: a folder of batches is checked against one reference. */
    public synchronized Result load() {
        if (cached == null) {
            cached = read();
        }
        return cached;
    }

    private Result read() {
        if (source == null || source.datasetUri() == null || source.datasetSha256() == null) {
            return new Result(null, "the profile does not name its training data");
        }
        Path file = Path.of(source.datasetUri());
        if (!Files.isRegularFile(file)) {
            return new Result(null, "the training data " + file + " is no longer there");
        }
        String sha = Hashing.sha256(file);
        if (!sha.equals(source.datasetSha256())) {
            return new Result(null, "the training data " + file + " changed since training (sha256 "
                    + Hashing.shortHash(source.datasetSha256()) + " recorded, " + Hashing.shortHash(sha) + " now)");
        }
        Set<String> missing = new HashSet<>(dataset.missing());
        try {
            BitSet train = null;
            if (source.splitTrain() == null && source.splitRatio() != null) {
                // a random split depends only on the row count and the seed
                long n = BatchReader.read(file, missing, new BatchReader.Consumer() {
                    @Override
                    public void header(List<String> columns) {
                    }

                    @Override
                    public void chunk(Table rows) {
                    }
                }).rows();
                List<String[]> blank = new ArrayList<>(java.util.Collections.nCopies((int) n, (String[]) null));
                Split split = Split.of(new Table(List.of(), blank),
                        new SplitSpec(null, source.splitRatio(), source.splitSeed()));
                train = new BitSet((int) n);
                for (int r : split.train()) {
                    train.set(r);
                }
            }
            RowFilter filter = source.splitTrain() == null ? null : RowFilter.parse(source.splitTrain());
            BitSet trainRows = train;
            RowSample sample = new RowSample(maxRows, SEED);
            long[] index = new long[1];
            long[] selected = new long[1];
            List<String> header = new ArrayList<>();
            BatchReader.read(file, missing, new BatchReader.Consumer() {
                @Override
                public void header(List<String> columns) {
                    header.addAll(columns);
                    for (String f : source.features()) {
                        if (!columns.contains(f)) {
                            throw new InputError(file + ":1", "the training data has no column '" + f + "'");
                        }
                    }
                }

                @Override
                public void chunk(Table rows) {
                    int label = source.label() != null && rows.hasColumn(source.label()) ? rows.columnIndex(source.label()) : -1;
                    List<String[]> kept = new ArrayList<>();
                    List<Integer> lines = new ArrayList<>();
                    for (int r = 0; r < rows.size(); r++) {
                        long global = index[0]++;
                        boolean inTrain = filter != null ? filter.test(rows, r)
                                : trainRows == null || trainRows.get((int) global);
                        if (inTrain && (label < 0 || rows.text(r, label) != null)) {
                            kept.add(rows.row(r));
                            lines.add(rows.lineOf(r));
                        }
                    }
                    selected[0] += kept.size();
                    sample.add(new Table(rows.columns(), kept, lines.stream().mapToInt(Integer::intValue).toArray()));
                }
            });
            if (selected[0] != expectedRows) {
                return new Result(null, "the recorded split selects " + selected[0] + " training rows, the profile holds "
                        + expectedRows);
            }
            return new Result(sample.table(header), null);
        } catch (InputError | IllegalArgumentException e) {
            return new Result(null, "the training data cannot be read: " + e.getMessage());
        }
    }
}

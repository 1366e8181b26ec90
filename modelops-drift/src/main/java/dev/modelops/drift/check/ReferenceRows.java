package dev.modelops.drift.check;

import dev.modelops.core.InputError;
import dev.modelops.core.data.CsvTables;
import dev.modelops.core.data.Split;
import dev.modelops.core.data.Table;
import dev.modelops.core.spec.DatasetSpec;
import dev.modelops.core.spec.SplitSpec;
import dev.modelops.core.util.Hashing;
import dev.modelops.drift.profile.ProfileSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;

/**
 * The raw training rows behind a reference profile, for the one check a profile cannot serve:
 * the domain classifier. They are re-read from the data file lineage recorded, and only if its
 * bytes still hash to the recorded SHA-256 and the recorded split selects as many labelled rows
 * as the profile holds; otherwise the check is skipped with the reason, never run on other data.
 */
public final class ReferenceRows {
    private final ProfileSource source;
    private final DatasetSpec dataset;
    private final long expectedRows;
    private Result cached;

    /**
     * The rows, or why they cannot be had.
     *
     * @param rows the training rows, or null
     * @param skipped the reason, or null
     */
    public record Result(Table rows, String skipped) {
    }

    public ReferenceRows(ProfileSource source, DatasetSpec dataset, long expectedRows) {
        this.source = source;
        this.dataset = dataset;
        this.expectedRows = expectedRows;
    }

    /** Loaded once and kept: a directory of batches is checked against one reference. */
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
        Table table;
        try {
            table = CsvTables.read(file, new HashSet<>(dataset.missing()));
        } catch (InputError e) {
            return new Result(null, "the training data cannot be read: " + e.getMessage());
        }
        for (String f : source.features()) {
            if (!table.hasColumn(f)) {
                return new Result(null, "the training data has no column '" + f + "'");
            }
        }
        Split split = Split.of(table, new SplitSpec(source.splitTrain(), source.splitRatio(), source.splitSeed()));
        List<Integer> rows = new ArrayList<>();
        boolean hasLabel = source.label() != null && table.hasColumn(source.label());
        for (int r : split.train()) {
            if (!hasLabel || table.text(r, source.label()) != null) {
                rows.add(r);
            }
        }
        if (rows.size() != expectedRows) {
            return new Result(null, "the recorded split selects " + rows.size() + " training rows, the profile holds "
                    + expectedRows);
        }
        return new Result(table.select(rows.stream().mapToInt(Integer::intValue).toArray()), null);
    }
}

package dev.modelops.drift.live;

import com.fasterxml.jackson.databind.SequenceWriter;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import dev.modelops.core.data.Table;
import dev.modelops.core.util.AtomicFiles;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Served rows handed to the scheduled drift job: they are appended, as they are answered, to a
 * CSV batch (the model's feature columns, no label) in a drift monitor's batch folder, which
 * {@code modelops drift check --monitor} reads. A batch is written under a hidden temporary name
 * ({@code .NAME.csv.part}) and moved to {@code NAME.csv} when it is complete, so the job sees a
 * batch whole or not at all; an empty batch is never written (the check would refuse it). Names
 * are {@code live-<UTC time of the first row>-<server instance>-<sequence>.csv}, so name order is
 * arrival order and replicas writing into one folder never collide.
 */
public final class LiveBatches implements AutoCloseable {
    private static final CsvMapper CSV = new CsvMapper();
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS")
            .withZone(ZoneOffset.UTC);

    private final Path folder;
    private final List<String> columns;
    private final int maxRows;
    private final String instance;
    private int sequence;
    private Path part;
    private Path target;
    private SequenceWriter out;
    private int rows;

    /**
     * @param folder the monitor's batch folder (created if absent)
     * @param columns the columns written, in order (the model's features)
     * @param maxRows rows after which a batch is complete
     */
    public LiveBatches(Path folder, List<String> columns, int maxRows) {
        if (maxRows < 1) {
            throw new IllegalArgumentException("a batch needs at least one row, got " + maxRows);
        }
        this.folder = folder;
        this.columns = List.copyOf(columns);
        this.maxRows = maxRows;
        this.instance = HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt()).substring(2);
    }

    public Path folder() {
        return folder;
    }

    /** Rows in the batch being written. */
    public synchronized int pendingRows() {
        return rows;
    }

    /**
     * Appends the rows' values of the batch columns (a column the table lacks is written empty,
     * i.e. missing); returns the batches completed on the way.
     */
    public synchronized List<Path> append(Table table) {
        int[] index = new int[columns.size()];
        for (int c = 0; c < index.length; c++) {
            index[c] = table.hasColumn(columns.get(c)) ? table.columnIndex(columns.get(c)) : -1;
        }
        List<Path> done = new ArrayList<>();
        try {
            for (int r = 0; r < table.size(); r++) {
                if (out == null) {
                    open();
                }
                String[] line = new String[index.length];
                for (int c = 0; c < index.length; c++) {
                    String v = index[c] < 0 ? null : table.text(r, index[c]);
                    line[c] = v == null ? "" : v;
                }
                out.write(line);
                rows++;
                if (rows >= maxRows) {
                    done.add(finish());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the live batch " + part, e);
        }
        return done;
    }

    /** Completes the current batch, if it has rows; returns it. */
    public synchronized Optional<Path> rotate() {
        if (out == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(finish());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot complete the live batch " + target, e);
        }
    }

    /** Completes the current batch (served rows are not lost at shutdown). */
    @Override
    public void close() {
        rotate();
    }

    private void open() throws IOException {
        Files.createDirectories(folder);
        String name = "live-" + STAMP.format(Instant.now()) + "-" + instance + "-" + String.format(java.util.Locale.ROOT, "%04d", ++sequence) + ".csv";
        target = folder.resolve(name);
        part = folder.resolve("." + name + ".part");
        BufferedWriter writer = Files.newBufferedWriter(part, StandardCharsets.UTF_8);
        out = CSV.writerFor(String[].class).writeValues(writer);
        out.write(columns.toArray(String[]::new));
        rows = 0;
    }

    private Path finish() throws IOException {
        out.close();
        out = null;
        AtomicFiles.readableByAll(part);
        AtomicFiles.moveIntoPlace(part, target);
        rows = 0;
        return target;
    }
}

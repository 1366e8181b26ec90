package dev.modelops.core.data;

import dev.modelops.core.InputError;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The batch files a data argument names: the CSV file itself, or a folder's CSV files in name
 * order. One definition for the drift check that reads them and for the spec check of a
 * checkDrift task's {@code with.data}, so validation refuses exactly what the check would.
 */
public final class CsvBatches {
    private CsvBatches() {
    }

    /** The batches; a missing path or a folder without a {@code .csv} file is bad input at {@code place}. */
    public static List<Path> of(Path data, String place) {
        List<Path> csv = ofOrNone(data, place);
        if (csv.isEmpty()) {
            throw new InputError(place, "folder " + data + " holds no .csv batch");
        }
        return csv;
    }

    /** As {@link #of}, but an empty folder is no batch rather than an error (a scheduled check's quiet night). */
    public static List<Path> ofOrNone(Path data, String place) {
        if (Files.isRegularFile(data)) {
            return List.of(data);
        }
        if (!Files.isDirectory(data)) {
            throw new InputError(place, "no such file or folder: " + data);
        }
        try (Stream<Path> files = Files.list(data)) {
            return files.filter(p -> Files.isRegularFile(p) && p.getFileName().toString().endsWith(".csv"))
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the folder " + data, e);
        }
    }
}

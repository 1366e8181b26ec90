package dev.modelops.drift.check;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import dev.modelops.core.InputError;
import dev.modelops.core.data.Table;
import dev.modelops.core.util.Hashing;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * Streams a CSV batch in chunks of rows, so a drift check of millions of rows never holds the
 * file in memory: each chunk is a small {@link Table} (with file line numbers for messages) that
 * is profiled, predicted and sampled, then dropped. Quoting and missing-value rules are those of
 * {@code CsvTables}; a ragged row is an input error naming its line.
 */
public final class BatchReader {
    public static final int CHUNK_ROWS = 8192;
    private static final CsvMapper MAPPER = CsvMapper.builder().enable(CsvParser.Feature.WRAP_AS_ARRAY).build();

    private BatchReader() {
    }

    /** Receives the header, then every chunk in file order. */
    public interface Consumer {
        void header(List<String> columns);

        void chunk(Table rows);
    }

    /**
     * What was read.
     *
     * @param rows data rows
     * @param sha256 SHA-256 of the file's bytes, computed while reading
     */
    public record Result(long rows, String sha256) {
    }

    /** Reads the whole file, hashing its bytes on the way. */
    public static Result read(Path file, Set<String> missingMarkers, Consumer consumer) {
        String display = file.toString();
        MessageDigest digest = Hashing.sha256();
        try (InputStream in = new DigestInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16), digest);
             Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8);
             MappingIterator<String[]> it = MAPPER.readerFor(String[].class).readValues(reader)) {
            if (!it.hasNextValue()) {
                throw new InputError(display, "empty file; expected a header row");
            }
            List<String> header = Arrays.stream(it.nextValue()).map(String::trim).toList();
            if (header.stream().anyMatch(String::isEmpty)) {
                throw new InputError(display + ":1", "the header has an empty column name");
            }
            if (Set.copyOf(header).size() != header.size()) {
                throw new InputError(display + ":1", "the header names a column twice: " + header);
            }
            consumer.header(header);
            long total = 0;
            List<String[]> rows = new ArrayList<>(CHUNK_ROWS);
            int[] lines = new int[CHUNK_ROWS];
            while (it.hasNextValue()) {
                int line = it.getCurrentLocation().getLineNr();
                String[] row = it.nextValue();
                if (row.length == 1 && row[0].isEmpty()) {
                    continue;
                }
                if (row.length != header.size()) {
                    throw new InputError(display + ":" + line, "expected " + header.size()
                            + " fields as in the header, got " + row.length);
                }
                for (int i = 0; i < row.length; i++) {
                    if (row[i].isEmpty() || missingMarkers.contains(row[i])) {
                        row[i] = null;
                    }
                }
                lines[rows.size()] = line;
                rows.add(row);
                if (rows.size() == CHUNK_ROWS) {
                    consumer.chunk(new Table(header, rows, lines.clone()));
                    total += rows.size();
                    rows = new ArrayList<>(CHUNK_ROWS);
                }
            }
            if (!rows.isEmpty()) {
                consumer.chunk(new Table(header, rows, Arrays.copyOf(lines, rows.size())));
                total += rows.size();
            }
            // the parser has read to the end of the file, so the digest covers every byte
            return new Result(total, HexFormat.of().formatHex(digest.digest()));
        } catch (NoSuchFileException e) {
            throw new InputError(display, "file not found");
        } catch (JsonProcessingException e) {
            int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
            throw new InputError(line > 0 ? display + ":" + line : display, "malformed CSV: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new InputError(display, "cannot read: " + e.getMessage());
        } catch (RuntimeException e) {
            if (e.getCause() instanceof JsonProcessingException j) {
                int line = j.getLocation() == null ? 0 : j.getLocation().getLineNr();
                throw new InputError(line > 0 ? display + ":" + line : display, "malformed CSV: " + j.getOriginalMessage());
            }
            throw e;
        }
    }
}

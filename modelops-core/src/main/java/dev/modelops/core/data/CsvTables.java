package dev.modelops.core.data;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import dev.modelops.core.InputError;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * Reads CSV files (RFC 4180 quoting, via Jackson's CSV parser) into {@link Table}s. The first
 * row is the header. Ragged rows are an input error naming the line; cells equal to one of the
 * missing-value markers (and empty cells) become missing.
 */
public final class CsvTables {
    private static final CsvMapper MAPPER = CsvMapper.builder().enable(CsvParser.Feature.WRAP_AS_ARRAY).build();

    private CsvTables() {
    }

    public static Table read(Path file, Set<String> missingMarkers) {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return read(file.toString(), reader, missingMarkers);
        } catch (NoSuchFileException e) {
            throw new InputError(file.toString(), "file not found");
        } catch (IOException e) {
            throw new InputError(file.toString(), "cannot read: " + e.getMessage());
        }
    }

    static Table read(String display, Reader reader, Set<String> missingMarkers) throws IOException {
        try (MappingIterator<String[]> it = MAPPER.readerFor(String[].class).readValues(reader)) {
            if (!it.hasNextValue()) {
                throw new InputError(display, "empty file; expected a header row");
            }
            List<String> header = Arrays.stream(it.nextValue()).map(String::trim).toList();
            checkHeader(display, header);
            List<String[]> rows = new ArrayList<>();
            List<Integer> lines = new ArrayList<>();
            while (it.hasNextValue()) {
                int line = it.getCurrentLocation().getLineNr();
                String[] row = it.nextValue();
                if (row.length == 1 && row[0].isEmpty()) {
                    continue; // blank line
                }
                if (row.length != header.size()) {
                    throw new InputError(display + ":" + line, "expected " + header.size() + " fields as in the header, got "
                            + row.length);
                }
                for (int i = 0; i < row.length; i++) {
                    if (row[i].isEmpty() || missingMarkers.contains(row[i])) {
                        row[i] = null;
                    }
                }
                rows.add(row);
                lines.add(line);
            }
            return new Table(header, rows, lines.stream().mapToInt(Integer::intValue).toArray());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
            throw new InputError(line > 0 ? display + ":" + line : display, "malformed CSV: " + e.getOriginalMessage());
        } catch (RuntimeException e) {
            if (e.getCause() instanceof com.fasterxml.jackson.core.JsonProcessingException j) {
                int line = j.getLocation() == null ? 0 : j.getLocation().getLineNr();
                throw new InputError(line > 0 ? display + ":" + line : display, "malformed CSV: " + j.getOriginalMessage());
            }
            throw e;
        }
    }

    /** Reads only the header row; cheap enough for validating a spec against its files. */
    public static List<String> header(Path file) {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
             MappingIterator<String[]> it = MAPPER.readerFor(String[].class).readValues(reader)) {
            if (!it.hasNextValue()) {
                throw new InputError(file.toString(), "empty file; expected a header row");
            }
            return Arrays.stream(it.nextValue()).map(String::trim).toList();
        } catch (NoSuchFileException e) {
            throw new InputError(file.toString(), "file not found");
        } catch (IOException e) {
            throw new InputError(file.toString(), "cannot read the header: " + e.getMessage());
        }
    }

    private static void checkHeader(String display, List<String> header) {
        Set<String> seen = new java.util.HashSet<>();
        for (String column : header) {
            if (column.isEmpty()) {
                throw new InputError(display + ":1", "the header has an empty column name");
            }
            if (!seen.add(column)) {
                throw new InputError(display + ":1", "the header names column '" + column + "' twice");
            }
        }
    }
}

package dev.modelops.core.data;

import dev.modelops.core.spec.DatasetSpec;
import java.nio.file.Path;

/**
 * A dataset as actually read: the spec, the file, the SHA-256 of its bytes (what lineage records
 * and compares) and its rows.
 *
 * @param spec the declaration
 * @param path the file read
 * @param sha256 content hash of the file
 * @param table the rows
 */
public record LoadedDataset(DatasetSpec spec, Path path, String sha256, Table table) {
}

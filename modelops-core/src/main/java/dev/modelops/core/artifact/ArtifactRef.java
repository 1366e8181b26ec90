package dev.modelops.core.artifact;

import java.nio.file.Path;

/**
 * A stored artifact: its SHA-256 (the identity lineage records), its size and where it lives.
 *
 * @param sha256 content hash
 * @param size bytes
 * @param path location inside the store
 */
public record ArtifactRef(String sha256, long size, Path path) {
}

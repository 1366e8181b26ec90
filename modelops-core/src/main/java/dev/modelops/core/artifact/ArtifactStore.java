package dev.modelops.core.artifact;

import dev.modelops.core.util.AtomicFiles;
import dev.modelops.core.util.Hashing;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Optional;

/**
 * A content-addressed store of model files and reports: an artifact's path is its SHA-256, so
 * two runs that produce identical bytes share one file and a file whose bytes changed can no
 * longer be found under the old hash. Writes are atomic; readers never see a partial file.
 * Layout: {@code <root>/artifacts/sha256/ab/abcdef...}.
 */
public final class ArtifactStore {
    private final Path root;

    public ArtifactStore(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    public Path root() {
        return root;
    }

    /** Where an artifact with this hash lives (whether or not it exists). */
    public Path pathOf(String sha256) {
        return root.resolve("artifacts").resolve("sha256").resolve(sha256.substring(0, 2)).resolve(sha256);
    }

    /** Copies a finished file into the store; the source is left in place. */
    public ArtifactRef put(Path file) {
        try {
            Path incoming = Files.createDirectories(root.resolve("tmp"));
            Path tmp = Files.createTempFile(incoming, "incoming", ".part");
            try {
                MessageDigest digest = Hashing.sha256();
                try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
                    Files.copy(in, tmp, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                }
                String hash = HexFormat.of().formatHex(digest.digest());
                AtomicFiles.readableByAll(tmp);
                Path target = pathOf(hash);
                if (!Files.exists(target)) {
                    Files.createDirectories(target.getParent());
                    AtomicFiles.moveIntoPlace(tmp, target);
                }
                return new ArtifactRef(hash, Files.size(target), target);
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot store artifact " + file + " in " + root, e);
        }
    }

    public ArtifactRef put(byte[] bytes) {
        String hash = Hashing.sha256(bytes);
        Path target = pathOf(hash);
        if (!Files.exists(target)) {
            AtomicFiles.write(target, bytes);
        }
        return new ArtifactRef(hash, bytes.length, target);
    }

    /** The artifact with this hash, if it is in the store. */
    public Optional<ArtifactRef> find(String sha256) {
        Path p = pathOf(sha256);
        if (!Files.isRegularFile(p)) {
            return Optional.empty();
        }
        try {
            return Optional.of(new ArtifactRef(sha256, Files.size(p), p));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Whether the stored bytes still hash to their name (i.e. nobody tampered with them). */
    public boolean verify(String sha256) {
        Path p = pathOf(sha256);
        return Files.isRegularFile(p) && Hashing.sha256(p).equals(sha256);
    }
}

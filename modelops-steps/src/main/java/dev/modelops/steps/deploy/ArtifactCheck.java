package dev.modelops.steps.deploy;

import dev.modelops.core.artifact.ArtifactStore;
import dev.modelops.core.lineage.Entity;
import dev.modelops.core.util.Hashing;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The last check before a model is served: the bytes in the artifact store must still hash to the
 * SHA-256 lineage recorded for the version. A model file that was replaced or edited after it was
 * trained, hardened or compressed is refused, with both hashes in the message.
 */
public final class ArtifactCheck {
    private ArtifactCheck() {
    }

    /** Why the version's artifact must not be served, or empty when it is intact. */
    public static Optional<String> problem(ArtifactStore store, Entity model) {
        String recorded = model.contentHash();
        if (recorded == null || recorded.isBlank()) {
            return Optional.of(model.label() + " has no recorded SHA-256; nothing to check the artifact against");
        }
        Path file = store.pathOf(recorded);
        if (!Files.isRegularFile(file)) {
            return Optional.of("the artifact of " + model.label() + " (sha256 " + recorded + ") is not in the artifact store "
                    + store.root());
        }
        String actual = Hashing.sha256(file);
        if (!actual.equals(recorded)) {
            return Optional.of("SHA-256 mismatch for " + model.label() + ": " + file + " hashes to " + actual
                    + " but lineage recorded " + recorded + "; the model file was modified after it was recorded");
        }
        return Optional.empty();
    }
}

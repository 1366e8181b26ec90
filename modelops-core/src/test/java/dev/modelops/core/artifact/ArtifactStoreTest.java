package dev.modelops.core.artifact;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modelops.core.util.Hashing;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ArtifactStoreTest {
    @TempDir
    Path dir;

    @Test
    void storesByContentHashAndSharesIdenticalBytes() throws Exception {
        ArtifactStore store = new ArtifactStore(dir.resolve("home"));
        Path a = Files.writeString(dir.resolve("a.bin"), "model bytes");
        Path b = Files.writeString(dir.resolve("b.bin"), "model bytes");
        ArtifactRef first = store.put(a);
        ArtifactRef second = store.put(b);
        assertThat(first.sha256()).isEqualTo(Hashing.sha256("model bytes"));
        assertThat(second.path()).isEqualTo(first.path());
        assertThat(Files.readString(first.path())).isEqualTo("model bytes");
        assertThat(Files.exists(a)).isTrue();
        // a Jenkins archive step or another user's server must be able to read what we store
        assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(first.path())))
                .isEqualTo("rw-r--r--");
        try (var tmp = Files.list(dir.resolve("home").resolve("tmp"))) {
            assertThat(tmp).isEmpty();
        }
    }

    @Test
    void verifyDetectsTamperedBytes() throws Exception {
        ArtifactStore store = new ArtifactStore(dir);
        ArtifactRef ref = store.put("weights".getBytes());
        assertThat(store.verify(ref.sha256())).isTrue();
        Files.writeString(ref.path(), "weights, edited");
        assertThat(store.verify(ref.sha256())).isFalse();
        assertThat(store.find("0".repeat(64))).isEmpty();
    }
}

package dev.modelops.lineage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelops.core.InputError;
import dev.modelops.core.lineage.EntityKind;
import dev.modelops.core.lineage.InMemoryLineageStore;
import dev.modelops.core.lineage.LineageRecord;
import dev.modelops.core.lineage.LineageStore;
import dev.modelops.core.util.Json;
import dev.modelops.lineage.testing.EmbeddedPostgresServer;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LineageStoresTest {
    @TempDir
    Path dir;

    @Test
    void locationsSelectTheStore() {
        try (LineageStore s = LineageStores.open("memory:", Map.of())) {
            assertThat(s).isInstanceOf(InMemoryLineageStore.class);
        }
        try (LineageStore s = LineageStores.open(dir.resolve("a.db").toString(), Map.of())) {
            assertThat(((JdbcLineageStore) s).dialect()).isEqualTo(SqlDialect.SQLITE);
        }
        assertThatThrownBy(() -> LineageStores.open("mysql://x/y", Map.of())).isInstanceOf(InputError.class)
                .hasMessageContaining("postgresql://HOST:PORT/DB");
    }

    @Test
    void credentialsInTheLocationAreRefusedWithoutBeingEchoed() {
        assertThatThrownBy(() -> LineageStores.open("postgresql://ci:hunter2@db.example:5432/lineage", Map.of()))
                .isInstanceOf(InputError.class).hasMessageContaining("MODELOPS_STORE_PASSWORD")
                .hasMessageNotContaining("hunter2");
        assertThatThrownBy(() -> LineageStores.open("postgresql://db.example:5432/lineage?password=hunter2", Map.of()))
                .isInstanceOf(InputError.class).hasMessageNotContaining("hunter2");
    }

    @Test
    void aFailedConnectionNeverPrintsThePassword() {
        Map<String, String> env = Map.of("MODELOPS_STORE_USER", "nobody", "MODELOPS_STORE_PASSWORD", "s3cr3t-pw");
        assertThatThrownBy(() -> LineageStores.open("postgresql://127.0.0.1:1/none?connectTimeout=2", env))
                .isInstanceOf(InputError.class).hasMessageContaining("cannot open the lineage store")
                .hasMessageNotContaining("s3cr3t-pw");
    }

    @Test
    void postgresCredentialsComeFromTheEnvironmentAndAreNotRecorded() {
        EmbeddedPostgresServer.Database db = EmbeddedPostgresServer.newDatabase();
        Map<String, String> env = new HashMap<>(db.env());
        env.put("MODELOPS_STORE_PASSWORD", "pw-that-must-not-leak");
        try (LineageStore s = LineageStores.open(db.location(), env)) {
            JdbcLineageStore store = (JdbcLineageStore) s;
            store.record(LineageRecord.builder(EntityKind.DATASET, "d").attribute("rows", 1).build());
            assertThat(store.description()).doesNotContain("pw-that-must-not-leak").contains(db.location());
            assertThat(Json.canonical(store.history(EntityKind.DATASET, "d"))).doesNotContain("pw-that-must-not-leak");
        }
    }
}

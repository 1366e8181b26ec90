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
    void aFileThatIsNotALineageStoreIsOneLineOfBadInputNamingIt() throws Exception {
        Path garbage = java.nio.file.Files.writeString(dir.resolve("garbage.db"), "not a database, just text\n".repeat(200));
        assertThatThrownBy(() -> LineageStores.open(garbage.toString(), Map.of()))
                .isInstanceOf(InputError.class)
                .hasMessage("--store " + garbage + ": is not a SQLite database (it does not start with the SQLite header)");
        assertThat(dir.resolve("garbage.db.migrate.lock")).doesNotExist();
        // a SQLite database of something else: Flyway's multi-line report becomes one line
        try (var c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("other.db"))) {
            c.createStatement().execute("create table notes (id integer primary key, text varchar)");
        }
        assertThatThrownBy(() -> LineageStores.open(dir.resolve("other.db").toString(), Map.of()))
                .isInstanceOf(InputError.class)
                .hasMessageStartingWith("--store " + dir.resolve("other.db") + ": not a usable SQLite lineage store: ")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
        Path folder = java.nio.file.Files.createDirectories(dir.resolve("dir.db"));
        assertThatThrownBy(() -> LineageStores.open("sqlite:" + folder, Map.of()))
                .isInstanceOf(InputError.class)
                .hasMessage("--store " + folder + ": is a folder, not a SQLite lineage store");
        Path underAFile = garbage.resolve("x.db");
        assertThatThrownBy(() -> LineageStores.open(underAFile.toString(), Map.of()))
                .isInstanceOf(InputError.class)
                .hasMessageStartingWith("--store " + underAFile + ": cannot create the store's folder: ");
    }

    @Test
    void readersNeverCreateAStore() {
        Path missing = dir.resolve("none").resolve("x.db");
        assertThatThrownBy(() -> LineageStores.openExisting("sqlite:" + missing, Map.of()))
                .isInstanceOf(InputError.class)
                .hasMessage("no lineage store at " + missing + " (run a pipeline first or pass --store)");
        assertThat(dir.resolve("none")).doesNotExist();
        try (LineageStore s = LineageStores.open(missing.toString(), Map.of())) {
            s.record(LineageRecord.builder(EntityKind.DATASET, "d").attribute("rows", 1).build());
        }
        try (LineageStore s = LineageStores.openExisting(missing.toString(), Map.of())) {
            assertThat(s.history(EntityKind.DATASET, "d")).hasSize(1);
        }
        try (LineageStore s = LineageStores.openExisting("memory:", Map.of())) {
            assertThat(s).isInstanceOf(InMemoryLineageStore.class);
        }
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

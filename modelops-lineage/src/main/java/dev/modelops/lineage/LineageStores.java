package dev.modelops.lineage;

import dev.modelops.core.InputError;
import dev.modelops.core.lineage.InMemoryLineageStore;
import dev.modelops.core.lineage.LineageStore;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.flywaydb.core.Flyway;
import org.sqlite.SQLiteConfig;

/**
 * Opens a lineage store from a location a user types:
 * <ul>
 *   <li>{@code sqlite:PATH} or a path ending in {@code .db}: the embedded default, a SQLite file in
 *       WAL mode with short write transactions, safe for several processes (parallel Jenkins builds);</li>
 *   <li>{@code postgresql://host:port/db}: a team's PostgreSQL; user and password come from
 *       {@code MODELOPS_STORE_USER} / {@code MODELOPS_STORE_PASSWORD} (as Jenkins
 *       {@code withCredentials} provides them), never from the command line;</li>
 *   <li>{@code memory:}: a throw-away store for dry runs.</li>
 * </ul>
 * The schema is created and upgraded by Flyway migrations, the same for every database.
 */
public final class LineageStores {
    public static final String USER_ENV = "MODELOPS_STORE_USER";
    public static final String PASSWORD_ENV = "MODELOPS_STORE_PASSWORD";

    private LineageStores() {
    }

    /** The default store location inside a ModelOps home folder. */
    public static String defaultLocation(Path home) {
        return "sqlite:" + home.resolve("lineage.db");
    }

    /** Opens the store, creating an embedded one (and its folder) on first use: for commands that record. */
    public static LineageStore open(String location, Map<String, String> env) {
        return open(location, env, true);
    }

    /**
     * Opens a store that must already exist: for commands that only read (queries, reports, the
     * web view), which must not leave an empty database behind a mistyped {@code --store} or
     * {@code --home}. A missing embedded store is bad input; nothing is created.
     */
    public static LineageStore openExisting(String location, Map<String, String> env) {
        return open(location, env, false);
    }

    /**
     * Checks a location's form without connecting or creating anything (an unknown scheme,
     * credentials typed into it), so a command can refuse it before it writes anything else.
     */
    public static void checkLocation(String location) {
        if (location.equals("memory:")) {
            return;
        }
        if (isPostgres(location)) {
            String url = postgresUrl(location);
            rejectInlineCredentials(url, url.replaceFirst("^jdbc:", ""));
            return;
        }
        if (sqliteFile(location).isEmpty()) {
            throw unknownLocation(location);
        }
    }

    private static boolean isPostgres(String location) {
        return location.startsWith("postgresql://") || location.startsWith("postgres://")
                || location.startsWith("jdbc:postgresql://");
    }

    private static String postgresUrl(String location) {
        return location.startsWith("jdbc:") ? location
                : "jdbc:postgresql://" + location.substring(location.indexOf("://") + 3);
    }

    private static InputError unknownLocation(String location) {
        return new InputError("--store " + location, "unknown store location; expected sqlite:PATH, PATH.db, "
                + "postgresql://HOST:PORT/DB or memory:");
    }

    private static LineageStore open(String location, Map<String, String> env, boolean create) {
        if (location.equals("memory:")) {
            return new InMemoryLineageStore();
        }
        if (isPostgres(location)) {
            return openPostgres(location, env);
        }
        Path file = sqliteFile(location).orElseThrow(() -> unknownLocation(location));
        if (!create && !Files.exists(file)) {
            throw new InputError("", "no lineage store at " + file.toAbsolutePath().normalize()
                    + " (run a pipeline first or pass --store)");
        }
        return openSqlite(file);
    }

    /** The file of an embedded (SQLite) store location, if it is one. */
    public static Optional<Path> sqliteFile(String location) {
        try {
            if (location.startsWith("sqlite:")) {
                return Optional.of(Path.of(location.substring("sqlite:".length())));
            }
            if (location.endsWith(".db") || location.endsWith(".sqlite")) {
                return Optional.of(Path.of(location));
            }
        } catch (InvalidPathException e) {
            throw new InputError("--store " + location, "not a usable path: " + e.getMessage());
        }
        return Optional.empty();
    }

    /**
     * Opens (creating if needed) a SQLite store. Whatever makes the file unusable (a folder, a file
     * that is not SQLite, a database of something else) is bad input naming the file, in one line.
     */
    public static JdbcLineageStore openSqlite(Path file) {
        Path db = file.toAbsolutePath().normalize();
        String place = "--store " + db;
        if (Files.isDirectory(db)) {
            throw new InputError(place, "is a folder, not a SQLite lineage store");
        }
        if (!looksLikeSqlite(db)) {
            throw new InputError(place, "is not a SQLite database (it does not start with the SQLite header)");
        }
        try {
            Files.createDirectories(db.getParent());
        } catch (IOException e) {
            throw new InputError(place, "cannot create the store's folder: " + reason(e));
        }
        String url = "jdbc:sqlite:" + db;
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setBusyTimeout(60_000);
        config.enforceForeignKeys(true);
        config.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
        // Flyway's own bookkeeping is not safe for two processes creating one SQLite file at once,
        // so migrations take an exclusive file lock beside the database.
        try (FileChannel lockFile = FileChannel.open(db.resolveSibling(db.getFileName() + ".migrate.lock"),
                StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             FileLock ignored = lockFile.lock()) {
            migrate(url, null, null, config.toProperties(), SqlDialect.SQLITE);
        } catch (IOException e) {
            throw new InputError(place, "cannot lock the store for its schema migration: " + reason(e));
        } catch (org.flywaydb.core.api.FlywayException e) {
            throw new InputError(place, "not a usable SQLite lineage store: " + rootMessage(e));
        }
        try {
            Connection c = config.createConnection(url);
            return new JdbcLineageStore(c, SqlDialect.SQLITE, Clock.systemUTC(), "sqlite:" + db);
        } catch (SQLException e) {
            throw new InputError(place, "cannot open the lineage store: " + firstLine(e.getMessage()));
        }
    }

    /** Whether a file is absent, empty (SQLite starts it) or starts with the SQLite header. */
    private static boolean looksLikeSqlite(Path db) {
        if (!Files.isRegularFile(db)) {
            return true;
        }
        byte[] header = "SQLite format 3\0".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        try (var in = Files.newInputStream(db)) {
            byte[] start = in.readNBytes(header.length);
            return start.length == 0 || java.util.Arrays.equals(start, header);
        } catch (IOException e) {
            throw new InputError("--store " + db, "cannot read it: " + reason(e));
        }
    }

    /** An I/O failure in words: the file system's reason, else the exception's kind and message. */
    private static String reason(IOException e) {
        if (e instanceof java.nio.file.FileSystemException f && f.getReason() != null) {
            return f.getReason();
        }
        if (e instanceof java.nio.file.NoSuchFileException) {
            return "no such file or folder";
        }
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof java.nio.file.FileAlreadyExistsException f) {
            return f.getFile() + " is a file";
        }
        return firstLine(e.getMessage());
    }

    /** The innermost cause's first line: Flyway wraps the driver's one-line reason in a multi-line report. */
    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return firstLine(t.getMessage() != null ? t.getMessage() : t.getClass().getSimpleName());
    }

    public static JdbcLineageStore openPostgres(String location, Map<String, String> env) {
        String url = postgresUrl(location);
        String shown = url.replaceFirst("^jdbc:", "");
        rejectInlineCredentials(url, shown);
        String user = env.get(USER_ENV);
        String password = env.get(PASSWORD_ENV);
        try {
            migrate(url, user, password, new Properties(), SqlDialect.POSTGRESQL);
            Properties props = new Properties();
            if (user != null) {
                props.setProperty("user", user);
            }
            if (password != null) {
                props.setProperty("password", password);
            }
            Connection c = DriverManager.getConnection(url, props);
            return new JdbcLineageStore(c, SqlDialect.POSTGRESQL, Clock.systemUTC(), shown);
        } catch (SQLException | org.flywaydb.core.api.FlywayException e) {
            throw new InputError("--store " + shown, "cannot open the lineage store: "
                    + redact(firstLine(e.getMessage()), password));
        }
    }

    /**
     * Credentials typed into a store location end up in shell history, Jenkins console logs and
     * run summaries; they must come from the environment instead (Jenkins {@code withCredentials}).
     */
    private static void rejectInlineCredentials(String url, String shown) {
        String afterScheme = url.substring(url.indexOf("://") + 3);
        int slash = afterScheme.indexOf('/');
        String authority = slash < 0 ? afterScheme : afterScheme.substring(0, slash);
        String query = url.contains("?") ? url.substring(url.indexOf('?') + 1).toLowerCase(java.util.Locale.ROOT) : "";
        boolean inline = authority.contains("@") || query.matches("(^|.*&)(password|user)=.*");
        if (inline) {
            String safe = shown.replaceAll("//[^/@]*@", "//").replaceAll("(?i)(password|user)=[^&]*", "$1=***");
            throw new InputError("--store " + safe, "do not put credentials in the store location; set "
                    + USER_ENV + " and " + PASSWORD_ENV + " (e.g. with Jenkins withCredentials)");
        }
    }

    private static String redact(String message, String secret) {
        return secret == null || secret.isEmpty() ? message : message.replace(secret, "***");
    }

    private static void migrate(String url, String user, String password, Properties props, SqlDialect dialect) {
        Flyway.configure(LineageStores.class.getClassLoader())
                .dataSource(url, user, password)
                .jdbcProperties(toMap(props))
                .locations("classpath:db/lineage", dialect.vendorMigrations())
                .table("modelops_schema_history")
                .load()
                .migrate();
    }

    private static Map<String, String> toMap(Properties props) {
        Map<String, String> map = new java.util.HashMap<>();
        props.stringPropertyNames().forEach(k -> map.put(k, props.getProperty(k)));
        return map;
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "unknown error";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}

package dev.modelops.cli;

import dev.modelops.core.InputError;
import dev.modelops.core.artifact.ArtifactStore;
import dev.modelops.core.lineage.LineageStore;
import dev.modelops.lineage.LineageStores;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * Where ModelOps keeps its state: the home folder (artifacts, runs, the embedded lineage store)
 * and the lineage store location. Defaults: {@code .modelops} in the working directory (a Jenkins
 * workspace) and the SQLite file inside it; {@code MODELOPS_HOME} and {@code MODELOPS_STORE}
 * override the defaults, the flags override both.
 */
final class StoreArgs {
    static final String HOME_ENV = "MODELOPS_HOME";
    static final String STORE_ENV = "MODELOPS_STORE";
    static final String DEFAULT_HOME = ".modelops";

    @Option(names = "--home", paramLabel = "DIR",
            description = "ModelOps home folder for artifacts and runs (default: $MODELOPS_HOME or .modelops).")
    Path home;

    @Option(names = "--store", paramLabel = "LOCATION",
            description = "Lineage store: sqlite:PATH, postgresql://HOST:PORT/DB or memory: "
                    + "(default: $MODELOPS_STORE or sqlite:HOME/lineage.db).")
    String store;

    Path home(Map<String, String> env) {
        if (home != null) {
            return home.toAbsolutePath().normalize();
        }
        String fromEnv = env.get(HOME_ENV);
        try {
            return Path.of(fromEnv != null && !fromEnv.isBlank() ? fromEnv : DEFAULT_HOME).toAbsolutePath().normalize();
        } catch (InvalidPathException e) {
            throw new InputError(HOME_ENV + "=" + fromEnv, "not a usable path: " + e.getMessage());
        }
    }

    /** How the user chose the home folder, for messages: the flag, the variable, or the default. */
    private String homePlace(Map<String, String> env) {
        if (home != null) {
            return "--home " + home;
        }
        String fromEnv = env.get(HOME_ENV);
        return fromEnv != null && !fromEnv.isBlank() ? HOME_ENV + "=" + fromEnv : "home folder " + home(env);
    }

    private InputError badHome(Map<String, String> env, String problem) {
        return new InputError(homePlace(env), problem + (home == null ? "; choose another with --home DIR" : ""));
    }

    /**
     * The home folder, created if needed; an unusable one (cannot be created, a file, not
     * writable) is bad input naming {@code --home} and the reason, before anything is written.
     */
    Path prepareHome(Map<String, String> env) {
        Path dir = home(env);
        try {
            Files.createDirectories(dir);
        } catch (FileAlreadyExistsException e) {
            throw badHome(env, e.getFile().equals(dir.toString()) ? "is a file, not a folder"
                    : e.getFile() + " is a file, not a folder");
        } catch (IOException e) {
            throw badHome(env, "cannot create the folder: " + reason(e));
        }
        if (!Files.isWritable(dir)) {
            throw badHome(env, "the folder is not writable");
        }
        return dir;
    }

    private static String reason(IOException e) {
        if (e instanceof FileSystemException f && f.getReason() != null) {
            return f.getReason();
        }
        if (e instanceof NoSuchFileException) {
            return "no such file or folder (or this file system does not allow one here)";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    String storeLocation(Map<String, String> env) {
        if (store != null) {
            return store;
        }
        String fromEnv = env.get(STORE_ENV);
        return fromEnv != null && !fromEnv.isBlank() ? fromEnv : LineageStores.defaultLocation(home(env));
    }

    /** Refuses a malformed {@code --store} before anything is created (the home folder included). */
    void checkLocation(Map<String, String> env) {
        LineageStores.checkLocation(storeLocation(env));
    }

    /**
     * Opens the store for a command that records; an embedded store is created on first use.
     * Records come with artifacts, so the home folder is checked (and created) first: a bad
     * {@code --store} or {@code --home} is one line of bad input, before anything is written.
     */
    LineageStore openLineage(Map<String, String> env) {
        checkLocation(env);
        String location = storeLocation(env);
        if (location.equals(LineageStores.defaultLocation(home(env)))) {
            prepareHome(env); // the store lives in the home: a bad home is named as such
            return LineageStores.open(location, env);
        }
        LineageStore lineage = LineageStores.open(location, env); // a bad --store leaves no empty home behind
        try {
            prepareHome(env);
        } catch (RuntimeException e) {
            lineage.close();
            throw e;
        }
        return lineage;
    }

    /** Opens the store for a command that only reads: a missing embedded store is bad input, nothing is created. */
    LineageStore openExistingLineage(Map<String, String> env) {
        return LineageStores.openExisting(storeLocation(env), env);
    }

    ArtifactStore artifacts(Map<String, String> env) {
        return new ArtifactStore(home(env));
    }
}

package dev.modelops.cli;

import dev.modelops.core.artifact.ArtifactStore;
import dev.modelops.core.lineage.LineageStore;
import dev.modelops.lineage.LineageStores;
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
        String fromEnv = env.get("MODELOPS_HOME");
        return Path.of(fromEnv != null && !fromEnv.isBlank() ? fromEnv : ".modelops").toAbsolutePath().normalize();
    }

    String storeLocation(Map<String, String> env) {
        if (store != null) {
            return store;
        }
        String fromEnv = env.get("MODELOPS_STORE");
        return fromEnv != null && !fromEnv.isBlank() ? fromEnv : LineageStores.defaultLocation(home(env));
    }

    LineageStore openLineage(Map<String, String> env) {
        return LineageStores.open(storeLocation(env), env);
    }

    ArtifactStore artifacts(Map<String, String> env) {
        return new ArtifactStore(home(env));
    }
}

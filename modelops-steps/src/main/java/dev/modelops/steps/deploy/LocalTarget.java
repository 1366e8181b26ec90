package dev.modelops.steps.deploy;

import dev.modelops.core.artifact.ArtifactStore;
import dev.modelops.core.lineage.Entity;
import dev.modelops.core.util.Json;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The local target. Deploying writes a deployment descriptor and records the ACTIVE deployment;
 * it does not start a long-running process inside a pipeline run (a run must finish, in CI too).
 * {@code modelops serve-model FILE --model M --env E} then serves whatever version is ACTIVE in the
 * environment, checking its SHA-256 again before it loads it. The descriptor tells operators and
 * scripts what is deployed, where and how to start it.
 */
public final class LocalTarget {
    private LocalTarget() {
    }

    /** {@code <home>/deployments/<model>/<env>.json}. */
    public static Path descriptor(ArtifactStore store, String model, String env) {
        return store.root().resolve("deployments").resolve(model).resolve(env + ".json");
    }

    /**
     * Writes the descriptor; returns the deployment details for lineage. The endpoint is where
     * {@code serve-model} listens by default (the environment's {@code deploy.port}).
     *
     * @param storeLocation the lineage store's location ({@code --store}), or null for a throw-away store
     */
    public static Map<String, Object> deploy(ArtifactStore store, Entity model, String env, DeploySettings settings,
                                             Path specFile, String storeLocation) {
        String endpoint = "http://127.0.0.1:" + settings.port();
        Path file = descriptor(store, model.name(), env);
        String serve = serveCommand(specFile, model.name(), env, store.root(), storeLocation);
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("model", model.name());
        d.put("env", env);
        d.put("modelVersion", model.label());
        d.put("modelId", model.id());
        d.put("modelSha256", model.contentHash());
        d.put("format", model.attributes().getOrDefault("format", "tribuo-protobuf"));
        d.put("artifact", store.pathOf(model.contentHash()).toString());
        d.put("endpoint", endpoint);
        d.put("port", settings.port());
        d.put("deployedAt", Instant.now().toString());
        d.put("serve", serve);
        Json.write(file, d);
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("endpoint", endpoint);
        details.put("port", settings.port());
        details.put("descriptor", file.toString());
        details.put("serve", serve);
        return details;
    }

    /**
     * The command that serves the deployment, with {@code --home} and {@code --store} when they
     * are not what {@code serve-model} would use by default from the same folder (a run with
     * {@code --home /x} is served from {@code /x}).
     */
    static String serveCommand(Path specFile, String model, String env, Path home, String storeLocation) {
        StringBuilder sb = new StringBuilder("modelops serve-model ").append(shellWord(specFile.toString()))
                .append(" --model ").append(shellWord(model)).append(" --env ").append(shellWord(env));
        Path root = home.toAbsolutePath().normalize();
        if (!root.equals(Path.of(".modelops").toAbsolutePath().normalize())) {
            sb.append(" --home ").append(shellWord(root.toString()));
        }
        if (storeLocation != null && !storeLocation.equals("sqlite:" + root.resolve("lineage.db"))) {
            sb.append(" --store ").append(shellWord(storeLocation));
        }
        return sb.toString();
    }

    private static String shellWord(String s) {
        return s.matches("[A-Za-z0-9_./:=@%+,-]+") ? s : "'" + s.replace("'", "'\"'\"'") + "'";
    }
}

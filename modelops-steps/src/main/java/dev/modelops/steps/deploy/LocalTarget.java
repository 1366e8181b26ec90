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

    /** Writes the descriptor; returns the deployment details for lineage. */
    public static Map<String, Object> deploy(ArtifactStore store, Entity model, String env, DeploySettings settings,
                                             Path specFile) {
        String endpoint = "http://127.0.0.1:" + settings.port();
        Path file = descriptor(store, model.name(), env);
        String serve = "modelops serve-model " + specFile + " --model " + model.name() + " --env " + env;
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
}

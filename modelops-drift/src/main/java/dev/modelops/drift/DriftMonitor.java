package dev.modelops.drift;

import dev.modelops.core.InputError;
import dev.modelops.core.lineage.Entity;
import dev.modelops.core.spec.TriggerSpec;
import dev.modelops.core.util.Json;
import dev.modelops.drift.check.DriftSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code drift-monitor.json}: the contract between a deployment's {@code monitorDrift} task and
 * the scheduled Jenkins job that watches it. It pins the model version and reference profile,
 * names the folder live batches arrive in, the schedule, the thresholds and the drift triggers,
 * and spells out the command the job runs ({@code modelops drift check --monitor FILE}).
 */
public final class DriftMonitor {
    public static final String FILE = "drift-monitor.json";
    public static final String SCHEMA = "modelops-drift-monitor/1";

    private DriftMonitor() {
    }

    /** {@code <home>/monitors/<model>/<env>/drift-monitor.json}. */
    public static Path path(Path home, String model, String env) {
        Path dir = home.resolve("monitors").resolve(model);
        return (env == null ? dir : dir.resolve(env)).resolve(FILE);
    }

    public static Map<String, Object> describe(DriftTarget target, String env, Entity deployment, String schedule,
                                               Path data, DriftSettings settings, Path specFile, Path home) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("schema", SCHEMA);
        m.put("model", target.modelVersion().name());
        if (env != null) {
            m.put("env", env);
        }
        m.put("modelVersion", target.modelVersion().version());
        m.put("modelId", target.modelVersion().id());
        m.put("modelSha256", target.modelVersion().contentHash());
        m.put("profileId", target.profile().id());
        m.put("profileSha256", target.profile().contentHash());
        if (deployment != null) {
            m.put("deploymentId", deployment.id());
            m.put("deploymentStatus", deployment.attributes().get("status"));
        }
        m.put("spec", specFile.toString());
        m.put("home", home.toString());
        m.put("data", data.toString());
        m.put("schedule", schedule);
        m.put("settings", settings.describe());
        List<Map<String, Object>> triggers = new ArrayList<>();
        for (TriggerSpec t : target.triggers()) {
            Map<String, Object> tm = new LinkedHashMap<>();
            tm.put("name", t.name());
            tm.put("pipeline", t.pipeline());
            if (t.env() != null) {
                tm.put("env", t.env());
            }
            triggers.add(tm);
        }
        m.put("triggers", triggers);
        Path monitor = path(home, target.modelVersion().name(), env);
        m.put("command", List.of("modelops", "drift", "check", "--monitor", monitor.toString()));
        m.put("exitCodes", Map.of("0", "no drift, or no new batch", "1", "the check failed", "2", "bad input", "3",
                "drift detected: " + DriftRun.TRIGGER_FILE + " names the pipeline to start"));
        return m;
    }

    /**
     * What a monitor file pins, read back by {@code modelops drift check --monitor}.
     *
     * @param model model name
     * @param env environment, or null
     * @param modelVersion pinned model version
     * @param modelId lineage id of the pinned model version (null in monitors written without it)
     * @param profileId pinned profile
     * @param spec the spec file
     * @param home the ModelOps home the monitor lives in
     * @param data the batch folder
     * @param settings thresholds as recorded
     */
    public record Pinned(String model, String env, int modelVersion, String modelId, String profileId, Path spec, Path home,
                         Path data,
                         Map<String, Object> settings) {
    }

    @SuppressWarnings("unchecked")
    public static Pinned read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new InputError("--monitor " + file, "file not found");
        }
        Map<String, Object> m;
        try {
            m = Json.read(file, Map.class);
        } catch (RuntimeException e) {
            throw new InputError(file.toString(), "not a readable drift monitor: " + e.getMessage());
        }
        if (!SCHEMA.equals(m.get("schema"))) {
            throw new InputError(file.toString(), "not a drift monitor (expected \"schema\": \"" + SCHEMA + "\")");
        }
        for (String key : List.of("model", "modelVersion", "profileId", "spec", "home", "data", "settings")) {
            if (m.get(key) == null) {
                throw new InputError(file.toString(), "the monitor has no '" + key + "'");
            }
        }
        Map<String, Object> settings = new LinkedHashMap<>((Map<String, Object>) m.get("settings"));
        settings.remove("columns");
        return new Pinned(String.valueOf(m.get("model")), m.get("env") == null ? null : String.valueOf(m.get("env")),
                ((Number) m.get("modelVersion")).intValue(), m.get("modelId") == null ? null : String.valueOf(m.get("modelId")),
                String.valueOf(m.get("profileId")),
                Path.of(String.valueOf(m.get("spec"))), Path.of(String.valueOf(m.get("home"))),
                Path.of(String.valueOf(m.get("data"))), settings);
    }
}

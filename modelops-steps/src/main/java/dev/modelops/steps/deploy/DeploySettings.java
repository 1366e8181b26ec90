package dev.modelops.steps.deploy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * Where and how a model version is deployed in one environment: the environment's {@code deploy}
 * map in {@code modelops.yaml}, with a task's {@code with:} values over it.
 *
 * <pre>
 * environments:
 *   prod:
 *     deploy:
 *       target: kubernetes          # local (default) or kubernetes
 *       image: registry/modelops:1  # kubernetes: the image with the modelops CLI
 *       namespace: ml               # kubernetes namespace (default: default)
 *       replicas: 4
 *       canary: 0.25                # share of replicas on the new version (0: replace all)
 *       resources: {cpu: "1", memory: 2Gi}   # or {requests: {...}, limits: {...}}
 *       port: 8080                  # container port (kubernetes) / server port (local)
 *       health_timeout: 120         # seconds to wait for healthy pods before rolling back
 *       token_secret: model-token   # Secret holding the server token (key "token")
 *       spec_path: /workspace/modelops.yaml  # where the spec lives inside the image
 *       env: {MODELOPS_STORE: "postgresql://db:5432/modelops"}  # passed to the container
 * </pre>
 *
 * @param target local or kubernetes
 * @param image container image (kubernetes)
 * @param namespace kubernetes namespace
 * @param replicas pods in total
 * @param canary share of replicas on the new version, in [0, 1)
 * @param resources container resources: {@code requests}/{@code limits} maps, or flat values used as both
 * @param port the server's port
 * @param healthTimeoutSeconds how long pods may take to become healthy
 * @param tokenSecret name of the Secret with the serving token (key {@code token})
 * @param specPath the spec's path inside the image
 * @param env extra environment variables for the container
 */
public record DeploySettings(String target, String image, String namespace, int replicas, double canary,
                             Map<String, Object> resources, int port, int healthTimeoutSeconds, String tokenSecret,
                             String specPath, Map<String, String> env) {
    public static final String LOCAL = "local";
    public static final String KUBERNETES = "kubernetes";
    public static final List<String> KEYS = List.of("target", "image", "namespace", "replicas", "canary", "resources",
            "port", "health_timeout", "token_secret", "spec_path", "env");
    public static final int DEFAULT_LOCAL_PORT = 8080;

    public DeploySettings {
        resources = resources == null ? Map.of() : Map.copyOf(resources);
        env = env == null ? Map.of() : Map.copyOf(env);
    }

    public boolean kubernetes() {
        return KUBERNETES.equals(target);
    }

    /**
     * Reads settings from an environment's deploy map and a task's parameters (which win).
     *
     * @param problem called with (key, message) for every unusable value; a default is used instead
     */
    public static DeploySettings read(Map<String, Object> deploy, Map<String, Object> with, String specFileName,
                                      BiConsumer<String, String> problem) {
        Map<String, Object> merged = new LinkedHashMap<>(deploy);
        with.forEach((k, v) -> {
            if (KEYS.contains(k)) {
                merged.put(k, v);
            }
        });
        for (String key : merged.keySet()) {
            if (!KEYS.contains(key)) {
                problem.accept(key, "unknown deploy setting '" + key + "'; expected one of: " + String.join(", ", KEYS));
            }
        }
        String target = text(merged, "target", LOCAL).toLowerCase(Locale.ROOT);
        if (!target.equals(LOCAL) && !target.equals(KUBERNETES)) {
            problem.accept("target", "expected local or kubernetes, got '" + target + "'");
            target = LOCAL;
        }
        String image = merged.get("image") == null ? null : String.valueOf(merged.get("image"));
        if (target.equals(KUBERNETES) && (image == null || image.isBlank())) {
            problem.accept("image", "target kubernetes needs an image (the container with the modelops CLI)");
        }
        String namespace = text(merged, "namespace", "default");
        if (!namespace.matches("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?")) {
            problem.accept("namespace", "'" + namespace + "' is not a valid Kubernetes namespace (lower-case letters, digits, '-')");
            namespace = "default";
        }
        int replicas = integer(merged, "replicas", 1, 1, 1000, problem);
        double canary = number(merged, "canary", 0, problem);
        if (canary < 0 || canary >= 1) {
            problem.accept("canary", "expected a share of replicas in [0, 1), got " + merged.get("canary"));
            canary = 0;
        }
        int port = integer(merged, "port", target.equals(LOCAL) ? DEFAULT_LOCAL_PORT : 8080, 1, 65535, problem);
        int timeout = integer(merged, "health_timeout", 120, 1, 86400, problem);
        Map<String, Object> resources = new LinkedHashMap<>();
        Object r = merged.get("resources");
        if (r instanceof Map<?, ?> m) {
            m.forEach((k, v) -> resources.put(String.valueOf(k), v));
        } else if (r != null) {
            problem.accept("resources", "expected a mapping such as {cpu: \"1\", memory: 2Gi} or {requests: {...}, limits: {...}}");
        }
        Map<String, String> env = new LinkedHashMap<>();
        Object e = merged.get("env");
        if (e instanceof Map<?, ?> m) {
            m.forEach((k, v) -> env.put(String.valueOf(k), String.valueOf(v)));
        } else if (e != null) {
            problem.accept("env", "expected a mapping of environment variable names to values");
        }
        return new DeploySettings(target, image, namespace, replicas, canary, resources, port, timeout,
                text(merged, "token_secret", null), text(merged, "spec_path", "/workspace/" + specFileName), env);
    }

    private static String text(Map<String, Object> m, String key, String defaultValue) {
        Object v = m.get(key);
        return v == null ? defaultValue : String.valueOf(v);
    }

    private static double number(Map<String, Object> m, String key, double defaultValue, BiConsumer<String, String> problem) {
        Object v = m.get(key);
        if (v == null) {
            return defaultValue;
        }
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        try {
            return Double.parseDouble(String.valueOf(v).trim());
        } catch (NumberFormatException ex) {
            problem.accept(key, "expected a number, got '" + v + "'");
            return defaultValue;
        }
    }

    private static int integer(Map<String, Object> m, String key, int defaultValue, int min, int max,
                               BiConsumer<String, String> problem) {
        double v = number(m, key, defaultValue, problem);
        if (v != Math.rint(v) || v < min || v > max) {
            problem.accept(key, "expected a whole number in [" + min + ", " + max + "], got " + m.get(key));
            return defaultValue;
        }
        return (int) v;
    }
}

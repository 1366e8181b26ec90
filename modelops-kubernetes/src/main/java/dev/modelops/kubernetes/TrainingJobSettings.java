package dev.modelops.kubernetes;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiConsumer;
import java.util.regex.Pattern;

/**
 * Where and how a model's training Job runs on a cluster, read from the model's
 * {@code resources:} in modelops.yaml with {@code MODELOPS_K8S_*} environment variables as
 * team-wide defaults. Plain values, no fabric8 types, so the spec rule checks exactly the keys the
 * runner reads and a typo fails at {@code modelops validate} instead of on the cluster.
 *
 * @param namespace namespace of the Job
 * @param image container image with the modelops CLI
 * @param gpu {@code nvidia.com/gpu} to request (0: none)
 * @param cpu CPU request and limit (Kubernetes quantity) or null
 * @param memory memory request and limit (Kubernetes quantity) or null
 * @param nodeSelector node labels the pod must match
 * @param tolerations taints the pod tolerates (key, operator, value, effect)
 * @param volume PersistentVolumeClaim shared with this machine: the workspace and MODELOPS_HOME
 * @param mountPath where the claim is mounted, here and in the Job (paths are identical)
 * @param retries resubmissions after an eviction
 * @param timeout how long to wait for the Job before giving up
 * @param storeSecret Secret with {@code username}/{@code password} for the lineage store, or null
 * @param serviceAccount service account of the pod, or null
 */
public record TrainingJobSettings(String namespace, String image, int gpu, String cpu, String memory,
                                  Map<String, String> nodeSelector, List<Map<String, String>> tolerations,
                                  String volume, String mountPath, int retries, Duration timeout,
                                  String storeSecret, String serviceAccount) {
    public static final String DEFAULT_IMAGE = "modelops/cli:latest";
    public static final String DEFAULT_MOUNT_PATH = "/workspace";
    public static final int DEFAULT_RETRIES = 2;
    public static final int DEFAULT_TIMEOUT_MINUTES = 360;

    /** The {@code resources:} keys this module reads. */
    public static final Set<String> KEYS = Set.of("gpu", "cpu", "memory", "image", "namespace", "node_selector",
            "tolerations", "volume", "mount_path", "retries", "timeout_minutes", "store_secret", "service_account");

    private static final Pattern QUANTITY = Pattern.compile("[0-9]+(\\.[0-9]+)?(m|k|M|G|T|P|E|Ki|Mi|Gi|Ti|Pi|Ei)?");
    private static final Pattern DNS_NAME = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");
    private static final Set<String> TOLERATION_KEYS = Set.of("key", "operator", "value", "effect", "tolerationSeconds");
    private static final Set<String> OPERATORS = Set.of("Exists", "Equal");
    private static final Set<String> EFFECTS = Set.of("NoSchedule", "PreferNoSchedule", "NoExecute");

    /** The toleration GPU nodes are usually tainted with (GKE, AKS, the NVIDIA operator). */
    public static final Map<String, String> GPU_TOLERATION = Map.of("key", "nvidia.com/gpu", "operator", "Exists",
            "effect", "NoSchedule");

    public TrainingJobSettings {
        nodeSelector = Map.copyOf(nodeSelector);
        tolerations = tolerations.stream().map(Map::copyOf).toList();
    }

    /**
     * Reads the settings.
     *
     * @param resources the model's {@code resources:} map
     * @param gpuOverride a task's {@code with: {gpu: N}}, or null
     * @param env process environment (the {@code MODELOPS_K8S_*} defaults)
     * @param problems receives (key, message) for every bad value; reading goes on with defaults
     */
    public static TrainingJobSettings read(Map<String, Object> resources, Object gpuOverride, Map<String, String> env,
                                           BiConsumer<String, String> problems) {
        for (String key : resources.keySet()) {
            if (!KEYS.contains(key)) {
                problems.accept(key, "unknown resources key '" + key + "'; expected one of: "
                        + String.join(", ", new TreeSet<>(KEYS)));
            }
        }
        int gpu = count(gpuOverride != null ? gpuOverride : resources.get("gpu"), "gpu", 0, problems);
        String cpu = quantity(resources.get("cpu"), "cpu", problems);
        String memory = quantity(resources.get("memory"), "memory", problems);
        String image = text(resources.get("image"), env.get("MODELOPS_K8S_IMAGE"), DEFAULT_IMAGE);
        String namespace = text(resources.get("namespace"), env.get("MODELOPS_K8S_NAMESPACE"), null);
        if (namespace != null && !DNS_NAME.matcher(namespace).matches()) {
            problems.accept("namespace", "'" + namespace + "' is not a valid namespace name");
        }
        Map<String, String> nodeSelector = stringMap(resources.get("node_selector"), "node_selector", problems);
        List<Map<String, String>> tolerations = tolerations(resources.get("tolerations"), gpu, problems);
        String volume = text(resources.get("volume"), env.get("MODELOPS_K8S_VOLUME"), null);
        String mountPath = text(resources.get("mount_path"), env.get("MODELOPS_K8S_MOUNT_PATH"), DEFAULT_MOUNT_PATH);
        if (!mountPath.startsWith("/")) {
            problems.accept("mount_path", "expected an absolute path, got '" + mountPath + "'");
        }
        int retries = count(resources.get("retries"), "retries", DEFAULT_RETRIES, problems);
        int timeoutMinutes = count(resources.get("timeout_minutes"), "timeout_minutes", DEFAULT_TIMEOUT_MINUTES, problems);
        if (timeoutMinutes == 0) {
            problems.accept("timeout_minutes", "must be at least 1");
            timeoutMinutes = DEFAULT_TIMEOUT_MINUTES;
        }
        String storeSecret = text(resources.get("store_secret"), env.get("MODELOPS_K8S_STORE_SECRET"), null);
        String serviceAccount = text(resources.get("service_account"), env.get("MODELOPS_K8S_SERVICE_ACCOUNT"), null);
        return new TrainingJobSettings(namespace, image, gpu, cpu, memory, nodeSelector, tolerations, volume, mountPath,
                retries, Duration.ofMinutes(timeoutMinutes), storeSecret, serviceAccount);
    }

    private static String text(Object value, String fromEnv, String fallback) {
        if (value != null && !String.valueOf(value).isBlank()) {
            return String.valueOf(value);
        }
        return fromEnv != null && !fromEnv.isBlank() ? fromEnv : fallback;
    }

    private static int count(Object value, String key, int fallback, BiConsumer<String, String> problems) {
        if (value == null) {
            return fallback;
        }
        String text = String.valueOf(value).trim();
        try {
            int n = Integer.parseInt(text);
            if (n >= 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        problems.accept(key, "expected a whole number >= 0, got '" + value + "'");
        return fallback;
    }

    private static String quantity(Object value, String key, BiConsumer<String, String> problems) {
        if (value == null) {
            return null;
        }
        String text = String.valueOf(value).trim();
        if (!QUANTITY.matcher(text).matches()) {
            problems.accept(key, "expected a Kubernetes quantity such as 2, 500m, 8Gi; got '" + value + "'");
            return null;
        }
        return text;
    }

    private static Map<String, String> stringMap(Object value, String key, BiConsumer<String, String> problems) {
        Map<String, String> out = new LinkedHashMap<>();
        if (value == null) {
            return out;
        }
        if (!(value instanceof Map<?, ?> map)) {
            problems.accept(key, "expected a mapping of node labels, e.g. {nvidia.com/gpu.present: \"true\"}");
            return out;
        }
        map.forEach((k, v) -> out.put(String.valueOf(k), String.valueOf(v)));
        return out;
    }

    private static List<Map<String, String>> tolerations(Object value, int gpu, BiConsumer<String, String> problems) {
        List<Map<String, String>> out = new ArrayList<>();
        if (value == null) {
            if (gpu > 0) {
                out.add(GPU_TOLERATION);
            }
            return out;
        }
        if (!(value instanceof List<?> list)) {
            problems.accept("tolerations", "expected a list of tolerations ({key, operator, value, effect})");
            return out;
        }
        for (int i = 0; i < list.size(); i++) {
            if (!(list.get(i) instanceof Map<?, ?> m)) {
                problems.accept("tolerations", "item " + (i + 1) + ": expected {key, operator, value, effect}");
                continue;
            }
            Map<String, String> t = new LinkedHashMap<>();
            m.forEach((k, v) -> t.put(String.valueOf(k), String.valueOf(v)));
            for (String k : t.keySet()) {
                if (!TOLERATION_KEYS.contains(k)) {
                    problems.accept("tolerations", "item " + (i + 1) + ": unknown key '" + k + "'; expected one of: "
                            + String.join(", ", new TreeSet<>(TOLERATION_KEYS)));
                }
            }
            if (t.containsKey("operator") && !OPERATORS.contains(t.get("operator"))) {
                problems.accept("tolerations", "item " + (i + 1) + ": operator must be Exists or Equal");
            }
            if (t.containsKey("effect") && !EFFECTS.contains(t.get("effect"))) {
                problems.accept("tolerations", "item " + (i + 1) + ": effect must be one of "
                        + String.join(", ", new TreeSet<>(EFFECTS)));
            }
            if (t.containsKey("tolerationSeconds") && !t.get("tolerationSeconds").matches("[0-9]+")) {
                problems.accept("tolerations", "item " + (i + 1) + ": tolerationSeconds must be a whole number");
                t.remove("tolerationSeconds");
            }
            out.add(t);
        }
        return out;
    }
}

package dev.modelops.core.exec;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;

/**
 * The catalog of task types: the built-in lifecycle steps of the ModelOps design, plus any type
 * a {@link StepProvider} on the class path adds. A spec is validated against this catalog even
 * where an implementation is not installed, so a typo is caught before anything runs.
 */
public final class StepTypes {
    public static final String TRAIN = "trainModel";
    public static final String EVALUATE = "evaluateModel";
    public static final String HARDEN = "hardenModel";
    public static final String COMPRESS = "compressModel";
    public static final String DEPLOY = "deployModel";
    public static final String PROMOTE = "promote";
    public static final String QUALITY_GATE = "qualityGate";
    public static final String VALIDATE_DATA = "validateData";
    public static final String CHECK_DRIFT = "checkDrift";
    public static final String MONITOR_DRIFT = "monitorDrift";

    private static final List<StepType> BUILT_IN = List.of(
            new StepType(TRAIN, "train a model version with Tribuo", Set.of("platform", "gpu"), true, false),
            new StepType(EVALUATE, "evaluate a model version on its test rows", Set.of(), true, false),
            new StepType(HARDEN, "measure robustness and retrain adversarially",
                    Set.of("epsilon", "attack", "samples", "seed", "noise", "points", "batches", "radius", "augment",
                            "rounds"), true, false),
            new StepType(COMPRESS, "export to ONNX and quantize",
                    Set.of("format", "quantize", "max_accuracy_loss", "bits"), true, false),
            new StepType(DEPLOY, "deploy a model version to an environment",
                    Set.of("target", "replicas", "canary", "port", "image", "namespace", "health_timeout"), true, true),
            new StepType(PROMOTE, "promote a model version between environments",
                    Set.of("from", "approver", "approval_source"), true, true),
            new StepType(QUALITY_GATE, "judge a model version against its gates",
                    Set.of("gates", "champion_env"), true, false),
            new StepType(VALIDATE_DATA, "validate a data file against its dataset's schema before training",
                    Set.of("data"), false, false),
            new StepType(CHECK_DRIFT, "compare new data with the model's reference profile",
                    Set.of("data", "threshold", "checks", "confidence", "psi_threshold", "drift_share", "domain_auc",
                            "performance_tolerance", "fail_on_drift", "small_reference_rows", "bins",
                            "domain_max_rows"), true, false),
            new StepType(MONITOR_DRIFT, "watch a deployment's live data for drift",
                    Set.of("schedule", "threshold", "data", "checks", "confidence", "drift_share", "psi_threshold",
                            "small_reference_rows", "bins", "domain_auc", "domain_max_rows", "performance_tolerance"),
                    true, false));

    private final Map<String, StepType> types;

    private StepTypes(Map<String, StepType> types) {
        this.types = types;
    }

    /** Built-in types plus those of every provider on the class path. */
    public static StepTypes discover() {
        Map<String, StepType> types = new LinkedHashMap<>();
        BUILT_IN.forEach(t -> types.put(t.name(), t));
        for (StepProvider provider : ServiceLoader.load(StepProvider.class)) {
            types.putIfAbsent(provider.type().name(), provider.type());
        }
        return new StepTypes(Map.copyOf(types));
    }

    public static StepTypes builtIn() {
        Map<String, StepType> types = new LinkedHashMap<>();
        BUILT_IN.forEach(t -> types.put(t.name(), t));
        return new StepTypes(Map.copyOf(types));
    }

    public StepType get(String name) {
        return types.get(name);
    }

    public Set<String> names() {
        return new java.util.TreeSet<>(types.keySet());
    }
}

package dev.modelops.core.exec;

import dev.modelops.core.spec.Platform;
import dev.modelops.core.spec.YamlEnums;
import java.util.Arrays;
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

    private static final ParamRule POSITIVE = ParamRule.number(0, false, Double.POSITIVE_INFINITY, false);
    /** A version number, {@code name@vN} or a lineage id: which one exists is checked when the task runs. */
    private static final ParamRule MODEL_VERSION = ParamRule.text();
    private static final ParamRule SHARE = ParamRule.number(0, true, 1, true);

    /*
     * The value rules mirror what each step reads (Params in modelops-steps, DeploySettings,
     * DriftSettings, QualityGates): a value they would reject at run time is rejected here first.
     */
    private static final List<StepType> BUILT_IN = List.of(
            StepType.of(TRAIN, "train a model version with Tribuo", StepType.params(
                    "platform", ParamRule.oneOf(Arrays.stream(Platform.values()).map(YamlEnums::yamlName)
                            .toArray(String[]::new)),
                    "gpu", ParamRule.integer(0, Integer.MAX_VALUE)), true, false),
            StepType.of(EVALUATE, "evaluate a model version on its test rows", StepType.params(
                    "model_version", MODEL_VERSION), true, false),
            StepType.of(HARDEN, "measure robustness and retrain adversarially", StepType.params(
                    "epsilon", POSITIVE,
                    "attack", ParamRule.oneOfIgnoringCase("auto", "exact-linear", "hopskipjump"),
                    "samples", ParamRule.integer(1, 10_000),
                    "seed", ParamRule.integer(0, Integer.MAX_VALUE),
                    "noise", ParamRule.number(0, true, 100, true),
                    "points", ParamRule.integer(1, 100_000),
                    "batches", ParamRule.integer(3, 10_000),
                    "radius", POSITIVE,
                    "augment", SHARE,
                    "rounds", ParamRule.integer(1, 100),
                    "model_version", MODEL_VERSION), true, false),
            StepType.of(COMPRESS, "export to ONNX and quantize", StepType.params(
                    "format", ParamRule.oneOfIgnoringCase("onnx"),
                    "quantize", ParamRule.oneOfIgnoringCase("int8", "float16", "none"),
                    "max_accuracy_loss", SHARE,
                    "bits", ParamRule.integer(2, 8),
                    "model_version", MODEL_VERSION), true, false),
            StepType.of(DEPLOY, "deploy a model version to an environment", StepType.params(
                    "target", ParamRule.oneOfIgnoringCase("local", "kubernetes"),
                    "replicas", ParamRule.integer(1, 1000),
                    "canary", ParamRule.number(0, true, 1, false),
                    "port", ParamRule.integer(1, 65535),
                    "image", ParamRule.text(),
                    "namespace", ParamRule.matching("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?",
                            "a Kubernetes namespace (lower-case letters, digits, '-')"),
                    "health_timeout", ParamRule.integer(1, 86_400),
                    "model_version", MODEL_VERSION), true, true),
            StepType.of(PROMOTE, "promote a model version between environments", StepType.params(
                    "from", ParamRule.environment(),
                    "approver", ParamRule.text(),
                    "approval_source", ParamRule.oneOfIgnoringCase("cli", "jenkins-input"),
                    "submitter", ParamRule.any()), true, true),
            StepType.of(QUALITY_GATE, "judge a model version against its gates", StepType.params(
                    "gates", ParamRule.any(),
                    "champion_env", ParamRule.environment(),
                    "model_version", MODEL_VERSION), true, false),
            StepType.of(VALIDATE_DATA, "validate a data file against its dataset's schema before training",
                    StepType.params("data", ParamRule.dataFile()), false, false),
            StepType.of(CHECK_DRIFT, "compare new data with the model's reference profile", StepType.params(
                    "data", ParamRule.dataFileOrFolder(),
                    "threshold", POSITIVE,
                    "checks", ParamRule.any(),
                    "confidence", ParamRule.number(0, false, 1, false),
                    "psi_threshold", POSITIVE,
                    "drift_share", ParamRule.number(0, false, 1, true),
                    "domain_auc", ParamRule.number(0.5, false, 1, true),
                    "performance_tolerance", ParamRule.number(0, true, Double.POSITIVE_INFINITY, false),
                    "fail_on_drift", ParamRule.bool(),
                    "small_reference_rows", ParamRule.integer(0, Integer.MAX_VALUE),
                    "bins", ParamRule.integer(2, 1000),
                    "domain_max_rows", ParamRule.integer(20, 1_000_000)), true, false),
            StepType.of(MONITOR_DRIFT, "watch a deployment's live data for drift", StepType.params(
                    "schedule", ParamRule.cron(),
                    "threshold", POSITIVE,
                    "data", ParamRule.folderToCreate(),
                    "checks", ParamRule.any(),
                    "confidence", ParamRule.number(0, false, 1, false),
                    "drift_share", ParamRule.number(0, false, 1, true),
                    "psi_threshold", POSITIVE,
                    "small_reference_rows", ParamRule.integer(0, Integer.MAX_VALUE),
                    "bins", ParamRule.integer(2, 1000),
                    "domain_auc", ParamRule.number(0.5, false, 1, true),
                    "domain_max_rows", ParamRule.integer(20, 1_000_000),
                    "performance_tolerance", ParamRule.number(0, true, Double.POSITIVE_INFINITY, false)), true, false));

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

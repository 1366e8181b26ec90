package dev.modelops.cli;

import dev.modelops.core.InputError;
import dev.modelops.core.exec.StepType;
import dev.modelops.core.exec.StepTypes;
import dev.modelops.core.lineage.LineageStore;
import dev.modelops.core.plan.Plan;
import dev.modelops.core.plan.Planner;
import dev.modelops.core.spec.ModelOpsSpec;
import dev.modelops.core.spec.TaskSpec;
import dev.modelops.ml.ModelVersions;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code modelops step TYPE FILE --model M}: runs one task outside any declared pipeline. This is
 * what each Jenkins shared-library step calls: a Jenkins stage is one task. A task works on the
 * version {@code --model-version} names (the library passes the version its previous stage
 * produced, so concurrent builds sharing a store do not pick up each other's models), else on the
 * newest usable version of its model. Transformer flags ({@code --harden}, {@code --monitor-drift})
 * insert their tasks as in a pipeline.
 */
@Command(name = "step", description = "Run a single task (trainModel, evaluateModel, ...) of a modelops.yaml.")
final class StepCommand implements Callable<Integer> {
    private static final String MODEL_VERSION = ModelVersions.MODEL_VERSION;

    @Parameters(index = "0", paramLabel = "TYPE", description = "The step type, e.g. trainModel.")
    String type;

    @Parameters(index = "1", paramLabel = "FILE", description = "The modelops.yaml to read.")
    Path file;

    @Mixin
    SpecArgs args;

    @Mixin
    StoreArgs store;

    @Option(names = {"-m", "--model"}, paramLabel = "MODEL", description = "The model the task works on.")
    String model;

    @Option(names = "--dataset", paramLabel = "DATASET", description = "The dataset it reads (default: the model's).")
    String dataset;

    @Option(names = "--target-env", paramLabel = "ENV", description = "Target environment (deploy, promote).")
    String targetEnv;

    @Option(names = "--with", paramLabel = "KEY=VALUE", description = "A step parameter.")
    Map<String, String> with = new LinkedHashMap<>();

    @Option(names = "--model-version", paramLabel = "N|ID",
            description = "Work on this version of the model (a version number, name@vN or a lineage id) instead of "
                    + "the newest; what the Jenkins library passes from one stage to the next.")
    String modelVersion;

    @Option(names = "--harden", description = "Insert a hardening task after training.")
    boolean harden;

    @Option(names = "--monitor-drift", description = "Insert a drift monitor after deployment.")
    boolean monitorDrift;

    @Option(names = "--run-id-file", paramLabel = "FILE",
            description = "Also write the run id into FILE (before the task starts), e.g. for 'report lineage --run'.")
    Path runIdFile;

    @Spec
    CommandSpec spec;

    /**
     * The made-up task has no line in the spec, so its arguments are checked here, by flag name,
     * before anything runs: names against the spec, {@code --with} keys and values against the
     * step type's declared parameters.
     *
     * @param flags flag of each task field (promote calls the target environment {@code --to})
     * @param withFlags flag of each {@code with} key that has its own (promote's {@code --from})
     */
    private void checkArguments(Planner planner, ModelOpsSpec loaded, Map<String, String> flags,
                                Map<String, String> withFlags) {
        StepType stepType = planner.stepTypes().get(type);
        if (stepType == null) {
            throw new InputError("step " + type, "unknown step type; known: " + String.join(", ", planner.stepTypes().names()));
        }
        known(flags.get("model"), model, loaded.models().keySet());
        known(flags.get("dataset"), dataset, loaded.datasets().keySet());
        known(flags.get("env"), targetEnv, loaded.environments().keySet());
        if (model == null && stepType.requiresModel()) {
            throw new InputError("step " + type, "needs " + flags.get("model") + "; known: "
                    + String.join(", ", loaded.models().keySet()));
        }
        if (targetEnv == null && stepType.requiresEnv()) {
            throw new InputError("step " + type, "needs " + flags.get("env") + "; known: "
                    + String.join(", ", loaded.environments().keySet()));
        }
        if (modelVersion != null) {
            if (!stepType.parameters().contains(MODEL_VERSION)) {
                throw new InputError("--model-version " + modelVersion, type + " does not work on an existing model "
                        + "version");
            }
            if (with.containsKey(MODEL_VERSION)) {
                throw new InputError("--model-version " + modelVersion, "give the version once, not also as --with "
                        + MODEL_VERSION);
            }
        }
        for (Map.Entry<String, String> w : with.entrySet()) {
            String flag = withFlags.getOrDefault(w.getKey(), "--with " + w.getKey());
            stepType.problem(w.getKey(), w.getValue(), loaded).ifPresent(problem -> {
                throw new InputError(flag, problem);
            });
        }
        if (harden && !StepTypes.TRAIN.equals(type)) {
            throw new InputError("--harden", "applies only to step " + StepTypes.TRAIN);
        }
        if (monitorDrift && !StepTypes.DEPLOY.equals(type)) {
            throw new InputError("--monitor-drift", "applies only to step " + StepTypes.DEPLOY);
        }
    }

    /**
     * A pinned version ({@code --model-version}, {@code --with model_version=}) must exist before
     * the run starts: found only by the task, it would be a failed run with its folder and records.
     * The store is opened read-only, as the read commands do.
     */
    private void checkPinnedVersion(Map<String, String> withFlags) {
        String value = modelVersion != null ? modelVersion : with.get(MODEL_VERSION);
        if (value == null || value.isBlank() || model == null) {
            return;
        }
        String place = modelVersion != null ? withFlags.getOrDefault(MODEL_VERSION, "--model-version") + " " + value
                : "--with " + MODEL_VERSION + "=" + value;
        try (LineageStore lineage = store.openExistingLineage(System.getenv())) {
            ModelVersions.pinned(lineage, model, value.trim(), place, "");
        }
    }

    private static void known(String flag, String value, Set<String> names) {
        if (value != null && !names.contains(value)) {
            throw new InputError(flag + " " + value, "unknown; known: "
                    + (names.isEmpty() ? "(none declared)" : String.join(", ", names)));
        }
    }

    @Override
    public Integer call() throws Exception {
        Planner planner = Planner.discover();
        return run(planner, args.load(file, planner), SingleTask.STEP_FIELDS, Map.of(MODEL_VERSION, "--model-version"));
    }

    /** Checks the arguments, then plans and runs the single task (promote calls this with its own flag names). */
    Integer run(Planner planner, ModelOpsSpec loaded, Map<String, String> flags, Map<String, String> withFlags)
            throws Exception {
        checkArguments(planner, loaded, flags, withFlags);
        checkPinnedVersion(withFlags);
        Map<String, Object> parameters = new LinkedHashMap<>(with);
        if (modelVersion != null) {
            parameters.put(MODEL_VERSION, modelVersion);
        }
        TaskSpec task = new TaskSpec(type, type, model, dataset, targetEnv, List.of(), harden, monitorDrift, parameters);
        SingleTask single = SingleTask.of(loaded, "step-" + type, task, "step " + type, flags, withFlags);
        Plan plan = planner.plan(single.spec(), single.pipeline());
        return PlanRunner.run(single.spec(), file, plan, store, 2, runIdFile, spec.commandLine().getOut());
    }
}

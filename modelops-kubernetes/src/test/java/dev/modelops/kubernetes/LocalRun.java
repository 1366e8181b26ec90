package dev.modelops.kubernetes;

import dev.modelops.core.artifact.ArtifactStore;
import dev.modelops.core.data.DatasetLoader;
import dev.modelops.core.exec.CiContext;
import dev.modelops.core.exec.Executor;
import dev.modelops.core.exec.RunContext;
import dev.modelops.core.exec.RunInfo;
import dev.modelops.core.exec.RunListener;
import dev.modelops.core.exec.RunReport;
import dev.modelops.core.exec.StepRegistry;
import dev.modelops.core.lineage.LineageStore;
import dev.modelops.core.plan.Plan;
import dev.modelops.core.plan.Planner;
import dev.modelops.core.spec.ModelOpsSpec;
import dev.modelops.core.spec.PipelineSpec;
import dev.modelops.core.spec.SpecLoader;
import dev.modelops.core.spec.SpecOptions;
import dev.modelops.core.spec.SpecValidator;
import dev.modelops.core.spec.TaskSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs a pipeline, or one task as {@code modelops step} does, through the real planner, executor
 * and stores: the controller side of a test, and the work a training Job's container does. Both
 * sides get the same lineage store instance, standing for the team's shared database.
 */
final class LocalRun {
    private LocalRun() {
    }

    static RunReport pipeline(Path specFile, String pipeline, Map<String, String> env, LineageStore lineage,
                              String runId) throws Exception {
        Planner planner = Planner.discover();
        ModelOpsSpec spec = SpecLoader.loadValid(specFile, SpecOptions.defaults(), SpecValidator.discover(planner));
        return run(spec, specFile, planner.plan(spec, pipeline), env, lineage, runId);
    }

    /** What {@code modelops step TYPE FILE --model M --with k=v --set k=v} does. */
    static RunReport step(String type, Path specFile, String model, Map<String, Object> with, Map<String, String> sets,
                          Map<String, String> env, LineageStore lineage, String runId) throws Exception {
        Planner planner = Planner.discover();
        ModelOpsSpec loaded = SpecLoader.loadValid(specFile, new SpecOptions(null, sets), SpecValidator.discover(planner));
        TaskSpec task = new TaskSpec(type, type, model, null, null, List.of(), false, false, new LinkedHashMap<>(with));
        PipelineSpec single = new PipelineSpec("step-" + type, "a single " + type + " task", null, Map.of(),
                List.of(task), true);
        List<PipelineSpec> pipelines = new ArrayList<>(loaded.pipelines());
        pipelines.add(single);
        ModelOpsSpec spec = new ModelOpsSpec(loaded.source(), loaded.environment(), loaded.variables(),
                loaded.datasets(), loaded.models(), loaded.environments(), pipelines, loaded.triggers(),
                loaded.locations(), loaded.contentHash());
        return run(spec, specFile, planner.plan(spec, single.name()), env, lineage, runId);
    }

    private static RunReport run(ModelOpsSpec spec, Path specFile, Plan plan, Map<String, String> env,
                                 LineageStore lineage, String runId) throws Exception {
        Path home = Path.of(env.get("MODELOPS_HOME"));
        Path runDir = Files.createDirectories(home.resolve("runs").resolve(runId));
        RunInfo info = new RunInfo(runId, plan.pipeline(), spec.environment(), specFile, spec.contentHash(),
                Instant.now(), spec.variables(), CiContext.from(env));
        RunContext context = new RunContext(info, spec, new ArtifactStore(home), lineage, new DatasetLoader(), runDir, env);
        RunListener printing = new RunListener() {
            @Override
            public void taskProgress(dev.modelops.core.plan.PlannedTask task, String message, double fraction) {
                System.out.println(java.time.LocalTime.now() + " [" + runId + "] " + task.id() + ": " + message);
            }
        };
        return new Executor(StepRegistry.discover(), 1).run(plan, context, printing);
    }
}

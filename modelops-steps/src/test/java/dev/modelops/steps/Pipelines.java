package dev.modelops.steps;

import dev.modelops.core.artifact.ArtifactStore;
import dev.modelops.core.data.DatasetLoader;
import dev.modelops.core.exec.Executor;
import dev.modelops.core.exec.RunContext;
import dev.modelops.core.exec.RunInfo;
import dev.modelops.core.exec.RunListener;
import dev.modelops.core.exec.RunReport;
import dev.modelops.core.exec.StepRegistry;
import dev.modelops.core.exec.TaskOutcome;
import dev.modelops.core.lineage.InMemoryLineageStore;
import dev.modelops.core.lineage.LineageStore;
import dev.modelops.core.plan.Plan;
import dev.modelops.core.plan.Planner;
import dev.modelops.core.spec.ModelOpsSpec;
import dev.modelops.core.spec.SpecLoader;
import dev.modelops.core.spec.SpecOptions;
import dev.modelops.core.spec.SpecValidator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;

/**
 * Runs real pipelines of a spec with the real planner, executor and steps, against an in-memory
 * lineage store and an artifact store in a test folder; what the CLI does, minus the CLI.
 */
final class Pipelines {
    final Path home;
    final LineageStore lineage;
    final ArtifactStore artifacts;
    private int runs;

    Pipelines(Path home) {
        this(home, new InMemoryLineageStore());
    }

    Pipelines(Path home, LineageStore lineage) {
        this.home = home;
        this.lineage = lineage;
        this.artifacts = new ArtifactStore(home);
    }

    static final Path FASHION_CSV = Path.of("../examples/fashion-mnist/data/fashion-mnist-14x14.csv")
            .toAbsolutePath().normalize();

    ModelOpsSpec load(Path spec, String env) {
        Planner planner = Planner.discover();
        return SpecLoader.loadValid(spec, new SpecOptions(env, Map.of()), SpecValidator.discover(planner));
    }

    RunReport run(Path spec, String pipeline) throws Exception {
        return run(spec, pipeline, null, Map.of());
    }

    RunReport run(Path spec, String pipeline, String env, Map<String, String> environment) throws Exception {
        ModelOpsSpec loaded = load(spec, env);
        Plan plan = Planner.discover().plan(loaded, pipeline);
        String runId = "test-" + (++runs);
        RunInfo info = new RunInfo(runId, plan.pipeline(), env, spec, loaded.contentHash(), Instant.now(),
                loaded.variables(), Map.of());
        Path runDir = Files.createDirectories(home.resolve("runs").resolve(runId));
        RunContext ctx = new RunContext(info, loaded, artifacts, lineage, new DatasetLoader(), runDir, environment);
        return new Executor(StepRegistry.discover(), 2).run(plan, ctx, RunListener.NONE);
    }

    static TaskOutcome task(RunReport report, String id) {
        return report.outcomes().stream().filter(o -> o.taskId().equals(id)).findFirst().orElseThrow();
    }
}

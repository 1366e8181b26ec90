package dev.modelops.cli;

import dev.modelops.core.artifact.ArtifactStore;
import dev.modelops.core.data.DatasetLoader;
import dev.modelops.core.exec.CiContext;
import dev.modelops.core.exec.Executor;
import dev.modelops.core.exec.RunContext;
import dev.modelops.core.exec.RunInfo;
import dev.modelops.core.exec.RunReport;
import dev.modelops.core.exec.StepRegistry;
import dev.modelops.core.lineage.LineageStore;
import dev.modelops.core.plan.Plan;
import dev.modelops.core.plan.Planner;
import dev.modelops.core.spec.ModelOpsSpec;
import dev.modelops.core.util.Json;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ThreadLocalRandom;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code modelops run FILE}: validates and plans first (bad input writes nothing), then runs the
 * pipeline locally, prints a summary table and writes {@code run.json} into the run's folder.
 */
@Command(name = "run", description = "Run a pipeline of a modelops.yaml locally.")
final class RunCommand implements Callable<Integer> {
    private static final DateTimeFormatter RUN_ID = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")
            .withZone(ZoneOffset.UTC);

    @Mixin
    SpecArgs args;

    @Mixin
    StoreArgs store;

    @Option(names = {"-p", "--pipeline"}, paramLabel = "NAME", description = "Pipeline to run (default: the first).")
    String pipeline;

    @Option(names = "--parallelism", paramLabel = "N", defaultValue = "2",
            description = "Tasks run at once on independent branches. Default: ${DEFAULT-VALUE}.")
    int parallelism;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Map<String, String> env = System.getenv();
        PrintWriter out = spec.commandLine().getOut();
        Planner planner = Planner.discover();
        ModelOpsSpec loaded = args.load(planner);
        Plan plan = planner.plan(loaded, pipeline);
        StepRegistry registry = StepRegistry.discover();
        registry.requireImplementations(plan);

        Instant started = Instant.now();
        String runId = RUN_ID.format(started) + "-" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt())
                .substring(0, 6);
        Path home = store.home(env);
        ArtifactStore artifacts = store.artifacts(env);
        Path runDir = Files.createDirectories(home.resolve("runs").resolve(runId));
        RunInfo info = new RunInfo(runId, plan.pipeline(), loaded.environment(), args.file, loaded.contentHash(),
                started, loaded.variables(), CiContext.from(env));
        out.printf("run %s: pipeline %s, %d tasks%n", runId, plan.pipeline(), plan.tasks().size());
        out.flush();
        try (LineageStore lineage = store.openLineage(env)) {
            RunContext context = new RunContext(info, loaded, artifacts, lineage, new DatasetLoader(), runDir, env);
            RunReport report = new Executor(registry, parallelism).run(plan, context,
                    new ConsoleProgress(out, ConsoleProgress.isInteractive(env)));
            Json.write(runDir.resolve("run.json"), RunSummary.json(report));
            out.println();
            out.print(RunSummary.table(report));
            out.printf("%nrun %s %s in %.1fs; outputs in %s; lineage in %s%n", runId, report.status(),
                    report.duration().toMillis() / 1000.0, home.relativize(runDir).toString().isEmpty() ? runDir
                            : runDir, store.storeLocation(env));
            out.flush();
            return report.exitCode();
        }
    }
}

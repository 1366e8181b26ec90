package dev.modelops.cli;

import dev.modelops.core.InputError;
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
import dev.modelops.core.spec.ModelOpsSpec;
import dev.modelops.core.util.AtomicFiles;
import dev.modelops.core.util.Json;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Runs a checked plan: opens the stores, creates the run folder, executes, prints the summary
 * table and writes {@code run.json}. Shared by {@code run}, {@code step} and {@code gate}. Nothing
 * is written or printed before the step implementations, the home folder and the lineage store are
 * known to be usable.
 */
final class PlanRunner {
    private static final DateTimeFormatter RUN_ID = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")
            .withZone(ZoneOffset.UTC);

    private PlanRunner() {
    }

    /**
     * A finished run.
     *
     * @param report every task's outcome
     * @param runDir the run's folder (each task's outputs are in {@code runDir/<task id>})
     */
    record Finished(RunReport report, Path runDir) {
    }

    static int run(ModelOpsSpec spec, Path specFile, Plan plan, StoreArgs store, int parallelism, Path runIdFile,
                   PrintWriter out) throws IOException {
        return execute(spec, specFile, plan, store, parallelism, runIdFile, out).report().exitCode();
    }

    /**
     * Runs the plan, printing progress and the summary to {@code out}, and returns the outcome.
     * The home folder, the lineage store and {@code runIdFile} are checked first: bad input there
     * prints nothing but its one line and creates no run folder.
     */
    static Finished execute(ModelOpsSpec spec, Path specFile, Plan plan, StoreArgs store, int parallelism,
                            Path runIdFile, PrintWriter out) throws IOException {
        Map<String, String> env = System.getenv();
        StepRegistry registry = StepRegistry.discover();
        try {
            registry.requireImplementations(plan);
        } catch (InputError e) {
            throw spec.located(e);
        }
        if (runIdFile != null) { // before the store and the home are created
            checkRunIdFile(runIdFile);
        }
        ArtifactStore artifacts = store.artifacts(env);
        try (LineageStore lineage = store.openLineage(env)) { // checks --store and --home first
            Path home = artifacts.root();
            Instant started = Instant.now();
            String runId = RUN_ID.format(started) + "-"
                    + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt()).substring(0, 6);
            if (runIdFile != null) {
                writeRunId(runIdFile, runId);
            }
            Path runDir = Files.createDirectories(home.resolve("runs").resolve(runId));
            RunInfo info = new RunInfo(runId, plan.pipeline(), spec.environment(), specFile, spec.contentHash(), started,
                    spec.variables(), CiContext.from(env));
            out.printf("run %s: pipeline %s, %d task(s)%n", runId, plan.pipeline(), plan.tasks().size());
            out.flush();
            RunContext context = new RunContext(info, spec, artifacts, lineage, new DatasetLoader(), runDir, env);
            RunReport report = new Executor(registry, parallelism).run(plan, context,
                    new ConsoleProgress(out, ConsoleProgress.isInteractive(env)));
            Json.write(runDir.resolve("run.json"), RunSummary.json(report));
            out.println();
            out.print(RunSummary.table(report));
            out.printf("%nrun %s %s in %.1fs; outputs in %s; lineage in %s%n", runId, report.status(),
                    report.duration().toMillis() / 1000.0, runDir, store.storeLocation(env));
            out.flush();
            return new Finished(report, runDir);
        }
    }

    /** {@code --run-id-file}: the run id and a newline, written before any task starts (so a failed run has it too). */
    private static void checkRunIdFile(Path file) {
        if (Files.isDirectory(file)) {
            throw new InputError("--run-id-file " + file, "is a folder; expected a file to write the run id into");
        }
        OutputPaths.file("--run-id-file", file);
    }

    private static void writeRunId(Path file, String runId) {
        try {
            AtomicFiles.write(file, runId + "\n");
        } catch (UncheckedIOException e) {
            throw new InputError("--run-id-file " + file, "cannot write it: " + e.getCause().getMessage());
        }
    }
}

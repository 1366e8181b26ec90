package dev.modelops.lineage.testing;

import dev.modelops.core.artifact.ArtifactStore;
import dev.modelops.core.data.DatasetLoader;
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
import dev.modelops.core.spec.SpecLoader;
import dev.modelops.core.spec.SpecOptions;
import dev.modelops.core.spec.SpecValidator;
import dev.modelops.core.util.Hashing;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The repository's arrests example (spec and real data), copied to a test folder so a test can
 * change the data between runs, and run through the real planner, executor and steps.
 */
public final class ArrestsExample {
    private static final AtomicInteger RUNS = new AtomicInteger();
    private final Path dir;

    private ArrestsExample(Path dir) {
        this.dir = dir;
    }

    /** The checkout's root, found from the module folder a test runs in. */
    public static Path repoRoot() {
        Path p = Path.of("").toAbsolutePath();
        while (p != null && !Files.exists(p.resolve("examples/arrests/modelops.yaml"))) {
            p = p.getParent();
        }
        if (p == null) {
            throw new IllegalStateException("examples/arrests/modelops.yaml not found above " + Path.of("").toAbsolutePath());
        }
        return p;
    }

    public static ArrestsExample copyTo(Path dir) {
        Path source = repoRoot().resolve("examples/arrests");
        try {
            Files.createDirectories(dir.resolve("data"));
            Files.copy(source.resolve("modelops.yaml"), dir.resolve("modelops.yaml"));
            Files.copy(source.resolve("data/arrests.csv"), dir.resolve("data/arrests.csv"));
            // the drift-check pipeline's with.data: validation refuses a spec whose batches are missing
            Files.createDirectories(dir.resolve("data/batches"));
            try (var batches = Files.list(source.resolve("data/batches"))) {
                for (Path b : batches.toList()) {
                    Files.copy(b, dir.resolve("data/batches").resolve(b.getFileName()));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new ArrestsExample(dir);
    }

    public Path dir() {
        return dir;
    }

    public Path spec() {
        return dir.resolve("modelops.yaml");
    }

    public Path csv() {
        return dir.resolve("data/arrests.csv");
    }

    public String csvSha256() {
        return Hashing.sha256(csv());
    }

    /** Drops every {@code nth} data row (the header stays); returns how many rows are left. */
    public int dropEvery(int nth) {
        try {
            List<String> lines = Files.readAllLines(csv(), StandardCharsets.UTF_8);
            List<String> kept = new ArrayList<>();
            kept.add(lines.get(0));
            for (int i = 1; i < lines.size(); i++) {
                if (i % nth != 0 && !lines.get(i).isBlank()) {
                    kept.add(lines.get(i));
                }
            }
            Files.write(csv(), kept, StandardCharsets.UTF_8);
            return kept.size() - 1;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs the example's {@code train-evaluate} pipeline into the given store. */
    public RunReport run(LineageStore store, Path home, Map<String, String> ci) {
        Planner planner = Planner.discover();
        ModelOpsSpec spec = SpecLoader.loadValid(spec(), SpecOptions.defaults(), SpecValidator.discover(planner));
        Plan plan = planner.plan(spec, "train-evaluate");
        String runId = "test-" + ProcessHandle.current().pid() + "-" + RUNS.incrementAndGet() + "-"
                + Long.toHexString(System.nanoTime());
        RunInfo info = new RunInfo(runId, plan.pipeline(), spec.environment(), spec(), spec.contentHash(),
                Instant.now(), spec.variables(), ci);
        try {
            Path runDir = Files.createDirectories(home.resolve("runs").resolve(runId));
            RunContext ctx = new RunContext(info, spec, new ArtifactStore(home), store, new DatasetLoader(), runDir,
                    Map.of());
            return new Executor(StepRegistry.discover(), 2).run(plan, ctx, RunListener.NONE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

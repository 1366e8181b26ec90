package dev.modelops.core.exec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modelops.core.SpecFixtures;
import dev.modelops.core.artifact.ArtifactStore;
import dev.modelops.core.data.DatasetLoader;
import dev.modelops.core.lineage.Entity;
import dev.modelops.core.lineage.EntityKind;
import dev.modelops.core.lineage.InMemoryLineageStore;
import dev.modelops.core.lineage.Relation;
import dev.modelops.core.plan.Plan;
import dev.modelops.core.plan.PlannedTask;
import dev.modelops.core.spec.ModelOpsSpec;
import dev.modelops.core.spec.SpecLoader;
import dev.modelops.core.spec.SpecOptions;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExecutorTest {
    @TempDir
    Path dir;

    private final InMemoryLineageStore lineage = new InMemoryLineageStore();

    /** A step type whose behaviour the test supplies. */
    private static StepProvider provider(String type, Function<StepContext, StepResult> body) {
        return new StepProvider() {
            @Override
            public StepType type() {
                return new StepType(type, type, java.util.Set.of(), false, false);
            }

            @Override
            public Step create() {
                return body::apply;
            }
        };
    }

    private static PlannedTask task(String id, String type, String... deps) {
        return new PlannedTask(id, type, null, null, null, List.of(deps), Map.of(), "spec", true, "pipelines[0]");
    }

    private RunReport run(List<PlannedTask> tasks, List<StepProvider> providers) throws Exception {
        return run(tasks, providers, lineage);
    }

    private RunReport run(List<PlannedTask> tasks, List<StepProvider> providers,
                          dev.modelops.core.lineage.LineageStore lineage) throws Exception {
        Path specFile = SpecFixtures.write(dir, SpecFixtures.spec("pipelines: [{name: p, tasks: []}]"));
        ModelOpsSpec spec = SpecLoader.load(specFile, SpecOptions.defaults());
        RunInfo info = new RunInfo("r1", "p", null, specFile, spec.contentHash(), Instant.now(), Map.of(),
                Map.of("job", "j"));
        RunContext ctx = new RunContext(info, spec, new ArtifactStore(dir.resolve(".modelops")), lineage,
                new DatasetLoader(), dir.resolve("run"), Map.of());
        return new Executor(new StepRegistry(providers), 2).run(new Plan("p", null, null, tasks), ctx, RunListener.NONE);
    }

    @Test
    void independentBranchesRunInParallel() throws Exception {
        CountDownLatch bothStarted = new CountDownLatch(2);
        StepProvider waits = provider("wait", c -> {
            bothStarted.countDown();
            try {
                // each branch only finishes once the other has started: passes only if they overlap
                boolean overlapped = bothStarted.await(10, TimeUnit.SECONDS);
                return (overlapped ? StepResult.succeeded("ok") : StepResult.failed("ran alone")).build();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        RunReport report = run(List.of(task("a", "wait"), task("b", "wait")), List.of(waits));
        assertThat(report.outcomes()).extracting(TaskOutcome::status).containsOnly(TaskStatus.SUCCEEDED);
    }

    @Test
    void aFailureSkipsEveryDependantAndNamesTheBlocker() throws Exception {
        StepProvider ok = provider("ok", c -> StepResult.succeeded("fine").build());
        StepProvider boom = provider("boom", c -> {
            throw new IllegalArgumentException("disk on fire");
        });
        RunReport report = run(List.of(task("a", "ok"), task("b", "boom", "a"), task("c", "ok", "b"),
                task("d", "ok", "c"), task("e", "ok", "a")), List.of(ok, boom));
        Map<String, TaskOutcome> byId = new java.util.HashMap<>();
        report.outcomes().forEach(o -> byId.put(o.taskId(), o));
        assertThat(byId.get("b").status()).isEqualTo(TaskStatus.FAILED);
        assertThat(byId.get("b").message()).contains("IllegalArgumentException: disk on fire");
        assertThat(byId.get("c").status()).isEqualTo(TaskStatus.SKIPPED);
        assertThat(byId.get("c").message()).isEqualTo("blocked: 'b' failed");
        assertThat(byId.get("d").message()).isEqualTo("blocked: 'c' was skipped");
        assertThat(byId.get("e").status()).isEqualTo(TaskStatus.SUCCEEDED);
        assertThat(report.exitCode()).isEqualTo(1);
    }

    @Test
    void warningsLetDependantsRunAndExitZero() throws Exception {
        StepProvider warn = provider("warn", c -> StepResult.warned("close to threshold").build());
        StepProvider ok = provider("ok", c -> StepResult.succeeded("fine").build());
        RunReport report = run(List.of(task("gate", "warn"), task("deploy", "ok", "gate")), List.of(warn, ok));
        assertThat(report.outcomes()).extracting(TaskOutcome::status)
                .containsExactly(TaskStatus.WARNED, TaskStatus.SUCCEEDED);
        assertThat(report.exitCode()).isZero();
    }

    @Test
    void dependantsSeeUpstreamOutputsNearestFirst() throws Exception {
        AtomicReference<Map<String, String>> seen = new AtomicReference<>();
        StepProvider produce = provider("produce", c -> StepResult.succeeded("made")
                .output("model.id", c.task().id()).output("from." + c.task().id(), "x").build());
        StepProvider consume = provider("consume", c -> {
            seen.set(c.upstream());
            return StepResult.succeeded("read").build();
        });
        run(List.of(task("train", "produce"), task("harden", "produce", "train"), task("eval", "consume", "harden")),
                List.of(produce, consume));
        assertThat(seen.get()).containsEntry("model.id", "harden").containsEntry("from.train", "x");
    }

    @Test
    void theRunAndEachTaskAreRecordedInLineage() throws Exception {
        StepProvider ok = provider("ok", c -> StepResult.succeeded("fine").used("dataset-1").build());
        RunReport report = run(List.of(task("a", "ok")), List.of(ok));
        List<Entity> runVersions = lineage.history(EntityKind.PIPELINE_RUN, "run/r1");
        assertThat(runVersions).extracting(e -> e.attributes().get("status")).containsExactly("RUNNING", "SUCCEEDED");
        assertThat(report.runRecordId()).isEqualTo(runVersions.get(1).id());
        assertThat(runVersions.get(0).attributes().get("ci")).isEqualTo(Map.of("job", "j"));
        Entity taskRun = lineage.latest(EntityKind.TASK_RUN, "run/r1/a").orElseThrow();
        assertThat(taskRun.targets(Relation.PART_OF)).containsExactly(runVersions.get(0).id());
        assertThat(taskRun.targets(Relation.USED)).containsExactly("dataset-1");
    }

    @Test
    void aStepWithoutImplementationIsRefusedBeforeTheRunIsRecorded() {
        StepProvider ok = provider("ok", c -> StepResult.succeeded("fine").build());
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> run(List.of(task("a", "ok"), task("b", "missing", "a")),
                        List.of(ok)))
                .isInstanceOf(dev.modelops.core.InputError.class)
                .hasMessageContaining("task 'b' uses step missing, which is not installed in this build; installed: [ok]");
        assertThat(lineage.names(EntityKind.PIPELINE_RUN)).isEmpty();
    }

    @Test
    void aTaskRecordTheStoreRefusesFailsThatTaskNotTheRun() throws Exception {
        // the real in-memory store, refusing task-run records as a full disk or a lost connection would
        dev.modelops.core.lineage.LineageStore refusing = new dev.modelops.core.lineage.LineageStore() {
            @Override
            public dev.modelops.core.lineage.Entity record(dev.modelops.core.lineage.LineageRecord r) {
                if (r.kind() == EntityKind.TASK_RUN && r.name().endsWith("/b")) {
                    throw new IllegalStateException("database is full");
                }
                return lineage.record(r);
            }

            @Override
            public java.util.Optional<dev.modelops.core.lineage.Entity> get(String id) {
                return lineage.get(id);
            }

            @Override
            public List<dev.modelops.core.lineage.Entity> history(EntityKind kind, String name) {
                return lineage.history(kind, name);
            }

            @Override
            public List<dev.modelops.core.lineage.Entity> referrers(String id, Relation relation) {
                return lineage.referrers(id, relation);
            }

            @Override
            public List<String> names(EntityKind kind) {
                return lineage.names(kind);
            }

            @Override
            public void close() {
            }
        };
        StepProvider ok = provider("ok", c -> StepResult.succeeded("fine").build());
        RunReport report = run(List.of(task("a", "ok"), task("b", "ok"), task("c", "ok", "b")), List.of(ok), refusing);
        Map<String, TaskOutcome> byId = new java.util.HashMap<>();
        report.outcomes().forEach(o -> byId.put(o.taskId(), o));
        assertThat(byId.get("a").status()).isEqualTo(TaskStatus.SUCCEEDED);
        assertThat(byId.get("b").status()).isEqualTo(TaskStatus.FAILED);
        assertThat(byId.get("b").message()).isEqualTo("cannot record the task in lineage: database is full");
        assertThat(byId.get("c").message()).isEqualTo("blocked: 'b' failed");
        assertThat(lineage.latest(EntityKind.PIPELINE_RUN, "run/r1").orElseThrow().attributes().get("status"))
                .isEqualTo("FAILED");
    }
}

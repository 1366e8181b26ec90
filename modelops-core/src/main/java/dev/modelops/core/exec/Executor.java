package dev.modelops.core.exec;

import dev.modelops.core.InputError;
import dev.modelops.core.lineage.Entity;
import dev.modelops.core.plan.Plan;
import dev.modelops.core.plan.PlannedTask;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Runs a plan locally. Independent branches run in parallel on a bounded pool; a task starts when
 * all its dependencies succeeded; a failed task is reported with its cause and every task that
 * depends on it, directly or not, is skipped with the name of the blocker. The run, each task
 * and their links are recorded in lineage.
 */
public final class Executor {
    private final StepRegistry registry;
    private final int parallelism;

    public Executor(StepRegistry registry, int parallelism) {
        this.registry = registry;
        this.parallelism = Math.max(1, parallelism);
    }

    public RunReport run(Plan plan, RunContext run, RunListener listener) {
        registry.requireImplementations(plan);
        Instant started = Instant.now();
        RunRecorder recorder = new RunRecorder(run.lineage(), run.info());
        recorder.start(plan);
        // workers read this map (upstream outputs) while this thread is still adding later tasks
        Map<String, CompletableFuture<TaskOutcome>> futures = new ConcurrentHashMap<>();
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(parallelism, Math.max(1, plan.tasks().size())),
                r -> {
                    Thread t = new Thread(r, "modelops-task");
                    t.setDaemon(true);
                    return t;
                });
        try {
            for (PlannedTask task : plan.tasks()) {
                List<CompletableFuture<TaskOutcome>> deps = task.dependsOn().stream().map(futures::get).toList();
                CompletableFuture<TaskOutcome> f = CompletableFuture.allOf(deps.toArray(new CompletableFuture<?>[0]))
                        .thenApplyAsync(v -> {
                            List<TaskOutcome> depOutcomes = deps.stream().map(CompletableFuture::join).toList();
                            return runOrSkip(plan, task, depOutcomes, futures, run, recorder, listener);
                        }, pool);
                futures.put(task.id(), f);
            }
            List<TaskOutcome> outcomes = new ArrayList<>();
            for (PlannedTask task : plan.tasks()) {
                outcomes.add(futures.get(task.id()).join());
            }
            Instant finished = Instant.now();
            RunReport provisional = new RunReport(run.info(), outcomes, Duration.between(started, finished), null);
            Entity end = recorder.finish(provisional.status(), finished);
            return new RunReport(run.info(), outcomes, provisional.duration(), end.id());
        } finally {
            pool.shutdownNow();
        }
    }

    private TaskOutcome runOrSkip(Plan plan, PlannedTask task, List<TaskOutcome> depOutcomes,
                                  Map<String, CompletableFuture<TaskOutcome>> futures, RunContext run,
                                  RunRecorder recorder, RunListener listener) {
        Instant start = Instant.now();
        for (TaskOutcome dep : depOutcomes) {
            if (!dep.status().isSuccess()) {
                String why = dep.status() == TaskStatus.FAILED ? "'" + dep.taskId() + "' failed"
                        : "'" + dep.taskId() + "' was skipped";
                TaskOutcome skipped = new TaskOutcome(task.id(), task.type(), TaskStatus.SKIPPED, "blocked: " + why,
                        Duration.ZERO, Map.of(), Map.of(), null);
                TaskOutcome recorded = record(recorder, task, skipped, null, start);
                listener.taskFinished(task, recorded);
                return recorded;
            }
        }
        listener.taskStarted(task);
        Map<String, String> upstream = upstreamOutputs(plan, task, futures);
        StepResult result = null;
        TaskOutcome outcome;
        try {
            Path workDir = Files.createDirectories(run.runDir().resolve(task.id()));
            StepContext context = new StepContext(run, task, upstream, workDir,
                    (message, fraction) -> listener.taskProgress(task, message, fraction));
            result = registry.create(task.type()).run(context);
            outcome = new TaskOutcome(task.id(), task.type(), result.status(), result.message(),
                    Duration.between(start, Instant.now()), result.outputs(), result.metrics(), null);
        } catch (InputError e) {
            outcome = failure(task, start, (run.spec() == null ? e : run.spec().located(e)).getMessage(), e);
        } catch (IOException | UncheckedIOException e) {
            outcome = failure(task, start, "I/O error: " + rootMessage(e), e);
        } catch (Exception | LinkageError | AssertionError e) {
            outcome = failure(task, start, e.getClass().getSimpleName() + ": " + rootMessage(e), e);
        }
        outcome = record(recorder, task, outcome, result, start);
        listener.taskFinished(task, outcome);
        return outcome;
    }

    /**
     * Records the task run; a store that cannot take the record fails this task (with the reason)
     * instead of tearing down the whole run, so the other branches finish and the run is summarised.
     */
    private static TaskOutcome record(RunRecorder recorder, PlannedTask task, TaskOutcome outcome, StepResult result,
                                      Instant start) {
        if (!task.recordLineage()) {
            return outcome;
        }
        try {
            recorder.task(task, outcome, result, start);
            return outcome;
        } catch (RuntimeException e) {
            return new TaskOutcome(task.id(), task.type(), TaskStatus.FAILED, "cannot record the task in lineage: "
                    + rootMessage(e), outcome.duration(), outcome.outputs(), outcome.metrics(), e);
        }
    }

    private static TaskOutcome failure(PlannedTask task, Instant start, String message, Throwable cause) {
        return new TaskOutcome(task.id(), task.type(), TaskStatus.FAILED, message,
                Duration.between(start, Instant.now()), Map.of(), Map.of(), cause);
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String m = t.getMessage();
        return m == null ? t.getClass().getSimpleName() : m;
    }

    /** Outputs of all transitive dependencies, breadth first, so the nearest producer of a key wins. */
    private static Map<String, String> upstreamOutputs(Plan plan, PlannedTask task,
                                                       Map<String, CompletableFuture<TaskOutcome>> futures) {
        Map<String, String> merged = new LinkedHashMap<>();
        Deque<String> queue = new ArrayDeque<>(task.dependsOn());
        Set<String> seen = new HashSet<>();
        while (!queue.isEmpty()) {
            String id = queue.removeFirst();
            if (!seen.add(id)) {
                continue;
            }
            TaskOutcome o = futures.get(id).join();
            o.outputs().forEach(merged::putIfAbsent);
            plan.task(id).ifPresent(t -> queue.addAll(t.dependsOn()));
        }
        return merged;
    }
}

package dev.modelops.steps;

import dev.modelops.core.data.LoadedDataset;
import dev.modelops.core.data.Split;
import dev.modelops.core.exec.StepContext;
import dev.modelops.core.exec.StepResult;
import dev.modelops.core.exec.TrainingHook;
import dev.modelops.core.lineage.Entity;

/**
 * Runs the {@link TrainingHook}s after a model version has been recorded (they need its record,
 * e.g. the drift module's reference profile points at it). A failing hook fails the task, and the
 * result still names the recorded version as PRODUCED by it: the task-run record then says the
 * version came from a failed task, and {@code ModelVersions.resolve} passes over such versions
 * when a later task picks "the newest version". Nothing is deleted (records are immutable).
 */
final class AfterTraining {
    private AfterTraining() {
    }

    /**
     * @param done the successful result so far (outputs, metrics, used and produced ids)
     * @return {@code done} with the hooks' records added, or a failed result naming the hook
     */
    static StepResult run(StepContext ctx, Entity recorded, LoadedDataset data, Split split, StepResult.Builder done) {
        for (TrainingHook hook : TrainingHook.discover()) {
            try {
                hook.afterTraining(ctx, recorded, data, split).forEach(done::produced);
            } catch (Exception e) {
                StepResult so = done.build();
                StepResult.Builder failed = StepResult.failed("recorded " + recorded.label() + ", but the training hook "
                        + hook.getClass().getSimpleName() + " failed: " + e.getMessage() + "; " + recorded.label()
                        + " stays in lineage as the output of this failed task, and later steps that take the newest "
                        + "version pass over it");
                so.outputs().forEach(failed::output);
                failed.metrics(so.metrics());
                so.used().forEach(failed::used);
                so.produced().forEach(failed::produced);
                return failed.build();
            }
        }
        return done.build();
    }
}

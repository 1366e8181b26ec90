package dev.modelops.steps;

import dev.modelops.core.data.LoadedDataset;
import dev.modelops.core.data.Split;
import dev.modelops.core.exec.StepContext;
import dev.modelops.core.exec.TrainingHook;
import dev.modelops.core.lineage.Entity;
import java.util.List;

/**
 * A training hook (registered for the tests of this module) that fails when the run's environment
 * holds {@link #FAIL}, as the drift module's profiling hook would on bad data; otherwise it does
 * nothing.
 */
public final class FailingHook implements TrainingHook {
    static final String FAIL = "MODELOPS_TEST_FAIL_TRAINING_HOOK";

    @Override
    public List<String> afterTraining(StepContext ctx, Entity model, LoadedDataset data, Split split) {
        if (ctx.run().environment().containsKey(FAIL)) {
            throw new IllegalStateException("profiling " + model.label() + " failed (test)");
        }
        return List.of();
    }
}

package dev.modelops.steps;

import dev.modelops.core.InputError;
import dev.modelops.core.data.LoadedDataset;
import dev.modelops.core.data.Split;
import dev.modelops.core.exec.StepContext;
import dev.modelops.core.spec.ModelSpec;

/** The train/test split of a task's model, with a clear error when a side is empty. */
final class TrainingRows {
    private TrainingRows() {
    }

    static Split split(StepContext ctx, LoadedDataset data) {
        ModelSpec spec = ctx.model();
        Split split = Split.of(data.table(), spec.split());
        String place = ctx.run().spec().placeOf("models." + spec.name() + ".split");
        if (split.train().length == 0) {
            throw new InputError(place, "the split (" + split.description() + ") leaves no training rows in "
                    + data.path().getFileName());
        }
        if (split.test().length == 0) {
            throw new InputError(place, "the split (" + split.description() + ") leaves no test rows in "
                    + data.path().getFileName());
        }
        return split;
    }
}

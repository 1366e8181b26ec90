package dev.modelops.core.exec;

import dev.modelops.core.data.LoadedDataset;
import dev.modelops.core.data.Split;
import dev.modelops.core.lineage.Entity;
import java.util.List;
import java.util.ServiceLoader;

/**
 * Called after a model version has been trained and recorded, so other modules can attach what
 * belongs to training time without the training step knowing them (the drift module records the
 * reference profile of the training data and predictions here). Registered in
 * {@code META-INF/services}.
 */
public interface TrainingHook {
    /**
     * @param context the training task's context
     * @param model the recorded model version
     * @param data the dataset it was trained on
     * @param split the rows used for training and test
     * @return lineage ids of records the hook produced (linked to the task run)
     */
    List<String> afterTraining(StepContext context, Entity model, LoadedDataset data, Split split) throws Exception;

    static List<TrainingHook> discover() {
        List<TrainingHook> hooks = new java.util.ArrayList<>();
        ServiceLoader.load(TrainingHook.class).forEach(hooks::add);
        return hooks;
    }
}

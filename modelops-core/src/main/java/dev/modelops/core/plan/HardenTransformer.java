package dev.modelops.core.plan;

import dev.modelops.core.exec.StepTypes;
import dev.modelops.core.spec.TaskSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code harden: true} on a training task inserts a {@code hardenModel} task right after it;
 * whatever depended on the training task now depends on the hardened model instead.
 */
public final class HardenTransformer implements PipelineTransformer {
    @Override
    public String name() {
        return "harden";
    }

    @Override
    public int order() {
        return 10;
    }

    @Override
    public List<PlannedTask> apply(List<PlannedTask> tasks, TransformContext context) {
        List<PlannedTask> out = new ArrayList<>(tasks);
        for (PlannedTask task : tasks) {
            TaskSpec declared = context.declared().get(task.id());
            if (declared == null || !declared.hardenRequested() || !StepTypes.TRAIN.equals(task.type())) {
                continue;
            }
            String hardenId = task.id() + "-harden";
            PlannedTask harden = new PlannedTask(hardenId, StepTypes.HARDEN, task.model(), task.dataset(), null,
                    List.of(task.id()), Map.of(), "transformer:" + name(), task.recordLineage(), task.specPath());
            Transformations.insertAfter(out, task.id(), harden);
        }
        return out;
    }
}

package dev.modelops.core.plan.ext;

import dev.modelops.core.exec.StepTypes;
import dev.modelops.core.plan.PipelineTransformer;
import dev.modelops.core.plan.PlannedTask;
import dev.modelops.core.plan.TransformContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A team's own transformer: in pipelines named {@code auto-eval*}, every training task that
 * nothing evaluates gets an evaluation task.
 */
public final class AutoEvaluateTransformer implements PipelineTransformer {
    @Override
    public String name() {
        return "auto-evaluate";
    }

    @Override
    public int order() {
        return 50;
    }

    @Override
    public List<PlannedTask> apply(List<PlannedTask> tasks, TransformContext context) {
        if (!context.pipeline().name().startsWith("auto-eval")) {
            return tasks;
        }
        List<PlannedTask> out = new ArrayList<>(tasks);
        for (PlannedTask t : tasks) {
            boolean evaluated = tasks.stream().anyMatch(o -> StepTypes.EVALUATE.equals(o.type())
                    && o.dependsOn().contains(t.id()));
            if (StepTypes.TRAIN.equals(t.type()) && !evaluated) {
                out.add(new PlannedTask(t.id() + "-evaluate", StepTypes.EVALUATE, t.model(), t.dataset(), null,
                        List.of(t.id()), Map.of(), "transformer:" + name(), true, t.specPath()));
            }
        }
        return out;
    }
}

package dev.modelops.core.plan;

import dev.modelops.core.exec.StepTypes;
import dev.modelops.core.spec.TaskSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code monitor_drift: true} on a deployment inserts a {@code monitorDrift} task after it,
 * which records the reference the scheduled drift job compares live data against. The monitor is
 * a side branch: nothing that followed the deployment waits for it.
 */
public final class DriftMonitorTransformer implements PipelineTransformer {
    @Override
    public String name() {
        return "monitor_drift";
    }

    @Override
    public int order() {
        return 20;
    }

    @Override
    public List<PlannedTask> apply(List<PlannedTask> tasks, TransformContext context) {
        List<PlannedTask> out = new ArrayList<>(tasks);
        for (PlannedTask task : tasks) {
            TaskSpec declared = context.declared().get(task.id());
            if (declared == null || !declared.monitorDriftRequested() || !StepTypes.DEPLOY.equals(task.type())) {
                continue;
            }
            PlannedTask monitor = new PlannedTask(task.id() + "-drift-monitor", StepTypes.MONITOR_DRIFT, task.model(),
                    task.dataset(), task.env(), List.of(task.id()), Map.of(), "transformer:" + name(),
                    task.recordLineage(), task.specPath());
            out.add(out.indexOf(task) + 1, monitor);
        }
        return out;
    }
}

package dev.modelops.drift.spec;

import dev.modelops.core.exec.StepTypes;
import dev.modelops.core.spec.CronSchedule;
import dev.modelops.core.spec.DatasetSpec;
import dev.modelops.core.spec.DriftColumnSpec;
import dev.modelops.core.spec.ModelOpsSpec;
import dev.modelops.core.spec.ModelSpec;
import dev.modelops.core.spec.PipelineSpec;
import dev.modelops.core.spec.Problems;
import dev.modelops.core.spec.SpecRule;
import dev.modelops.core.spec.TaskSpec;
import dev.modelops.core.spec.TriggerKind;
import dev.modelops.core.spec.TriggerSpec;
import dev.modelops.drift.check.DriftMethod;
import dev.modelops.drift.check.DriftSettings;
import dev.modelops.drift.profile.ProfileLayout;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Validates what the drift module reads from a spec, so a typo fails {@code modelops validate}
 * with its line instead of a scheduled job at night: each model's {@code drift:} section (ranges,
 * check names, per-column methods against the column's type), the {@code with:} parameters of
 * {@code checkDrift} and {@code monitorDrift} tasks, and drift triggers' {@code with:}.
 */
public final class DriftSpecRule implements SpecRule {
    private static final Set<String> CHECK_DRIFT_OWN = Set.of("data", "fail_on_drift");
    private static final Set<String> MONITOR_OWN = Set.of("data", "schedule");

    @Override
    public void check(ModelOpsSpec spec, Problems problems) {
        for (ModelSpec m : spec.models().values()) {
            String base = "models." + m.name() + ".drift";
            DriftSettings.defaults().with(m.drift(), (key, message) -> problems.add(base + "." + key, message));
            DatasetSpec data = m.dataset() == null ? null : spec.datasets().get(m.dataset());
            for (Map.Entry<String, DriftColumnSpec> e : m.drift().columns().entrySet()) {
                String column = e.getKey();
                String path = base + ".columns." + column;
                boolean output = column.equals(ProfileLayout.PREDICTION) || column.equals(ProfileLayout.PREDICTION_SCORE);
                if (!m.features().contains(column) && !column.equals(m.label()) && !output) {
                    TreeSet<String> known = new TreeSet<>(m.features());
                    if (m.label() != null) {
                        known.add(m.label());
                    }
                    known.add(ProfileLayout.PREDICTION);
                    known.add(ProfileLayout.PREDICTION_SCORE);
                    problems.add(path, "column '" + column + "' is not a feature, the label or a prediction of model '"
                            + m.name() + "'; expected one of: " + String.join(", ", known));
                    continue;
                }
                DriftColumnSpec c = e.getValue();
                if (c == null || c.method() == null || data == null || output) {
                    continue;
                }
                try {
                    DriftMethod method = DriftMethod.parse(c.method());
                    String refusal = method.refusal(column, ProfileLayout.isNumeric(data, column));
                    if (refusal != null) {
                        problems.add(path + ".method", refusal);
                    }
                } catch (IllegalArgumentException ignored) {
                    // reported by DriftSettings above
                }
            }
        }
        for (int p = 0; p < spec.pipelines().size(); p++) {
            PipelineSpec pipeline = spec.pipelines().get(p);
            for (int t = 0; t < pipeline.tasks().size(); t++) {
                checkTask(pipeline.tasks().get(t), "pipelines[" + p + "].tasks[" + t + "]", problems);
            }
        }
        for (int i = 0; i < spec.triggers().size(); i++) {
            TriggerSpec t = spec.triggers().get(i);
            if (t.on() == TriggerKind.DRIFT && !t.with().isEmpty()) {
                problems.add("triggers[" + i + "].with", "a drift trigger takes no settings; drift thresholds belong in"
                        + " models." + t.model() + ".drift (or a checkDrift task's with:)");
            }
        }
    }

    private static void checkTask(TaskSpec task, String path, Problems problems) {
        boolean check = StepTypes.CHECK_DRIFT.equals(task.type());
        boolean monitor = StepTypes.MONITOR_DRIFT.equals(task.type());
        if (!check && !monitor) {
            return;
        }
        Map<String, Object> settings = new LinkedHashMap<>(task.with());
        (check ? CHECK_DRIFT_OWN : MONITOR_OWN).forEach(settings::remove);
        DriftSettings.defaults().with(settings, (key, message) -> problems.add(path + ".with." + key, message));
        if (check && task.with().get("data") == null) {
            problems.add(path, "task '" + task.id() + "' (checkDrift) needs with.data: a CSV batch or a folder of batches");
        }
        Object fail = task.with().get("fail_on_drift");
        if (check && fail != null && !(fail instanceof Boolean)
                && !List.of("true", "false").contains(String.valueOf(fail).trim().toLowerCase(java.util.Locale.ROOT))) {
            problems.add(path + ".with.fail_on_drift", "expected true or false, got '" + fail + "'");
        }
        Object schedule = task.with().get("schedule");
        if (monitor && schedule != null) {
            CronSchedule.problem(String.valueOf(schedule)).ifPresent(p -> problems.add(path + ".with.schedule", p));
        }
    }
}

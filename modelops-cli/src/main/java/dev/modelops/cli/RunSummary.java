package dev.modelops.cli;

import dev.modelops.core.exec.RunReport;
import dev.modelops.core.exec.TaskOutcome;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The table printed at the end of a run, and its JSON twin written beside the run's outputs. */
final class RunSummary {
    private RunSummary() {
    }

    static String table(RunReport report) {
        List<TaskOutcome> rows = report.outcomes();
        int id = Math.max(4, rows.stream().mapToInt(o -> o.taskId().length()).max().orElse(4));
        int type = Math.max(4, rows.stream().mapToInt(o -> o.type().length()).max().orElse(4));
        String format = "%-" + id + "s  %-" + type + "s  %-9s  %7s  %s%n";
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, format, "TASK", "TYPE", "STATUS", "TIME", "DETAIL"));
        for (TaskOutcome o : rows) {
            sb.append(String.format(Locale.ROOT, format, o.taskId(), o.type(), o.status(),
                    String.format(Locale.ROOT, "%.1fs", o.duration().toMillis() / 1000.0), o.message()));
        }
        for (TaskOutcome o : rows) {
            if (o.metrics().isEmpty() || !o.status().isSuccess()) {
                continue;
            }
            sb.append(String.format(Locale.ROOT, "%nmetrics of %s:%n", o.taskId()));
            o.metrics().entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(m ->
                    sb.append(String.format(Locale.ROOT, "  %-12s %s%n", m.getKey(), number(m.getValue()))));
        }
        return sb.toString();
    }

    static Map<String, Object> json(RunReport report) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("runId", report.info().runId());
        doc.put("pipeline", report.info().pipeline());
        doc.put("environment", report.info().environment());
        doc.put("status", report.status().name());
        doc.put("durationMs", report.duration().toMillis());
        doc.put("lineageRecord", report.runRecordId());
        List<Map<String, Object>> tasks = report.outcomes().stream().map(o -> {
            Map<String, Object> t = new LinkedHashMap<>();
            t.put("id", o.taskId());
            t.put("type", o.type());
            t.put("status", o.status().name());
            t.put("message", o.message());
            t.put("durationMs", o.duration().toMillis());
            t.put("outputs", o.outputs());
            t.put("metrics", o.metrics());
            return t;
        }).toList();
        doc.put("tasks", tasks);
        return doc;
    }

    private static String number(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e12 ? String.valueOf((long) v) : String.format(Locale.ROOT, "%.4f", v);
    }
}

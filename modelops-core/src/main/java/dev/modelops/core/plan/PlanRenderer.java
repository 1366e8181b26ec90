package dev.modelops.core.plan;

import dev.modelops.core.util.Json;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Renders a plan for people (text), for tools (JSON) and for Graphviz (DOT). */
public final class PlanRenderer {
    private PlanRenderer() {
    }

    public static String text(Plan plan) {
        StringBuilder sb = new StringBuilder();
        sb.append("pipeline ").append(plan.pipeline());
        if (plan.environment() != null) {
            sb.append(" (env ").append(plan.environment()).append(')');
        }
        sb.append(": ").append(plan.tasks().size()).append(" tasks\n");
        int idWidth = plan.tasks().stream().mapToInt(t -> t.id().length()).max().orElse(4);
        int typeWidth = plan.tasks().stream().mapToInt(t -> t.type().length()).max().orElse(4);
        int n = 1;
        for (PlannedTask t : plan.tasks()) {
            List<String> facts = new ArrayList<>();
            if (t.model() != null) {
                facts.add("model=" + t.model());
            }
            if (t.dataset() != null) {
                facts.add("dataset=" + t.dataset());
            }
            if (t.env() != null) {
                facts.add("env=" + t.env());
            }
            t.with().forEach((k, v) -> facts.add(k + "=" + v));
            sb.append(String.format("%2d. %-" + idWidth + "s  %-" + typeWidth + "s  after: %-12s %s",
                    n++, t.id(), t.type(), t.dependsOn().isEmpty() ? "-" : String.join(",", t.dependsOn()),
                    String.join(" ", facts)));
            if (!"spec".equals(t.origin())) {
                sb.append("  [").append(t.origin()).append(']');
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    public static String json(Plan plan) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("pipeline", plan.pipeline());
        doc.put("environment", plan.environment());
        doc.put("description", plan.description());
        List<Map<String, Object>> tasks = new ArrayList<>();
        for (PlannedTask t : plan.tasks()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", t.id());
            m.put("type", t.type());
            m.put("model", t.model());
            m.put("dataset", t.dataset());
            m.put("env", t.env());
            m.put("depends_on", t.dependsOn());
            m.put("with", t.with());
            m.put("origin", t.origin());
            m.put("record_lineage", t.recordLineage());
            tasks.add(m);
        }
        doc.put("tasks", tasks);
        return Json.pretty(doc);
    }

    public static String dot(Plan plan) {
        StringBuilder sb = new StringBuilder();
        sb.append("digraph \"").append(escape(plan.pipeline())).append("\" {\n");
        sb.append("  rankdir=LR;\n  node [shape=box, style=rounded];\n");
        for (PlannedTask t : plan.tasks()) {
            String style = "spec".equals(t.origin()) ? "" : ", style=\"rounded,dashed\"";
            sb.append("  \"").append(escape(t.id())).append("\" [label=\"").append(escape(t.id())).append("\\n")
                    .append(escape(t.type())).append("\"").append(style).append("];\n");
        }
        for (PlannedTask t : plan.tasks()) {
            for (String d : t.dependsOn()) {
                sb.append("  \"").append(escape(d)).append("\" -> \"").append(escape(t.id())).append("\";\n");
            }
        }
        sb.append("}\n");
        return sb.toString();
    }

    private static String escape(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"");
    }
}

package dev.modelops.lineage.query;

import dev.modelops.core.lineage.Edge;
import dev.modelops.core.lineage.Entity;
import dev.modelops.core.lineage.EntityKind;
import dev.modelops.core.util.Hashing;
import dev.modelops.core.util.Json;
import dev.modelops.lineage.graph.GraphNode;
import dev.modelops.lineage.graph.LineageGraph;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The human-readable form of lineage answers, as {@code modelops lineage ...} prints them: short
 * aligned lines that answer the question first (what changed, what it was trained on) and give
 * full hashes where a person may want to compare or search them.
 */
public final class LineageText {
    private static final List<String> PREFERRED_METRICS = List.of("accuracy", "auc", "f1", "precision", "recall",
            "rmse", "mae", "r2");

    private LineageText() {
    }

    // ---- show ------------------------------------------------------------------------------

    public static String model(ModelVersionView v) {
        Entity m = v.model();
        StringBuilder sb = new StringBuilder();
        sb.append("MODEL ").append(m.label()).append('\n');
        line(sb, "id", m.id());
        line(sb, "recorded", m.recordedAt().toString());
        line(sb, "artifact", "sha256 " + nz(m.contentHash()) + optional(" (", m.attributes().get("artifactBytes"),
                " bytes, " + nz(m.attributes().get("format")) + ")"));
        line(sb, "trainer", nz(m.attributes().get("trainer"))
                + optional(" (", m.attributes().get("tribuoTrainer"), ")"));
        line(sb, "parameters", keyValues(m.attributes().get("hyperparameters")));
        line(sb, "features", list(m.attributes().get("features")) + " -> " + nz(m.attributes().get("label"))
                + optional(" (positive class ", m.attributes().get("positiveClass"), ")"));
        if (m.attributes().get("variant") != null) {
            line(sb, "variant", String.valueOf(m.attributes().get("variant")));
        }
        for (Entity parent : v.parents()) {
            line(sb, "derived from", parent.label() + " sha256 " + nz(parent.contentHash()));
        }
        Entity d = v.dataset();
        if (d != null) {
            line(sb, "data", d.label() + " sha256 " + nz(d.contentHash()));
            line(sb, "", nz(d.attributes().get("rows")) + " rows, " + nz(d.attributes().get("uri")));
        } else {
            line(sb, "data", "(no dataset recorded)");
        }
        if (m.attributes().get("split") != null) {
            line(sb, "split", m.attributes().get("split") + optional(", ", m.attributes().get("trainRows"),
                    " training rows") + optional(" + ", m.attributes().get("adversarialRows"), " adversarial twins"));
        }
        String run = v.runId() == null ? "(not recorded)" : v.runId();
        if (v.run() != null) {
            run += " pipeline " + nz(v.run().attributes().get("pipeline")) + " " + nz(v.run().attributes().get("status"));
        }
        line(sb, "run", run);
        line(sb, "spec", "sha256 " + nz(v.specHash()));
        ci(sb, v.ci());
        Map<String, Double> metrics = v.metricValues();
        line(sb, "metrics", metrics.isEmpty() ? "(not evaluated)"
                : metrics(metrics) + "  [" + v.metrics().label() + "]");
        if (!v.verdicts().isEmpty()) {
            List<String> gates = new ArrayList<>();
            for (Entity g : v.verdicts()) {
                gates.add(nz(g.attributes().get("env")) + " " + nz(g.attributes().get("status")) + " [" + g.label() + "]");
            }
            line(sb, "gates", String.join("; ", gates));
        }
        if (!v.deployments().isEmpty()) {
            List<String> deployed = new ArrayList<>();
            for (Entity dep : v.deployments()) {
                deployed.add(nz(dep.attributes().get("env")) + " " + v.deploymentState(dep) + " [" + dep.label() + "]");
            }
            line(sb, "deployed", String.join("; ", deployed));
        }
        return sb.toString();
    }

    /** Short form for the history table: champion, replaced, or the record's status. */
    private static String historyState(ModelVersionView v, Entity deployment) {
        String state = v.deploymentState(deployment);
        return state.startsWith("ACTIVE (") ? "champion" : state.startsWith("ACTIVE") ? "replaced" : state;
    }

    private static void ci(StringBuilder sb, Map<String, Object> ci) {
        if (ci.isEmpty()) {
            line(sb, "build", "(no CI facts: not run by Jenkins)");
            return;
        }
        if (ci.get("buildUrl") != null || ci.get("job") != null) {
            line(sb, "build", nz(ci.get("buildUrl")) + optional(" (job ", ci.get("job"), "")
                    + optional(" #", ci.get("buildNumber"), "") + (ci.get("job") != null ? ")" : ""));
        }
        if (ci.get("gitCommit") != null) {
            line(sb, "commit", ci.get("gitCommit") + optional(" on ", ci.get("gitBranch"), ""));
        }
        if (ci.get("user") != null) {
            line(sb, "user", String.valueOf(ci.get("user")));
        }
    }

    public static String record(Entity e, List<Entity> referrers, Map<String, Entity> targets) {
        StringBuilder sb = new StringBuilder();
        sb.append(e.kind()).append(' ').append(e.label()).append('\n');
        line(sb, "id", e.id());
        line(sb, "recorded", e.recordedAt().toString());
        if (e.contentHash() != null) {
            line(sb, "sha256", e.contentHash());
        }
        if (e.attributes().get("ci") instanceof Map<?, ?> ci) {
            Map<String, Object> facts = new java.util.LinkedHashMap<>();
            ci.forEach((k, val) -> facts.put(String.valueOf(k), val));
            ci(sb, facts);
        }
        sb.append("  attributes\n");
        for (Map.Entry<String, Object> a : e.attributes().entrySet()) {
            sb.append(String.format(Locale.ROOT, "    %-14s %s%n", a.getKey(), value(a.getValue())));
        }
        if (!e.edges().isEmpty()) {
            sb.append("  links\n");
            for (Edge edge : e.edges()) {
                Entity t = targets.get(edge.target());
                sb.append(String.format(Locale.ROOT, "    %-14s %s%n", edge.relation(),
                        t == null ? edge.target() + " (not in this store)" : t.kind() + " " + t.label()));
            }
        }
        if (!referrers.isEmpty()) {
            sb.append("  referred to by\n");
            for (Entity r : referrers) {
                Set<String> how = new LinkedHashSet<>();
                r.edges().stream().filter(x -> x.target().equals(e.id())).forEach(x -> how.add(x.relation().name()));
                sb.append(String.format(Locale.ROOT, "    %-14s %s %s%n", String.join(",", how), r.kind(), r.label()));
            }
        }
        return sb.toString();
    }

    // ---- history ---------------------------------------------------------------------------

    public static String history(String model, List<ModelVersionView> versions) {
        Set<String> names = new LinkedHashSet<>();
        versions.forEach(v -> names.addAll(v.metricValues().keySet()));
        List<String> columns = new ArrayList<>();
        for (String p : PREFERRED_METRICS) {
            if (names.contains(p) && columns.size() < 4) {
                columns.add(p);
            }
        }
        for (String n : names) {
            if (!columns.contains(n) && !n.endsWith("_rows") && columns.size() < 4) {
                columns.add(n);
            }
        }
        List<List<String>> rows = new ArrayList<>();
        List<String> header = new ArrayList<>(List.of("VERSION", "RECORDED", "DATA", "DATA SHA256", "MODEL SHA256"));
        columns.forEach(c -> header.add(c.toUpperCase(Locale.ROOT)));
        header.addAll(List.of("RUN", "COMMIT", "DEPLOYED"));
        rows.add(header);
        for (ModelVersionView v : versions) {
            List<String> row = new ArrayList<>();
            row.add("v" + v.model().version());
            row.add(v.model().recordedAt().toString().replace('T', ' ').replaceAll("\\.\\d+Z$", "Z"));
            row.add(v.dataset() == null ? "-" : v.dataset().label());
            row.add(v.dataset() == null ? "-" : Hashing.shortHash(v.dataset().contentHash()));
            row.add(Hashing.shortHash(v.model().contentHash()));
            for (String c : columns) {
                Double value = v.metricValues().get(c);
                row.add(value == null ? "-" : number(value));
            }
            row.add(v.runId() == null ? "-" : v.runId());
            row.add(v.gitCommit() == null ? "-" : v.gitCommit().substring(0, Math.min(12, v.gitCommit().length())));
            row.add(v.deployments().isEmpty() ? "-" : String.join(",", v.deployments().stream()
                    .map(d -> nz(d.attributes().get("env")) + ":" + historyState(v, d)).toList()));
            rows.add(row);
        }
        return "history of model " + model + " (" + versions.size() + " version" + (versions.size() == 1 ? "" : "s")
                + ")\n" + table(rows);
    }

    public static String entityHistory(EntityKind kind, String name, List<Entity> versions) {
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("VERSION", "RECORDED", "ID", "SHA256", "STATUS"));
        for (Entity e : versions) {
            rows.add(List.of("v" + e.version(), e.recordedAt().toString(), Hashing.shortHash(e.id()),
                    e.contentHash() == null ? "-" : Hashing.shortHash(e.contentHash()),
                    nz(e.attributes().get("status"))));
        }
        return "history of " + kind + " " + name + " (" + versions.size() + " versions)\n" + table(rows);
    }

    // ---- diff ------------------------------------------------------------------------------

    public static String diff(ModelDiff d) {
        StringBuilder sb = new StringBuilder();
        sb.append(d.before().model().label()).append(" -> ").append(d.after().model().label()).append('\n');
        section(sb, "data", d.data(), d.dataChanged(), true);
        section(sb, "code", d.code(), d.codeChanged(), false);
        section(sb, "parameters", d.parameters(), d.parametersChanged(), false);
        sb.append("metrics\n");
        if (d.metrics().isEmpty()) {
            sb.append("  (neither version was evaluated)\n");
        }
        for (MetricDelta m : d.metrics()) {
            String delta = m.delta() == null ? "" : String.format(Locale.ROOT, "  (%s%s)", m.delta() >= 0 ? "+" : "",
                    number(m.delta()));
            sb.append(String.format(Locale.ROOT, "  %-14s %s -> %s%s%n", m.metric(),
                    m.before() == null ? "-" : number(m.before()), m.after() == null ? "-" : number(m.after()), delta));
        }
        section(sb, "artifact", d.artifact(), d.artifact().stream().anyMatch(Change::changed), true);
        return sb.toString();
    }

    private static void section(StringBuilder sb, String title, List<Change> changes, boolean changed,
                                boolean fullValues) {
        sb.append(title).append(changed ? "  CHANGED" : "  unchanged").append('\n');
        for (Change c : changes) {
            if (c.changed()) {
                sb.append(String.format(Locale.ROOT, "  %-14s %s -> %s%n", c.field(), shown(c.before(), fullValues),
                        shown(c.after(), fullValues)));
            } else if (c.before() != null && (title.equals("code") || title.equals("data"))
                    && !c.field().equals("uri")) {
                sb.append(String.format(Locale.ROOT, "  %-14s %s (same)%n", c.field(), shown(c.before(), fullValues)));
            }
        }
    }

    private static String shown(Object v, boolean full) {
        if (v == null) {
            return "(none)";
        }
        String s = value(v);
        return !full && s.matches("[0-9a-f]{64}") ? Hashing.shortHash(s) : s;
    }

    // ---- graphs ----------------------------------------------------------------------------

    public static String graph(String question, LineageGraph g) {
        List<GraphNode> reached = g.reached();
        StringBuilder sb = new StringBuilder();
        sb.append(question).append(" of ").append(g.root().kind()).append(' ').append(g.root().label())
                .append(" (").append(reached.size()).append(" record").append(reached.size() == 1 ? "" : "s")
                .append(")\n");
        if (reached.isEmpty()) {
            return sb.toString();
        }
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("DEPTH", "KIND", "RECORD", "VIA", "DETAIL"));
        for (GraphNode n : reached) {
            rows.add(List.of(String.valueOf(Math.abs(n.depth())), n.entity().kind().name(), n.entity().label(),
                    n.via() == null ? "-" : n.via().name(), detail(n.entity())));
        }
        return sb.append(table(rows)).toString();
    }

    /** One line about a record, by kind: what a person needs to recognise it. */
    public static String detail(Entity e) {
        Map<String, Object> a = e.attributes();
        return switch (e.kind()) {
            case DATASET -> "sha256 " + Hashing.shortHash(e.contentHash()) + " " + nz(a.get("rows")) + " rows "
                    + nz(a.get("uri"));
            case MODEL -> nz(a.get("trainer")) + " sha256 " + Hashing.shortHash(e.contentHash());
            case METRICS -> metrics(ModelVersionView.metricValues(e));
            case PIPELINE_RUN -> nz(a.get("pipeline")) + ("RUNNING".equals(a.get("status")) && a.get("startedAt") != null
                    ? " started " + a.get("startedAt") : " " + nz(a.get("status")));
            case TASK_RUN -> nz(a.get("type")) + " " + nz(a.get("status"));
            case GATE_VERDICT -> nz(a.get("env")) + " " + nz(a.get("status"));
            case DEPLOYMENT -> nz(a.get("env")) + " " + nz(a.get("status")) + optional(" ", a.get("endpoint"), "");
            case APPROVAL -> "by " + nz(a.get("approver")) + optional(" at ", a.get("approvedAt"), "");
            default -> e.contentHash() == null ? "" : "sha256 " + Hashing.shortHash(e.contentHash());
        };
    }

    // ---- deployments -----------------------------------------------------------------------

    public static String whereDeployed(String model, List<EnvDeployment> envs) {
        if (envs.isEmpty()) {
            return model + " is not deployed anywhere (no DEPLOYMENT records named " + model + "/ENV)\n";
        }
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("ENV", "CHAMPION", "STATUS", "DEPLOYMENT", "RECORDED", "ENDPOINT"));
        for (EnvDeployment e : envs) {
            Map<String, Object> a = e.current().attributes();
            rows.add(List.of(e.env(), e.champion() == null ? "(none)" : e.champion().label(), nz(a.get("status")),
                    e.current().label(), e.current().recordedAt().toString(), nz(a.get("endpoint"))));
        }
        return "deployments of " + model + "\n" + table(rows);
    }

    // ---- helpers ---------------------------------------------------------------------------

    public static String metrics(Map<String, Double> metrics) {
        List<String> parts = new ArrayList<>();
        metrics.forEach((k, v) -> parts.add(k + " " + number(v)));
        return String.join("  ", parts);
    }

    public static String number(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e12) {
            return String.valueOf((long) v);
        }
        return String.format(Locale.ROOT, "%.4f", v);
    }

    private static String value(Object v) {
        if (v instanceof String s) {
            return s;
        }
        if (v instanceof Double d) {
            return java.math.BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
        }
        return Json.canonical(v);
    }

    private static String keyValues(Object map) {
        if (!(map instanceof Map<?, ?> m) || m.isEmpty()) {
            return "(defaults)";
        }
        List<String> parts = new ArrayList<>();
        m.forEach((k, v) -> parts.add(k + "=" + value(v)));
        return String.join(", ", parts);
    }

    private static String list(Object value) {
        if (value instanceof List<?> l) {
            return String.join(", ", l.stream().map(String::valueOf).toList());
        }
        return nz(value);
    }

    private static String optional(String before, Object value, String after) {
        return value == null ? "" : before + value + after;
    }

    private static String nz(Object v) {
        return v == null ? "-" : String.valueOf(v);
    }

    private static void line(StringBuilder sb, String key, String value) {
        sb.append(String.format(Locale.ROOT, "  %-12s %s%n", key, value));
    }

    static String table(List<List<String>> rows) {
        int[] widths = new int[rows.get(0).size()];
        for (List<String> row : rows) {
            for (int i = 0; i < row.size(); i++) {
                widths[i] = Math.max(widths[i], row.get(i).length());
            }
        }
        StringBuilder sb = new StringBuilder();
        for (List<String> row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.size(); i++) {
                line.append(i == row.size() - 1 ? row.get(i) : String.format(Locale.ROOT, "%-" + widths[i] + "s  ",
                        row.get(i)));
            }
            sb.append(line.toString().stripTrailing()).append('\n');
        }
        return sb.toString();
    }
}

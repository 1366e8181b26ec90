package dev.modelops.web;

import static dev.modelops.web.Html.esc;

import dev.modelops.core.lineage.Edge;
import dev.modelops.core.lineage.Entity;
import dev.modelops.core.lineage.EntityKind;
import dev.modelops.core.util.Hashing;
import dev.modelops.core.util.Json;
import dev.modelops.lineage.graph.LineageGraph;
import dev.modelops.lineage.query.EnvDeployment;
import dev.modelops.lineage.query.LineageQueries;
import dev.modelops.lineage.query.LineageText;
import dev.modelops.lineage.query.ModelDiff;
import dev.modelops.lineage.query.ModelVersionView;
import dev.modelops.lineage.query.RunView;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The pages of the web view, as plain HTML strings: the models list, a model's version timeline
 * with metric charts, the lineage graph around a record, a record, a version diff, and a run
 * (the static report's front page). Styles and the graph script come from two small files of our
 * own ({@code assets/}); nothing is fetched from elsewhere.
 */
public final class LineagePages {
    private final LineageQueries queries;
    private final SiteLinks links;
    private final String storeName;

    public LineagePages(LineageQueries queries, SiteLinks links, String storeName) {
        this.queries = queries;
        this.links = links;
        this.storeName = storeName;
    }

    // ---- shell -------------------------------------------------------------------------------

    String page(String title, String body) {
        return "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                + "<title>" + esc(title) + " - ModelOps lineage</title>"
                + "<link rel=\"stylesheet\" href=\"" + esc(links.asset("modelops.css")) + "\">"
                + "</head><body><header><a class=\"brand\" href=\"" + esc(links.home()) + "\">ModelOps lineage</a>"
                + "<span class=\"store\">" + esc(storeName) + "</span></header><main>" + body + "</main>"
                + "<script src=\"" + esc(links.asset("lineage.js")) + "\"></script></body></html>\n";
    }

    // ---- models ------------------------------------------------------------------------------

    public String models() {
        StringBuilder sb = new StringBuilder("<h1>Models</h1>");
        List<Entity> models = queries.models();
        if (models.isEmpty()) {
            sb.append("<p class=\"empty\">No model has been trained into this store yet. Run "
                    + "<code>modelops run modelops.yaml</code> first.</p>");
        } else {
            sb.append("<table class=\"models\" id=\"models\"><thead><tr><th>Model</th><th>Versions</th><th>Newest</th>"
                    + "<th>Recorded</th><th>Data</th><th>Metrics</th><th>Deployed</th><th></th></tr></thead><tbody>");
            for (Entity m : models) {
                ModelVersionView v = queries.view(m);
                sb.append("<tr data-model=\"").append(esc(m.name())).append("\"><td><a class=\"model-link\" href=\"")
                        .append(esc(links.model(m.name()))).append("\">").append(esc(m.name())).append("</a></td><td>")
                        .append(m.version()).append("</td><td>v").append(m.version()).append("</td><td>")
                        .append(esc(time(m))).append("</td><td>").append(v.dataset() == null ? "-"
                                : esc(v.dataset().label()) + " <code>" + esc(Hashing.shortHash(v.dataset().contentHash()))
                                + "</code>").append("</td><td>").append(esc(keyMetrics(v.metricValues())))
                        .append("</td><td>").append(esc(deployedSummary(m.name()))).append("</td><td>");
                String graph = links.graph(m);
                if (graph != null) {
                    sb.append("<a class=\"graph-link\" href=\"").append(esc(graph)).append("\">lineage graph</a>");
                }
                sb.append("</td></tr>");
            }
            sb.append("</tbody></table>");
        }
        List<String> runs = new ArrayList<>(queries.store().names(EntityKind.PIPELINE_RUN));
        if (!runs.isEmpty()) {
            java.util.Collections.reverse(runs);
            sb.append("<h2>Recent runs</h2><ul class=\"runs\">");
            for (String run : runs.subList(0, Math.min(20, runs.size()))) {
                Entity last = queries.store().latest(EntityKind.PIPELINE_RUN, run).orElseThrow();
                String id = run.replaceFirst("^run/", "");
                sb.append("<li><a href=\"").append(esc(links.run(id))).append("\">").append(esc(id))
                        .append("</a> ").append(esc(last.attributes().getOrDefault("pipeline", ""))).append(" <span class=\"status\">")
                        .append(esc(last.attributes().getOrDefault("status", ""))).append("</span></li>");
            }
            sb.append("</ul>");
        }
        return page("Models", sb.toString());
    }

    private String deployedSummary(String model) {
        List<String> parts = new ArrayList<>();
        for (EnvDeployment d : queries.whereDeployed(model)) {
            parts.add(d.env() + ": " + (d.champion() == null ? "no champion" : d.champion().label()) + " ("
                    + d.current().attributes().getOrDefault("status", "?") + ")");
        }
        return parts.isEmpty() ? "-" : String.join("; ", parts);
    }

    private static String keyMetrics(Map<String, Double> metrics) {
        List<String> parts = new ArrayList<>();
        for (String k : List.of("accuracy", "auc", "f1", "rmse", "r2")) {
            if (metrics.containsKey(k)) {
                parts.add(k + " " + Html.num(metrics.get(k)));
            }
        }
        return parts.isEmpty() ? "-" : String.join(", ", parts);
    }

    private static String time(Entity e) {
        return e.recordedAt().toString().replace('T', ' ').replaceAll("\\.\\d+Z$", "Z");
    }

    // ---- a model's timeline --------------------------------------------------------------------

    public String timeline(String model) {
        List<ModelVersionView> versions = queries.history(model);
        StringBuilder sb = new StringBuilder();
        sb.append("<h1 id=\"model-title\">").append(esc(model)).append("</h1>");
        sb.append("<p class=\"summary\">").append(versions.size()).append(" version")
                .append(versions.size() == 1 ? "" : "s").append("; deployed: ").append(esc(deployedSummary(model)))
                .append("</p>");
        Set<String> metricNames = new LinkedHashSet<>();
        versions.forEach(v -> v.metricValues().keySet().forEach(k -> {
            if (!k.endsWith("_rows")) {
                metricNames.add(k);
            }
        }));
        sb.append("<section class=\"charts\" id=\"charts\">");
        if (metricNames.isEmpty()) {
            sb.append("<p class=\"empty\">No version has been evaluated yet.</p>");
        }
        for (String metric : metricNames) {
            List<MetricChart.Point> points = versions.stream()
                    .map(v -> new MetricChart.Point(v.model().version(), v.metricValues().get(metric))).toList();
            sb.append(MetricChart.svg(metric, points));
        }
        sb.append("</section>");
        sb.append("<h2>Versions</h2><ol class=\"timeline\" id=\"timeline\" reversed>");
        for (int i = versions.size() - 1; i >= 0; i--) {
            ModelVersionView v = versions.get(i);
            ModelVersionView previous = i > 0 ? versions.get(i - 1) : null;
            sb.append(versionItem(v, previous));
        }
        sb.append("</ol>");
        return page(model, sb.toString());
    }

    private String versionItem(ModelVersionView v, ModelVersionView previous) {
        Entity m = v.model();
        StringBuilder sb = new StringBuilder();
        sb.append("<li class=\"version\" id=\"v").append(m.version()).append("\"><h3>").append(esc(m.label()))
                .append(" <small>").append(esc(time(m))).append("</small></h3><dl>");
        String data = v.dataset() == null ? "-" : esc(v.dataset().label()) + " <code title=\"sha256\">"
                + esc(v.dataset().contentHash()) + "</code> " + esc(v.dataset().attributes().getOrDefault("rows", "?"))
                + " rows";
        if (previous != null && previous.dataset() != null && v.dataset() != null
                && !java.util.Objects.equals(previous.dataset().contentHash(), v.dataset().contentHash())) {
            data += " <span class=\"changed\">data changed since v" + previous.model().version() + "</span>";
        }
        item(sb, "data", data);
        item(sb, "trainer", esc(m.attributes().getOrDefault("trainer", "-")) + " "
                + esc(parameters(m.attributes().get("hyperparameters"))));
        item(sb, "artifact", "<code>" + esc(m.contentHash()) + "</code>");
        item(sb, "metrics", esc(LineageText.metrics(v.metricValues())));
        Map<String, Object> ci = v.ci();
        String run = esc(v.runId() == null ? "-" : v.runId());
        if (v.run() != null) {
            run += " " + esc(v.run().attributes().getOrDefault("pipeline", "")) + " <span class=\"status\">"
                    + esc(v.run().attributes().getOrDefault("status", "")) + "</span>";
        }
        item(sb, "run", run);
        if (ci.get("buildUrl") != null || ci.get("job") != null) {
            item(sb, "build", Html.externalLink(ci.get("buildUrl")) + (ci.get("job") == null ? ""
                    : " (" + esc(ci.get("job")) + " #" + esc(ci.getOrDefault("buildNumber", "?")) + ")"));
        }
        if (ci.get("gitCommit") != null) {
            item(sb, "commit", "<code>" + esc(ci.get("gitCommit")) + "</code>"
                    + (ci.get("gitBranch") == null ? "" : " on " + esc(ci.get("gitBranch"))));
        }
        if (ci.get("user") != null) {
            item(sb, "user", esc(ci.get("user")));
        }
        item(sb, "spec", "<code>" + esc(Hashing.shortHash(v.specHash())) + "</code>");
        if (!v.verdicts().isEmpty()) {
            List<String> gates = new ArrayList<>();
            for (Entity g : v.verdicts()) {
                gates.add(esc(g.attributes().getOrDefault("env", "")) + " <span class=\"status\">"
                        + esc(g.attributes().getOrDefault("status", "")) + "</span>");
            }
            item(sb, "gates", String.join("; ", gates));
        }
        if (!v.deployments().isEmpty()) {
            List<String> deps = new ArrayList<>();
            for (Entity d : v.deployments()) {
                deps.add(esc(d.attributes().getOrDefault("env", "")) + " <span class=\"status\">"
                        + esc(d.attributes().getOrDefault("status", "")) + "</span>");
            }
            item(sb, "deployed", String.join("; ", deps));
        }
        sb.append("</dl><p class=\"actions\">");
        String graph = links.graph(m);
        if (graph != null) {
            sb.append("<a class=\"graph-link\" href=\"").append(esc(graph)).append("\">lineage graph</a> ");
        }
        if (previous != null) {
            String diff = links.diff(m.name(), previous.model().version(), m.version());
            if (diff != null) {
                sb.append("<a class=\"diff-link\" href=\"").append(esc(diff)).append("\">diff with v")
                        .append(previous.model().version()).append("</a>");
            }
        }
        sb.append("</p></li>");
        return sb.toString();
    }

    private static String parameters(Object map) {
        if (!(map instanceof Map<?, ?> m) || m.isEmpty()) {
            return "";
        }
        List<String> parts = new ArrayList<>();
        m.forEach((k, v) -> parts.add(k + "=" + (v instanceof String s ? s : v instanceof Number n
                ? java.math.BigDecimal.valueOf(n.doubleValue()).stripTrailingZeros().toPlainString() : Json.canonical(v))));
        return "(" + String.join(", ", parts) + ")";
    }

    private static void item(StringBuilder sb, String term, String html) {
        sb.append("<dt>").append(esc(term)).append("</dt><dd>").append(html).append("</dd>");
    }

    // ---- graph -------------------------------------------------------------------------------

    public String graph(Entity root) {
        LineageGraph g = queries.neighbourhood(root);
        return page("Lineage of " + root.label(), graphSection("Lineage of " + root.kind() + " " + root.label(), g, true));
    }

    String graphSection(String title, LineageGraph g, boolean selectRoot) {
        return "<h1>" + esc(title) + "</h1>"
                + "<p class=\"hint\">Data flows left to right: datasets, the runs that used them, the models they "
                + "produced, then verdicts and deployments. Click a record for its details.</p>"
                + "<div class=\"graph-layout\"><div class=\"graph-scroll\">" + GraphView.svg(g, links) + "</div>"
                + "<aside id=\"details\" class=\"details\" hidden><h2 id=\"details-title\"></h2>"
                + "<p id=\"details-detail\"></p><p class=\"actions\"><a id=\"details-open\" href=\"#\">Open</a> "
                + "<a id=\"details-graph\" href=\"#\" hidden>Center graph here</a></p>"
                + "<pre id=\"details-attributes\"></pre></aside></div>"
                + legend()
                + "<script type=\"application/json\" id=\"graph-data\">" + GraphView.json(g, links, selectRoot) + "</script>";
    }

    private static String legend() {
        StringBuilder sb = new StringBuilder("<p class=\"legend\">");
        for (String k : List.of("dataset", "pipeline-run", "task-run", "model", "metrics", "gate-verdict", "approval",
                "environment", "deployment")) {
            sb.append("<span class=\"swatch kind-").append(k).append("\">").append(k.replace('-', ' ')).append("</span> ");
        }
        return sb.append("</p>").toString();
    }

    // ---- a record ------------------------------------------------------------------------------

    public String record(Entity e) {
        List<Entity> referrers = queries.store().referrers(e.id(), null);
        Map<String, Entity> targets = queries.getAll(e.edges().stream().map(Edge::target).toList());
        StringBuilder sb = new StringBuilder();
        sb.append("<h1>").append(esc(e.kind() + " " + e.label())).append("</h1>");
        sb.append(recordDetails(e, referrers, targets));
        String graph = links.graph(e);
        if (graph != null) {
            sb.append("<p><a class=\"graph-link\" href=\"").append(esc(graph)).append("\">lineage graph</a></p>");
        }
        return page(e.label(), sb.toString());
    }

    String recordDetails(Entity e, List<Entity> referrers, Map<String, Entity> targets) {
        StringBuilder sb = new StringBuilder("<dl class=\"record\">");
        item(sb, "id", "<code>" + esc(e.id()) + "</code>");
        item(sb, "recorded", esc(e.recordedAt()));
        if (e.contentHash() != null) {
            item(sb, "sha256", "<code>" + esc(e.contentHash()) + "</code>");
        }
        sb.append("</dl><pre class=\"attributes\">").append(esc(Json.pretty(e.attributes()))).append("</pre>");
        if (!e.edges().isEmpty()) {
            sb.append("<h3>Links</h3><ul class=\"edges\">");
            for (Edge edge : e.edges()) {
                Entity t = targets.get(edge.target());
                sb.append("<li>").append(esc(edge.relation())).append(" ");
                sb.append(t == null ? "<code>" + esc(edge.target()) + "</code> (not in this store)"
                        : "<a href=\"" + esc(links.open(t)) + "\">" + esc(t.kind() + " " + t.label()) + "</a>");
                sb.append("</li>");
            }
            sb.append("</ul>");
        }
        if (referrers != null && !referrers.isEmpty()) {
            sb.append("<h3>Referred to by</h3><ul class=\"edges\">");
            for (Entity r : referrers) {
                sb.append("<li><a href=\"").append(esc(links.open(r))).append("\">").append(esc(r.kind() + " " + r.label()))
                        .append("</a></li>");
            }
            sb.append("</ul>");
        }
        return sb.toString();
    }

    // ---- diff --------------------------------------------------------------------------------

    public String diff(ModelDiff d) {
        String title = d.before().model().label() + " -> " + d.after().model().label();
        return page(title, "<h1>" + esc(title) + "</h1><pre class=\"diff\" id=\"diff\">" + esc(LineageText.diff(d))
                + "</pre><p><a href=\"" + esc(links.model(d.after().model().name())) + "\">back to the timeline</a></p>");
    }

    // ---- a run -------------------------------------------------------------------------------

    public String run(RunView run) {
        Entity last = run.last();
        LineageGraph g = queries.runGraph(run);
        StringBuilder sb = new StringBuilder();
        sb.append(graphSection("Run " + run.runId(), g, false).replaceFirst("<h1>", "<h1 id=\"run-title\">"));
        sb.append("<h2>Run</h2><dl class=\"record\">");
        item(sb, "pipeline", esc(last.attributes().getOrDefault("pipeline", "-")));
        item(sb, "status", "<span class=\"status\">" + esc(run.status()) + "</span>");
        item(sb, "started", esc(run.started().attributes().getOrDefault("startedAt", "-")));
        item(sb, "finished", esc(last.attributes().getOrDefault("finishedAt", "-")));
        item(sb, "spec", esc(last.attributes().getOrDefault("spec", "-")) + " <code>"
                + esc(Hashing.shortHash(String.valueOf(last.attributes().get("specHash")))) + "</code>");
        if (last.attributes().get("ci") instanceof Map<?, ?> ci) {
            if (ci.get("buildUrl") != null) {
                item(sb, "build", Html.externalLink(ci.get("buildUrl")) + (ci.get("job") == null ? ""
                        : " (" + esc(ci.get("job")) + " #" + esc(ci.get("buildNumber")) + ")"));
            }
            if (ci.get("gitCommit") != null) {
                item(sb, "commit", "<code>" + esc(ci.get("gitCommit")) + "</code>");
            }
            if (ci.get("user") != null) {
                item(sb, "user", esc(ci.get("user")));
            }
        }
        sb.append("</dl><h2>Tasks</h2><table class=\"tasks\"><thead><tr><th>Task</th><th>Type</th><th>Status</th>"
                + "<th>Time</th><th>Detail</th></tr></thead><tbody>");
        for (Entity t : run.tasks()) {
            Map<String, Object> a = t.attributes();
            Object ms = a.get("durationMs");
            sb.append("<tr><td><a href=\"").append(esc(links.record(t))).append("\">").append(esc(a.getOrDefault("task", t.name())))
                    .append("</a></td><td>").append(esc(a.getOrDefault("type", ""))).append("</td><td class=\"status\">")
                    .append(esc(a.getOrDefault("status", ""))).append("</td><td>")
                    .append(ms instanceof Number n ? esc(String.format(java.util.Locale.ROOT, "%.1fs", n.doubleValue() / 1000)) : "")
                    .append("</td><td>").append(esc(a.getOrDefault("message", ""))).append("</td></tr>");
        }
        sb.append("</tbody></table>");
        List<Entity> models = queries.modelsOf(run);
        if (!models.isEmpty()) {
            sb.append("<h2>Models</h2><ul class=\"run-models\">");
            for (Entity m : models) {
                sb.append("<li><a class=\"model-link\" href=\"").append(esc(links.open(m))).append("\">")
                        .append(esc(m.label())).append("</a> timeline</li>");
            }
            sb.append("</ul>");
        }
        return page("Run " + run.runId(), sb.toString());
    }

    /** Every record of a graph with its details, as anchors a static report's graph links to. */
    String recordIndex(LineageGraph g) {
        StringBuilder sb = new StringBuilder("<h2>Records</h2>");
        for (var n : g.nodes()) {
            Entity e = n.entity();
            Map<String, Entity> targets = queries.getAll(e.edges().stream().map(Edge::target).toList());
            sb.append("<section class=\"record-card\" id=\"r-").append(e.id()).append("\"><h3>")
                    .append(esc(e.kind() + " " + e.label())).append("</h3>")
                    .append(recordDetails(e, List.of(), targets)).append("</section>");
        }
        return sb.toString();
    }
}

package dev.modelops.web;

import dev.modelops.core.lineage.Entity;
import dev.modelops.core.lineage.EntityKind;
import dev.modelops.core.util.Hashing;
import dev.modelops.core.util.Json;
import dev.modelops.lineage.graph.GraphLink;
import dev.modelops.lineage.graph.GraphNode;
import dev.modelops.lineage.graph.LineageGraph;
import dev.modelops.lineage.query.LineageText;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Draws a lineage graph as inline SVG, laid out left to right in the direction data flows
 * (dataset, then the task run that used it, the model it produced, the verdicts and deployments
 * of that model): each record's column is the length of the longest chain of inputs before it,
 * and each column is ordered by the mean row of its inputs to keep lines from crossing. Nodes are
 * SVG links, so the graph works without script (and under Jenkins' strict content security
 * policy); with script, a click selects a node, lights up its lineage and shows its details.
 */
public final class GraphView {
    static final int NODE_W = 210;
    static final int NODE_H = 46;
    static final int COL_GAP = 80;
    static final int ROW_GAP = 18;
    static final int MARGIN = 20;

    private GraphView() {
    }

    /** A placed node. */
    record Placed(Entity entity, int column, int row, int x, int y) {
    }

    static Map<String, Placed> layout(LineageGraph g) {
        Map<String, Entity> entities = new LinkedHashMap<>();
        g.nodes().forEach(n -> entities.put(n.id(), n.entity()));
        Map<String, List<String>> inputs = new HashMap<>();
        for (GraphLink l : g.links()) {
            if (layoutLink(l)) {
                inputs.computeIfAbsent(l.downstream(), k -> new ArrayList<>()).add(l.upstream());
            }
        }
        Map<String, Integer> column = new HashMap<>();
        for (String id : entities.keySet()) {
            column(id, inputs, column, new java.util.HashSet<>());
        }
        int columns = column.values().stream().mapToInt(Integer::intValue).max().orElse(0) + 1;
        List<List<String>> byColumn = new ArrayList<>();
        for (int c = 0; c < columns; c++) {
            byColumn.add(new ArrayList<>());
        }
        Comparator<String> natural = Comparator.comparing((String id) -> entities.get(id).kind())
                .thenComparing(id -> entities.get(id).name()).thenComparingInt(id -> entities.get(id).version());
        entities.keySet().stream().sorted(natural).forEach(id -> byColumn.get(column.get(id)).add(id));
        // two sweeps of the barycentre heuristic: order each column by the mean row of its inputs
        Map<String, Integer> row = new HashMap<>();
        for (int sweep = 0; sweep < 2; sweep++) {
            for (List<String> col : byColumn) {
                for (int i = 0; i < col.size(); i++) {
                    row.put(col.get(i), i);
                }
            }
            for (int c = 1; c < columns; c++) {
                Map<String, Double> centre = new HashMap<>();
                for (String id : byColumn.get(c)) {
                    List<String> ins = inputs.getOrDefault(id, List.of());
                    centre.put(id, ins.isEmpty() ? row.get(id) : ins.stream().mapToInt(row::get).average().orElse(0));
                }
                Comparator<String> byCentre = Comparator.comparingDouble(centre::get);
                byColumn.get(c).sort(byCentre.thenComparing(natural));
                for (int i = 0; i < byColumn.get(c).size(); i++) {
                    row.put(byColumn.get(c).get(i), i);
                }
            }
        }
        Map<String, Placed> placed = new LinkedHashMap<>();
        for (int c = 0; c < columns; c++) {
            List<String> col = byColumn.get(c);
            for (int r = 0; r < col.size(); r++) {
                String id = col.get(r);
                placed.put(id, new Placed(entities.get(id), c, r, MARGIN + c * (NODE_W + COL_GAP),
                        MARGIN + r * (NODE_H + ROW_GAP)));
            }
        }
        return placed;
    }

    /** Run bookkeeping links (part-of, previous version) are drawn but do not push columns apart. */
    private static boolean layoutLink(GraphLink l) {
        return l.relation() != dev.modelops.core.lineage.Relation.PART_OF
                && l.relation() != dev.modelops.core.lineage.Relation.PREVIOUS_VERSION;
    }

    private static int column(String id, Map<String, List<String>> inputs, Map<String, Integer> memo,
                              java.util.Set<String> visiting) {
        Integer known = memo.get(id);
        if (known != null) {
            return known;
        }
        if (!visiting.add(id)) {
            return 0;
        }
        int c = 0;
        for (String in : inputs.getOrDefault(id, List.of())) {
            c = Math.max(c, column(in, inputs, memo, visiting) + 1);
        }
        memo.put(id, c);
        return c;
    }

    /** The graph as an {@code <svg>} element, plus the JSON the page script reads. */
    public static String svg(LineageGraph g, SiteLinks links) {
        Map<String, Placed> placed = layout(g);
        int width = placed.values().stream().mapToInt(p -> p.x() + NODE_W).max().orElse(NODE_W) + MARGIN;
        int height = placed.values().stream().mapToInt(p -> p.y() + NODE_H).max().orElse(NODE_H) + MARGIN;
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "<svg class=\"lineage-graph\" id=\"lineage-graph\" xmlns=\"http://www.w3.org/2000/svg\" "
                + "width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" role=\"img\" aria-label=\"lineage graph of %s\">",
                width, height, width, height, Html.esc(g.root().label())));
        sb.append("<defs><marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"7\" "
                + "markerHeight=\"7\" orient=\"auto-start-reverse\"><path d=\"M 0 0 L 10 5 L 0 10 z\" fill=\"#667\"/>"
                + "</marker></defs>");
        for (GraphLink l : g.links()) {
            Placed from = placed.get(l.upstream());
            Placed to = placed.get(l.downstream());
            if (from == null || to == null) {
                continue;
            }
            double x1 = from.x() + NODE_W;
            double y1 = from.y() + NODE_H / 2.0;
            double x2 = to.x();
            double y2 = to.y() + NODE_H / 2.0;
            if (to.column() <= from.column()) {
                // same or earlier column: leave from the bottom, arrive at the top
                x1 = from.x() + NODE_W / 2.0;
                y1 = from.y() + NODE_H;
                x2 = to.x() + NODE_W / 2.0;
                y2 = to.y();
            }
            String d;
            if (to.column() <= from.column()) {
                d = String.format(Locale.ROOT, "M %.1f %.1f C %.1f %.1f, %.1f %.1f, %.1f %.1f", x1, y1, x1 + 40, y1 + 30,
                        x2 + 40, y2 - 30, x2, y2);
            } else if (to.column() - from.column() > 1) {
                // a long link runs along the free lane below the source's row instead of under the nodes between
                double lane = from.y() + NODE_H + ROW_GAP / 2.0;
                d = String.format(Locale.ROOT, "M %.1f %.1f C %.1f %.1f, %.1f %.1f, %.1f %.1f L %.1f %.1f "
                                + "C %.1f %.1f, %.1f %.1f, %.1f %.1f", x1, y1, x1 + 30, y1, x1 + 20, lane, x1 + 50, lane,
                        x2 - 50, lane, x2 - 20, lane, x2 - 30, y2, x2, y2);
            } else {
                double dx = Math.max(30, Math.abs(x2 - x1) / 2);
                d = String.format(Locale.ROOT, "M %.1f %.1f C %.1f %.1f, %.1f %.1f, %.1f %.1f", x1, y1, x1 + dx, y1,
                        x2 - dx, y2, x2, y2);
            }
            sb.append("<path class=\"link rel-").append(l.relation().name().toLowerCase(Locale.ROOT).replace('_', '-'))
                    .append("\" d=\"").append(d).append("\" data-source=\"").append(l.source())
                    .append("\" data-target=\"").append(l.target()).append("\" data-relation=\"").append(l.relation())
                    .append("\" marker-end=\"url(#arrow)\"><title>").append(Html.esc(l.relation().name()))
                    .append("</title></path>");
        }
        for (Placed p : placed.values()) {
            Entity e = p.entity();
            boolean root = e.id().equals(g.root().id());
            sb.append("<a class=\"node kind-").append(e.kind().name().toLowerCase(Locale.ROOT).replace('_', '-'))
                    .append(root ? " root" : "").append("\" href=\"").append(Html.esc(links.open(e)))
                    .append("\" id=\"node-").append(e.id(), 0, 16).append("\" data-id=\"").append(e.id())
                    .append("\" data-kind=\"").append(e.kind()).append("\" data-label=\"").append(Html.esc(e.label()))
                    .append("\">");
            sb.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" rx=\"7\"/>",
                    p.x(), p.y(), NODE_W, NODE_H));
            sb.append(String.format(Locale.ROOT, "<text class=\"node-kind\" x=\"%d\" y=\"%d\">%s</text>", p.x() + 10,
                    p.y() + 16, Html.esc(kindLabel(e.kind()))));
            sb.append(String.format(Locale.ROOT, "<text class=\"node-label\" x=\"%d\" y=\"%d\">%s</text>", p.x() + 10,
                    p.y() + 35, Html.esc(shorten(displayName(e), 26))));
            sb.append("<title>").append(Html.esc(e.kind() + " " + e.label() + "\n" + LineageText.detail(e)))
                    .append("</title></a>");
        }
        sb.append("</svg>");
        return sb.toString();
    }

    /** What the page script needs per node: label, kind, a one-line detail, attributes, where to open. */
    public static String json(LineageGraph g, SiteLinks links, boolean selectRoot) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("root", g.root().id());
        doc.put("selectRoot", selectRoot);
        Map<String, Object> nodes = new LinkedHashMap<>();
        for (GraphNode n : g.nodes()) {
            Entity e = n.entity();
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("kind", e.kind().name());
            x.put("label", e.label());
            x.put("detail", LineageText.detail(e));
            x.put("sha256", e.contentHash());
            x.put("recordedAt", e.recordedAt().toString());
            x.put("attributes", e.attributes());
            x.put("open", links.open(e));
            x.put("openLabel", e.kind() == EntityKind.MODEL ? "Open model timeline" : "Open record");
            String graph = links.graph(e);
            if (graph != null) {
                x.put("graph", graph);
            }
            nodes.put(e.id(), x);
        }
        doc.put("nodes", nodes);
        List<Map<String, String>> edges = new ArrayList<>();
        for (GraphLink l : g.links()) {
            edges.add(Map.of("up", l.upstream(), "down", l.downstream(), "relation", l.relation().name()));
        }
        doc.put("links", edges);
        return Html.scriptJson(Json.canonical(doc));
    }

    static String kindLabel(EntityKind kind) {
        return kind.name().replace('_', ' ');
    }

    /** Run records are named {@code run/<id>/<task>}: the task (or run id) is what a reader scans for. */
    static String displayName(Entity e) {
        if (e.kind() == EntityKind.TASK_RUN && e.attributes().get("task") != null) {
            return e.attributes().get("task") + " (" + e.attributes().getOrDefault("type", "task") + ")";
        }
        if (e.kind() == EntityKind.DATASET && e.contentHash() != null) {
            return e.label() + " " + Hashing.shortHash(e.contentHash()).substring(0, 8);
        }
        if (e.kind() == EntityKind.PIPELINE_RUN) {
            return e.name().replaceFirst("^run/", "") + " v" + e.version();
        }
        return e.label();
    }

    static String shorten(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 1) + "\u2026";
    }
}

package dev.modelops.lineage.query;

import dev.modelops.core.lineage.Edge;
import dev.modelops.core.lineage.Entity;
import dev.modelops.lineage.graph.GraphLink;
import dev.modelops.lineage.graph.GraphNode;
import dev.modelops.lineage.graph.LineageGraph;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON shapes of lineage answers ({@code --format json}, the web API). Plain maps, so the
 * documents are stable whatever the Java records look like, and every record appears the same way.
 */
public final class LineageJson {
    private LineageJson() {
    }

    public static Map<String, Object> entity(Entity e) {
        if (e == null) {
            return null;
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", e.id());
        m.put("kind", e.kind().name());
        m.put("name", e.name());
        m.put("version", e.version());
        m.put("label", e.label());
        m.put("contentHash", e.contentHash());
        m.put("recordedAt", e.recordedAt().toString());
        m.put("attributes", e.attributes());
        List<Map<String, Object>> edges = new ArrayList<>();
        for (Edge edge : e.edges()) {
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("relation", edge.relation().name());
            x.put("target", edge.target());
            edges.add(x);
        }
        m.put("edges", edges);
        return m;
    }

    public static List<Map<String, Object>> entities(List<Entity> list) {
        return list.stream().map(LineageJson::entity).toList();
    }

    public static Map<String, Object> view(ModelVersionView v) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("model", entity(v.model()));
        m.put("dataset", entity(v.dataset()));
        m.put("parents", entities(v.parents()));
        m.put("metrics", v.metricValues());
        m.put("metricsRecord", v.metrics() == null ? null : v.metrics().id());
        Map<String, Object> run = new LinkedHashMap<>();
        run.put("runId", v.runId());
        run.put("status", v.run() == null ? null : v.run().attributes().get("status"));
        run.put("pipeline", v.run() == null ? null : v.run().attributes().get("pipeline"));
        run.put("specHash", v.specHash());
        run.put("ci", v.ci());
        m.put("run", run);
        m.put("verdicts", entities(v.verdicts()));
        m.put("deployments", entities(v.deployments()));
        return m;
    }

    public static Map<String, Object> history(String model, List<ModelVersionView> versions) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("model", model);
        m.put("versions", versions.stream().map(LineageJson::view).toList());
        return m;
    }

    public static Map<String, Object> diff(ModelDiff d) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("before", d.before().model().label());
        m.put("after", d.after().model().label());
        m.put("beforeId", d.before().model().id());
        m.put("afterId", d.after().model().id());
        m.put("dataChanged", d.dataChanged());
        m.put("codeChanged", d.codeChanged());
        m.put("parametersChanged", d.parametersChanged());
        m.put("data", changes(d.data()));
        m.put("code", changes(d.code()));
        m.put("parameters", changes(d.parameters()));
        List<Map<String, Object>> metrics = new ArrayList<>();
        for (MetricDelta delta : d.metrics()) {
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("metric", delta.metric());
            x.put("before", delta.before());
            x.put("after", delta.after());
            x.put("delta", delta.delta());
            metrics.add(x);
        }
        m.put("metrics", metrics);
        m.put("artifact", changes(d.artifact()));
        return m;
    }

    private static List<Map<String, Object>> changes(List<Change> list) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Change c : list) {
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("field", c.field());
            x.put("before", c.before());
            x.put("after", c.after());
            x.put("changed", c.changed());
            out.add(x);
        }
        return out;
    }

    public static Map<String, Object> graph(String question, LineageGraph g) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("question", question);
        m.put("root", entity(g.root()));
        List<Map<String, Object>> nodes = new ArrayList<>();
        for (GraphNode n : g.reached()) {
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("depth", n.depth());
            x.put("via", n.via() == null ? null : n.via().name());
            x.put("record", entity(n.entity()));
            nodes.add(x);
        }
        m.put("count", nodes.size());
        m.put("records", nodes);
        List<Map<String, Object>> links = new ArrayList<>();
        for (GraphLink l : g.links()) {
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("source", l.source());
            x.put("relation", l.relation().name());
            x.put("target", l.target());
            links.add(x);
        }
        m.put("links", links);
        return m;
    }

    public static Map<String, Object> whereDeployed(String model, List<EnvDeployment> envs) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("model", model);
        List<Map<String, Object>> out = new ArrayList<>();
        for (EnvDeployment e : envs) {
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("env", e.env());
            x.put("champion", e.champion() == null ? null : e.champion().label());
            x.put("championId", e.champion() == null ? null : e.champion().id());
            x.put("status", e.current().attributes().get("status"));
            x.put("current", entity(e.current()));
            x.put("history", entities(e.history()));
            out.add(x);
        }
        m.put("environments", out);
        return m;
    }

    public static Map<String, Object> record(Entity e, List<Entity> referrers) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("record", entity(e));
        m.put("referrers", entities(referrers));
        return m;
    }
}

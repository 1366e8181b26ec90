package dev.modelops.lineage.openlineage;

import static dev.modelops.lineage.openlineage.OpenLineageFacets.facet;

import dev.modelops.core.lineage.Edge;
import dev.modelops.core.lineage.Entity;
import dev.modelops.core.lineage.EntityKind;
import dev.modelops.core.lineage.Relation;
import dev.modelops.lineage.query.LineageQueries;
import dev.modelops.lineage.query.RunView;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Writes one pipeline run as OpenLineage RunEvents, so Marquez, DataHub or any other OpenLineage
 * consumer sees our runs beside the rest of a team's data pipelines: a START and a final event for
 * the pipeline (the job), and for each task a START and a final event as a child job with a
 * {@code parent} run facet. Task inputs are the records a task USED; outputs are what it PRODUCED.
 * Datasets keep their file location as OpenLineage names them ({@code file} namespace, path as
 * name); models, metrics, verdicts and deployments become dataset-like outputs in our namespace
 * with our facets. Run ids are UUIDs derived from our run names, so exporting twice gives the same
 * events.
 */
public final class OpenLineageExporter {
    private final LineageQueries queries;
    private final String namespace;

    public OpenLineageExporter(LineageQueries queries, String namespace) {
        this.queries = queries;
        this.namespace = namespace == null || namespace.isBlank() ? OpenLineageFacets.DEFAULT_NAMESPACE : namespace;
    }

    /** The events of a run, in time order. */
    public List<Map<String, Object>> export(String runId) {
        RunView run = queries.run(runId);
        Entity started = run.started();
        Entity last = run.last();
        String pipeline = String.valueOf(started.attributes().getOrDefault("pipeline", "pipeline"));
        String pipelineRunId = uuid(started.name());
        List<Map<String, Object>> events = new ArrayList<>();

        Map<String, Object> startFacets = runFacets(started);
        events.add(event("START", time(started.attributes().get("startedAt"), started.recordedAt()),
                run(pipelineRunId, startFacets), job(pipeline, "PIPELINE", started), List.of(), List.of()));

        Map<String, Entity> pipelineInputs = new LinkedHashMap<>();
        Map<String, Entity> pipelineOutputs = new LinkedHashMap<>();
        for (Entity task : run.tasks()) {
            String taskName = pipeline + "." + task.attributes().getOrDefault("task", task.name());
            String taskRunId = uuid(task.name());
            Map<String, Object> parent = parentFacet(pipelineRunId, pipeline);
            Instant taskStart = time(task.attributes().get("startedAt"), task.recordedAt());
            Object duration = task.attributes().get("durationMs");
            Instant taskEnd = duration instanceof Number n ? taskStart.plusMillis(n.longValue()) : task.recordedAt();

            Map<String, Entity> records = queries.getAll(task.edges().stream().map(Edge::target).toList());
            Map<String, Entity> inputs = new LinkedHashMap<>();
            Map<String, Entity> outputs = new LinkedHashMap<>();
            for (Edge edge : task.edges()) {
                Entity target = records.get(edge.target());
                if (target == null) {
                    continue;
                }
                if (edge.relation() == Relation.USED) {
                    inputs.put(target.id(), target);
                } else if (edge.relation() == Relation.PRODUCED) {
                    outputs.put(target.id(), target);
                }
            }
            addDirectInputs(inputs, outputs);

            Map<String, Object> startRun = new LinkedHashMap<>();
            startRun.put("parent", parent);
            events.add(event("START", taskStart, run(taskRunId, startRun), job(taskName, "TASK", task),
                    datasets(inputs.values()), List.of()));

            Map<String, Object> endRun = new LinkedHashMap<>();
            endRun.put("parent", parent);
            endRun.put(OpenLineageFacets.RECORD, OpenLineageFacets.record(task));
            if ("FAILED".equals(task.attributes().get("status"))) {
                Map<String, Object> error = new LinkedHashMap<>();
                error.put("message", String.valueOf(task.attributes().getOrDefault("message", "failed")));
                error.put("programmingLanguage", "Java");
                endRun.put("errorMessage", facet(OpenLineageFacets.ERROR_SCHEMA, error));
            }
            events.add(event(eventType(task.attributes().get("status")), taskEnd, run(taskRunId, endRun),
                    job(taskName, "TASK", task), datasets(inputs.values()), datasets(outputs.values())));
            inputs.forEach(pipelineInputs::putIfAbsent);
            outputs.forEach(pipelineOutputs::putIfAbsent);
        }
        if (run.versions().size() > 1) {
            pipelineOutputs.keySet().forEach(pipelineInputs::remove);
            events.add(event(eventType(last.attributes().get("status")),
                    time(last.attributes().get("finishedAt"), last.recordedAt()), run(pipelineRunId, runFacets(last)),
                    job(pipeline, "PIPELINE", last), datasets(pipelineInputs.values()),
                    datasets(pipelineOutputs.values())));
        }
        return events;
    }

    /** Outputs' direct inputs that are not already in the event (the environment a deployment went to). */
    private void addDirectInputs(Map<String, Entity> inputs, Map<String, Entity> outputs) {
        Set<String> wanted = new LinkedHashSet<>();
        for (Entity out : outputs.values()) {
            for (Edge edge : out.edges()) {
                if (edge.relation() != Relation.PRODUCED && !inputs.containsKey(edge.target())
                        && !outputs.containsKey(edge.target())) {
                    wanted.add(edge.target());
                }
            }
        }
        queries.getAll(wanted).values().forEach(e -> inputs.put(e.id(), e));
    }

    private Map<String, Object> runFacets(Entity pipelineRun) {
        Map<String, Object> facets = new LinkedHashMap<>();
        Map<String, Object> info = new LinkedHashMap<>();
        for (String key : List.of("runId", "pipeline", "environment", "spec", "specHash", "status")) {
            info.put(key, pipelineRun.attributes().get(key));
        }
        facets.put(OpenLineageFacets.RUN, facet(OpenLineageFacets.RUN_SCHEMA, info));
        if (pipelineRun.attributes().get("ci") instanceof Map<?, ?> ci && !ci.isEmpty()) {
            Map<String, Object> fields = new LinkedHashMap<>();
            ci.forEach((k, v) -> fields.put(String.valueOf(k), v));
            facets.put(OpenLineageFacets.CI, facet(OpenLineageFacets.CI_SCHEMA, fields));
        }
        facets.put(OpenLineageFacets.RECORD, OpenLineageFacets.record(pipelineRun));
        return facets;
    }

    private Map<String, Object> parentFacet(String runId, String job) {
        return facet(OpenLineageFacets.PARENT_SCHEMA, Map.of("run", Map.of("runId", runId),
                "job", Map.of("namespace", namespace, "name", job)));
    }

    private Map<String, Object> event(String type, Instant time, Map<String, Object> run, Map<String, Object> job,
                                      List<Map<String, Object>> inputs, List<Map<String, Object>> outputs) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("eventType", type);
        e.put("eventTime", time.toString());
        e.put("run", run);
        e.put("job", job);
        e.put("inputs", inputs);
        e.put("outputs", outputs);
        e.put("producer", OpenLineageFacets.PRODUCER);
        e.put("schemaURL", OpenLineageFacets.RUN_EVENT_SCHEMA);
        return e;
    }

    private static Map<String, Object> run(String runId, Map<String, Object> facets) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("runId", runId);
        r.put("facets", facets);
        return r;
    }

    private Map<String, Object> job(String name, String jobType, Entity record) {
        Map<String, Object> facets = new LinkedHashMap<>();
        Map<String, Object> type = new LinkedHashMap<>();
        type.put("processingType", "BATCH");
        type.put("integration", "MODELOPS");
        type.put("jobType", jobType);
        facets.put("jobType", facet(OpenLineageFacets.JOB_TYPE_SCHEMA, type));
        Object what = jobType.equals("TASK") ? record.attributes().get("type") : record.attributes().get("spec");
        if (what != null) {
            facets.put("documentation", facet(OpenLineageFacets.DOCUMENTATION_SCHEMA,
                    Map.of("description", jobType.equals("TASK") ? "modelops " + what + " task"
                            : "modelops pipeline from " + what)));
        }
        Map<String, Object> j = new LinkedHashMap<>();
        j.put("namespace", namespace);
        j.put("name", name);
        j.put("facets", facets);
        return j;
    }

    private List<Map<String, Object>> datasets(Iterable<Entity> records) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Entity e : records) {
            out.add(dataset(e));
        }
        return out;
    }

    /** A record as an OpenLineage dataset. */
    Map<String, Object> dataset(Entity e) {
        Map<String, Object> facets = new LinkedHashMap<>();
        String dsNamespace = namespace;
        String dsName = e.kind().name().toLowerCase(Locale.ROOT) + "/" + e.name();
        Object uri = e.attributes().get("uri");
        if (e.kind() == EntityKind.DATASET && uri != null && uri.toString().startsWith("/")) {
            dsNamespace = "file";
            dsName = uri.toString();
            facets.put("dataSource", facet(OpenLineageFacets.DATASOURCE_SCHEMA,
                    Map.of("name", "file", "uri", "file://" + uri)));
        }
        if (e.kind() == EntityKind.DATASET && e.attributes().get("schema") instanceof Map<?, ?> schema) {
            List<Map<String, Object>> fields = new ArrayList<>();
            schema.forEach((k, v) -> fields.add(Map.of("name", String.valueOf(k), "type", String.valueOf(v))));
            facets.put("schema", facet(OpenLineageFacets.SCHEMA_SCHEMA, Map.of("fields", fields)));
        }
        facets.put("version", facet(OpenLineageFacets.VERSION_SCHEMA,
                Map.of("datasetVersion", e.contentHash() != null ? e.contentHash() : e.id())));
        if (e.kind() == EntityKind.MODEL) {
            Map<String, Object> model = new LinkedHashMap<>();
            model.put("name", e.name());
            model.put("version", e.version());
            model.put("sha256", e.contentHash());
            for (String key : List.of("kind", "trainer", "hyperparameters", "features", "label", "positiveClass",
                    "format", "variant")) {
                model.put(key, e.attributes().get(key));
            }
            facets.put(OpenLineageFacets.MODEL, facet(OpenLineageFacets.MODEL_SCHEMA, model));
        }
        facets.put(OpenLineageFacets.RECORD, OpenLineageFacets.record(e));
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("namespace", dsNamespace);
        d.put("name", dsName);
        d.put("facets", facets);
        return d;
    }

    static String eventType(Object status) {
        return switch (String.valueOf(status)) {
            case "SUCCEEDED", "WARNED" -> "COMPLETE";
            case "FAILED" -> "FAIL";
            case "SKIPPED" -> "ABORT";
            case "RUNNING" -> "RUNNING";
            default -> "OTHER";
        };
    }

    private static Instant time(Object iso, Instant fallback) {
        if (iso != null) {
            try {
                return Instant.parse(iso.toString());
            } catch (java.time.format.DateTimeParseException ignored) {
                // fall back to when the record was written
            }
        }
        return fallback;
    }

    /** A stable UUID for a run or task-run name (OpenLineage run ids must be UUIDs). */
    public static String uuid(String name) {
        return UUID.nameUUIDFromBytes(("modelops:" + name).getBytes(StandardCharsets.UTF_8)).toString();
    }
}

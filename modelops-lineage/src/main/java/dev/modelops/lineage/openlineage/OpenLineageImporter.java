package dev.modelops.lineage.openlineage;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import dev.modelops.core.InputError;
import dev.modelops.core.lineage.Edge;
import dev.modelops.core.lineage.Entity;
import dev.modelops.core.lineage.EntityKind;
import dev.modelops.core.lineage.LineageRecord;
import dev.modelops.core.lineage.LineageStore;
import dev.modelops.core.lineage.Relation;
import dev.modelops.core.util.Json;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;

/**
 * Reads OpenLineage RunEvents into the lineage store.
 *
 * <p>Events we exported (our producer URI) carry each record whole in a {@code modelops_record} facet: those records
 * are recreated exactly (same content id, so importing twice changes nothing, and a record whose
 * content no longer matches its id is refused as altered), in dependency order.
 *
 * <p>Events from other tools (Airflow, Spark, dbt, ...) are mapped onto our model: the run becomes a
 * PIPELINE_RUN {@code run/<runId>} with one version per event, and an event with inputs or outputs a
 * TASK_RUN that USED its inputs and PRODUCED its outputs, each a DATASET named after its
 * OpenLineage namespace and name. So {@code lineage ancestors} walks from our models into the data
 * pipelines that fed them.
 */
public final class OpenLineageImporter {
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };

    private final LineageStore store;

    public OpenLineageImporter(LineageStore store) {
        this.store = store;
    }

    /**
     * What an import did.
     *
     * @param events events read
     * @param records records the events describe
     * @param added records that were new to the store
     * @param danglingEdges links to records neither in the events nor in the store
     * @param runs run ids seen
     */
    public record ImportResult(int events, int records, int added, int danglingEdges, List<String> runs) {
    }

    /** Parses a file's text: one event, a JSON array of events, or one event per line (NDJSON). */
    public static List<JsonNode> parse(String text, String place) {
        String trimmed = text.strip();
        List<JsonNode> events = new ArrayList<>();
        try {
            if (trimmed.startsWith("[")) {
                JsonNode array = Json.mapper().readTree(trimmed);
                array.forEach(events::add);
            } else if (trimmed.startsWith("{") && !trimmed.contains("\n")) {
                events.add(Json.mapper().readTree(trimmed));
            } else {
                String[] lines = trimmed.split("\\R");
                StringBuilder pending = new StringBuilder();
                int firstLine = 1;
                for (int i = 0; i < lines.length; i++) {
                    if (pending.length() == 0) {
                        firstLine = i + 1;
                    }
                    pending.append(lines[i]).append('\n');
                    JsonNode node = tryRead(pending.toString());
                    if (node != null) {
                        events.add(node);
                        pending.setLength(0);
                    }
                }
                if (!pending.toString().isBlank()) {
                    throw new InputError(place + ":" + firstLine, "not a JSON RunEvent (incomplete or malformed JSON)");
                }
            }
        } catch (IOException e) {
            String message = e instanceof com.fasterxml.jackson.core.JsonProcessingException j
                    ? j.getOriginalMessage() : e.getMessage();
            throw new InputError(place, "not OpenLineage JSON: " + message);
        }
        for (int i = 0; i < events.size(); i++) {
            JsonNode e = events.get(i);
            if (!e.isObject() || !e.has("run") || !e.path("run").has("runId") || !e.has("job")
                    || !e.path("job").has("name") || !e.has("eventTime")) {
                throw new InputError(place + " event " + (i + 1), "not an OpenLineage RunEvent: needs eventTime, "
                        + "run.runId and job.namespace/name");
            }
        }
        return events;
    }

    private static JsonNode tryRead(String text) {
        if (text.isBlank()) {
            return null;
        }
        try {
            return Json.mapper().readTree(text);
        } catch (IOException e) {
            return null;
        }
    }

    public ImportResult importEvents(List<JsonNode> events, String place) {
        Map<String, Map<String, Object>> native_ = new LinkedHashMap<>();
        List<JsonNode> foreign = new ArrayList<>();
        List<String> runs = new ArrayList<>();
        for (JsonNode event : events) {
            String runId = event.path("run").path("runId").asText();
            if (!runs.contains(runId)) {
                runs.add(runId);
            }
            boolean ours = OpenLineageFacets.PRODUCER.equals(event.path("producer").asText())
                    || event.path("run").path("facets").has(OpenLineageFacets.RECORD);
            if (ours) {
                collect(event.path("run").path("facets").path(OpenLineageFacets.RECORD), native_);
                for (String side : List.of("inputs", "outputs")) {
                    for (JsonNode ds : event.path(side)) {
                        collect(ds.path("facets").path(OpenLineageFacets.RECORD), native_);
                    }
                }
            } else {
                foreign.add(event);
            }
        }
        Counter counter = new Counter();
        importNative(native_, place, counter);
        for (JsonNode event : foreign) {
            importForeign(event, counter);
        }
        return new ImportResult(events.size(), counter.records, counter.added, counter.dangling, runs);
    }

    private static final class Counter {
        int records;
        int added;
        int dangling;
    }

    private static void collect(JsonNode facet, Map<String, Map<String, Object>> into) {
        if (facet.isObject() && facet.has("id")) {
            into.putIfAbsent(facet.get("id").asText(), Json.mapper().convertValue(facet, MAP));
        }
    }

    // ---- our own events ----------------------------------------------------------------------

    private void importNative(Map<String, Map<String, Object>> facets, String place, Counter counter) {
        Map<String, LineageRecord> records = new LinkedHashMap<>();
        for (Map.Entry<String, Map<String, Object>> f : facets.entrySet()) {
            records.put(f.getKey(), toRecord(f.getValue(), place));
        }
        for (String id : order(records, facets)) {
            LineageRecord record = records.get(id);
            if (!record.id().equals(id)) {
                throw new InputError(place, record.kind() + " " + record.name() + ": content does not match its id "
                        + id + " (the event was altered); nothing after it was imported");
            }
            for (Edge edge : record.edges()) {
                if (!records.containsKey(edge.target()) && store.get(edge.target()).isEmpty()) {
                    counter.dangling++;
                }
            }
            boolean known = store.get(id).isPresent();
            store.record(record);
            counter.records++;
            counter.added += known ? 0 : 1;
        }
    }

    @SuppressWarnings("unchecked")
    private static LineageRecord toRecord(Map<String, Object> f, String place) {
        EntityKind kind;
        try {
            kind = EntityKind.valueOf(String.valueOf(f.get("kind")));
        } catch (IllegalArgumentException e) {
            throw new InputError(place, "unknown record kind '" + f.get("kind") + "' in a modelops_record facet");
        }
        List<Edge> edges = new ArrayList<>();
        if (f.get("edges") instanceof List<?> list) {
            for (Object o : list) {
                Map<String, Object> e = (Map<String, Object>) o;
                edges.add(new Edge(Relation.valueOf(String.valueOf(e.get("relation"))), String.valueOf(e.get("target"))));
            }
        }
        Map<String, Object> attributes = f.get("attributes") instanceof Map<?, ?> m
                ? (Map<String, Object>) m : Map.of();
        Object hash = f.get("contentHash");
        return new LineageRecord(kind, String.valueOf(f.get("name")), hash == null ? null : hash.toString(),
                attributes, edges);
    }

    /** Records after the records they link to; otherwise in their original recording order. */
    private static List<String> order(Map<String, LineageRecord> records, Map<String, Map<String, Object>> facets) {
        Comparator<String> original = Comparator.comparing((String id) -> String.valueOf(facets.get(id).get("recordedAt")))
                .thenComparingInt(id -> facets.get(id).get("version") instanceof Number n ? n.intValue() : 0)
                .thenComparing(id -> id);
        Map<String, Integer> waiting = new HashMap<>();
        Map<String, List<String>> dependants = new HashMap<>();
        for (Map.Entry<String, LineageRecord> r : records.entrySet()) {
            int n = 0;
            for (Edge edge : r.getValue().edges()) {
                if (records.containsKey(edge.target()) && !edge.target().equals(r.getKey())) {
                    n++;
                    dependants.computeIfAbsent(edge.target(), k -> new ArrayList<>()).add(r.getKey());
                }
            }
            waiting.put(r.getKey(), n);
        }
        PriorityQueue<String> ready = new PriorityQueue<>(original);
        waiting.forEach((id, n) -> {
            if (n == 0) {
                ready.add(id);
            }
        });
        List<String> out = new ArrayList<>();
        while (!ready.isEmpty()) {
            String id = ready.poll();
            out.add(id);
            for (String d : dependants.getOrDefault(id, List.of())) {
                if (waiting.merge(d, -1, Integer::sum) == 0) {
                    ready.add(d);
                }
            }
        }
        if (out.size() < records.size()) {
            throw new IllegalStateException("records in the events link to each other in a cycle");
        }
        return out;
    }

    // ---- other tools' events -----------------------------------------------------------------

    private void importForeign(JsonNode event, Counter counter) {
        String runId = event.path("run").path("runId").asText();
        String eventType = event.path("eventType").asText("OTHER");
        String jobNamespace = event.path("job").path("namespace").asText("");
        String jobName = event.path("job").path("name").asText();
        String runName = "run/" + runId;
        List<Entity> versions = store.history(EntityKind.PIPELINE_RUN, runName);
        LineageRecord.Builder run = LineageRecord.builder(EntityKind.PIPELINE_RUN, runName)
                .attribute("runId", runId)
                .attribute("pipeline", jobName)
                .attribute("jobNamespace", jobNamespace)
                .attribute("status", status(eventType))
                .attribute("eventType", eventType)
                .attribute("eventTime", event.path("eventTime").asText())
                .attribute("producer", event.path("producer").asText(null))
                .attribute("source", "openlineage");
        JsonNode parent = event.path("run").path("facets").path("parent");
        if (parent.isObject()) {
            run.attribute("parentRunId", parent.path("run").path("runId").asText(null))
                    .attribute("parentJob", parent.path("job").path("name").asText(null));
        }
        if (!versions.isEmpty()) {
            run.edge(Relation.PREVIOUS_VERSION, versions.get(versions.size() - 1).id());
        }
        Entity runRecord = record(run.build(), counter);
        Entity firstVersion = versions.isEmpty() ? runRecord : versions.get(0);
        List<Entity> inputs = new ArrayList<>();
        for (JsonNode ds : event.path("inputs")) {
            inputs.add(record(dataset(ds), counter));
        }
        List<Entity> outputs = new ArrayList<>();
        for (JsonNode ds : event.path("outputs")) {
            outputs.add(record(dataset(ds), counter));
        }
        if (inputs.isEmpty() && outputs.isEmpty()) {
            return;
        }
        LineageRecord.Builder task = LineageRecord.builder(EntityKind.TASK_RUN, runName + "/" + jobName)
                .attribute("runId", runId)
                .attribute("task", jobName)
                .attribute("type", "openlineage")
                .attribute("status", status(eventType))
                .attribute("startedAt", event.path("eventTime").asText())
                .attribute("source", "openlineage")
                .edge(Relation.PART_OF, firstVersion.id());
        inputs.forEach(i -> task.edge(Relation.USED, i.id()));
        outputs.forEach(o -> task.edge(Relation.PRODUCED, o.id()));
        record(task.build(), counter);
    }

    private Entity record(LineageRecord record, Counter counter) {
        Optional<Entity> known = store.get(record.id());
        counter.records++;
        if (known.isPresent()) {
            return known.get();
        }
        counter.added++;
        return store.record(record);
    }

    private static LineageRecord dataset(JsonNode ds) {
        String namespace = ds.path("namespace").asText("");
        String name = ds.path("name").asText();
        JsonNode facets = ds.path("facets");
        String version = facets.path("version").path("datasetVersion").asText(null);
        LineageRecord.Builder b = LineageRecord.builder(EntityKind.DATASET,
                        namespace.equals("file") || namespace.isEmpty() ? name : namespace + "/" + name)
                .attribute("namespace", namespace)
                .attribute("olName", name)
                .attribute("uri", facets.path("dataSource").path("uri").asText(namespace + "/" + name))
                .attribute("datasetVersion", version)
                .attribute("source", "openlineage");
        List<String> columns = new ArrayList<>();
        for (JsonNode field : facets.path("schema").path("fields")) {
            columns.add(field.path("name").asText());
        }
        if (!columns.isEmpty()) {
            b.attribute("columns", columns);
        }
        if (version != null && version.matches("[0-9a-f]{64}")) {
            b.contentHash(version);
        }
        return b.build();
    }

    private static String status(String eventType) {
        return switch (eventType) {
            case "START", "RUNNING" -> "RUNNING";
            case "COMPLETE" -> "SUCCEEDED";
            case "FAIL" -> "FAILED";
            case "ABORT" -> "ABORTED";
            default -> eventType;
        };
    }
}

package dev.modelops.lineage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.modelops.core.InputError;
import dev.modelops.core.exec.RunReport;
import dev.modelops.core.exec.TaskStatus;
import dev.modelops.core.lineage.Edge;
import dev.modelops.core.lineage.Entity;
import dev.modelops.core.lineage.EntityKind;
import dev.modelops.core.lineage.LineageRecord;
import dev.modelops.core.lineage.LineageStore;
import dev.modelops.core.lineage.Relation;
import dev.modelops.core.util.Json;
import dev.modelops.lineage.graph.GraphNode;
import dev.modelops.lineage.graph.LineageGraph;
import dev.modelops.lineage.openlineage.OpenLineageExporter;
import dev.modelops.lineage.openlineage.OpenLineageImporter;
import dev.modelops.lineage.query.Change;
import dev.modelops.lineage.query.EnvDeployment;
import dev.modelops.lineage.query.LineageQueries;
import dev.modelops.lineage.query.LineageText;
import dev.modelops.lineage.query.MetricDelta;
import dev.modelops.lineage.query.ModelDiff;
import dev.modelops.lineage.query.ModelVersionView;
import dev.modelops.lineage.testing.ArrestsExample;
import dev.modelops.lineage.testing.Lifecycle;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What every lineage store must do, whatever database it lives in. The embedded SQLite store and
 * the PostgreSQL store each run this same suite (see the subclasses), including the real arrests
 * example run twice with changed data.
 */
abstract class LineageStoreContract {
    @TempDir
    Path dir;

    protected LineageStore store;
    private final List<LineageStore> opened = new ArrayList<>();

    /** A new, empty store. */
    protected abstract LineageStore openNewStore();

    /** Raw SQL access to the database behind {@link #store}, bypassing the store. */
    protected abstract Connection rawConnection() throws SQLException;

    @BeforeEach
    void openStore() {
        store = track(openNewStore());
    }

    protected LineageStore track(LineageStore s) {
        opened.add(s);
        return s;
    }

    @AfterEach
    void closeStores() {
        opened.forEach(LineageStore::close);
    }

    // ---- the model ----------------------------------------------------------------------------

    @Test
    void recordsAreContentAddressedAndVersionedPerKindAndName() {
        LineageRecord first = LineageRecord.builder(EntityKind.DATASET, "d").contentHash("a".repeat(64))
                .attribute("rows", 3).build();
        Entity v1 = store.record(first);
        Entity again = store.record(first);
        Entity v2 = store.record(LineageRecord.builder(EntityKind.DATASET, "d").contentHash("b".repeat(64))
                .attribute("rows", 4).build());
        Entity otherKind = store.record(LineageRecord.builder(EntityKind.MODEL, "d").contentHash("c".repeat(64)).build());

        assertThat(v1.id()).isEqualTo(first.id()).hasSize(64);
        assertThat(again.id()).isEqualTo(v1.id());
        assertThat(again.version()).isEqualTo(1);
        assertThat(v2.version()).isEqualTo(2);
        assertThat(otherKind.version()).isEqualTo(1);
        assertThat(store.history(EntityKind.DATASET, "d")).extracting(Entity::version).containsExactly(1, 2);
        assertThat(store.latest(EntityKind.DATASET, "d")).get().extracting(Entity::id).isEqualTo(v2.id());
        assertThat(store.version(EntityKind.DATASET, "d", 1)).get().extracting(Entity::contentHash)
                .isEqualTo("a".repeat(64));
        assertThat(store.get(v1.id()).orElseThrow().attributes()).containsEntry("rows", 3);
    }

    @Test
    void everyKindOfTheLifecycleIsStoredWithItsLinks() {
        Lifecycle life = Lifecycle.record(store, "churn");
        assertThat(life.all().stream().map(Entity::kind).collect(Collectors.toSet()))
                .containsExactlyInAnyOrder(EntityKind.values());
        for (Entity e : life.all()) {
            Entity read = store.get(e.id()).orElseThrow();
            assertThat(read.kind()).isEqualTo(e.kind());
            assertThat(read.name()).isEqualTo(e.name());
            assertThat(read.version()).isEqualTo(e.version());
            assertThat(read.contentHash()).isEqualTo(e.contentHash());
            assertThat(Json.canonical(read.attributes())).isEqualTo(Json.canonical(e.attributes()));
            assertThat(read.edges()).isEqualTo(e.edges());
        }
        assertThat(life.deployment().edges()).extracting(Edge::relation)
                .containsExactly(Relation.USED, Relation.DEPLOYED_TO, Relation.APPROVED_BY);
        assertThat(store.referrers(life.approval().id(), Relation.APPROVED_BY)).extracting(Entity::id)
                .containsExactly(life.deployment().id());
        assertThat(store.referrers(life.dataset().id(), Relation.DERIVED_FROM)).extracting(Entity::kind)
                .containsExactlyInAnyOrder(EntityKind.MODEL, EntityKind.PROFILE);
        assertThat(store.history(EntityKind.PIPELINE_RUN, "run/r-churn")).extracting(e -> e.attributes().get("status"))
                .containsExactly("RUNNING", "SUCCEEDED");
    }

    @Test
    void theDatabaseRefusesToUpdateOrDeleteRecords() throws SQLException {
        Lifecycle life = Lifecycle.record(store, "guarded");
        try (Connection c = rawConnection(); Statement s = c.createStatement()) {
            assertThatThrownBy(() -> s.executeUpdate("UPDATE entity SET attributes = '{}' WHERE id = '"
                    + life.model().id() + "'")).isInstanceOf(SQLException.class).hasMessageContaining("immutable");
            assertThatThrownBy(() -> s.executeUpdate("DELETE FROM entity WHERE id = '" + life.event().id() + "'"))
                    .isInstanceOf(SQLException.class).hasMessageContaining("immutable");
            assertThatThrownBy(() -> s.executeUpdate("UPDATE edge SET target_id = 'x'"))
                    .isInstanceOf(SQLException.class).hasMessageContaining("immutable");
            assertThatThrownBy(() -> s.executeUpdate("DELETE FROM edge"))
                    .isInstanceOf(SQLException.class).hasMessageContaining("immutable");
            if (!c.getAutoCommit()) {
                c.rollback();
            }
            try (ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM entity")) {
                rs.next();
                assertThat(rs.getInt(1)).isEqualTo(life.all().size());
            }
        }
        assertThat(store.get(life.model().id()).orElseThrow().attributes()).isEqualTo(life.model().attributes());
    }

    // ---- queries ------------------------------------------------------------------------------

    @Test
    void ancestorsAndDescendantsFollowTheDirectionOfEachRelation() {
        Lifecycle life = Lifecycle.record(store, "churn");
        Lifecycle.record(store, "other");
        LineageQueries q = new LineageQueries(store);

        LineageGraph up = q.ancestors(life.deployment());
        assertThat(ids(up)).containsExactlyInAnyOrder(life.deployment().id(), life.model().id(), life.dataset().id(),
                life.environment().id(), life.approval().id(), life.trainTask().id(), life.run().id());
        assertThat(up.node(life.model().id()).orElseThrow().depth()).isEqualTo(1);
        assertThat(up.node(life.dataset().id()).orElseThrow().depth()).isEqualTo(2);
        assertThat(up.node(life.trainTask().id()).orElseThrow().via()).isEqualTo(Relation.PRODUCED);

        LineageGraph down = q.descendants(life.dataset());
        assertThat(ids(down)).contains(life.model().id(), life.metrics().id(), life.verdict().id(),
                life.deployment().id(), life.trainTask().id(), life.artifact().id(), life.profile().id(),
                life.driftReport().id(), life.event().id());
        assertThat(ids(down)).doesNotContain(life.environment().id(), life.approval().id(), life.run().id());

        LineageGraph modelUp = q.ancestors(life.model());
        assertThat(ids(modelUp)).doesNotContain(life.metrics().id(), life.deployment().id());
        assertThat(modelUp.links()).isNotEmpty();

        LineageGraph around = q.neighbourhood(life.model());
        assertThat(ids(around)).contains(life.dataset().id(), life.deployment().id(), life.environment().id(),
                life.approval().id(), life.verdict().id());
    }

    @Test
    void recordsAreFoundByNameVersionKindAndId() {
        Lifecycle life = Lifecycle.record(store, "churn");
        Entity v2 = store.record(LineageRecord.builder(EntityKind.MODEL, "churn").contentHash("f".repeat(64))
                .edge(Relation.DERIVED_FROM, life.dataset().id()).build());
        LineageQueries q = new LineageQueries(store);
        assertThat(q.resolve("churn").id()).isEqualTo(v2.id());
        assertThat(q.resolve("churn@v1").id()).isEqualTo(life.model().id());
        assertThat(q.resolve("churn@1").id()).isEqualTo(life.model().id());
        assertThat(q.resolve("model:churn@v2").id()).isEqualTo(v2.id());
        assertThat(q.resolve("deployment:churn/prod").id()).isEqualTo(life.deployment().id());
        assertThat(q.resolve("churn-data").kind()).isEqualTo(EntityKind.DATASET);
        assertThat(q.resolve(life.metrics().id()).id()).isEqualTo(life.metrics().id());
        assertThat(q.resolve(life.metrics().id().substring(0, 12)).id()).isEqualTo(life.metrics().id());
        assertThat(q.resolve("r-churn").kind()).isEqualTo(EntityKind.PIPELINE_RUN);
        assertThatThrownBy(() -> q.resolve("churn@v7")).isInstanceOf(InputError.class)
                .hasMessageContaining("v1..v2");
        assertThatThrownBy(() -> q.resolve("nope")).isInstanceOf(InputError.class).hasMessageContaining("churn");
        assertThatThrownBy(() -> q.resolveModel("dataset:churn-data")).isInstanceOf(InputError.class)
                .hasMessageContaining("not a model");
        assertThatThrownBy(() -> q.resolve("churn@vx")).isInstanceOf(InputError.class).hasMessageContaining("version");
    }

    @Test
    void whereDeployedShowsTheCurrentRecordAndTheNewestActiveChampion() {
        Lifecycle life = Lifecycle.record(store, "churn");
        Entity v2 = store.record(LineageRecord.builder(EntityKind.MODEL, "churn").contentHash("e".repeat(64)).build());
        store.record(deployment("churn", "prod", v2, "ACTIVE", life.environment()));
        store.record(deployment("churn", "prod", v2, "ROLLED_BACK", life.environment()));
        Entity staging = store.record(LineageRecord.builder(EntityKind.ENVIRONMENT, "staging").build());
        store.record(deployment("churn", "staging", v2, "REFUSED", staging));

        List<EnvDeployment> where = new LineageQueries(store).whereDeployed("churn");
        assertThat(where).extracting(EnvDeployment::env).containsExactly("prod", "staging");
        EnvDeployment prod = where.get(0);
        assertThat(prod.current().attributes()).containsEntry("status", "ROLLED_BACK");
        assertThat(prod.champion().id()).isEqualTo(v2.id());
        assertThat(prod.history()).hasSize(3);
        assertThat(where.get(1).champion()).isNull();
        assertThat(LineageText.whereDeployed("churn", where)).contains("churn@v2").contains("ROLLED_BACK")
                .contains("(none)");
        assertThat(LineageText.whereDeployed("lonely", List.of())).contains("not deployed anywhere");

        // show and history tell the replaced version from the champion, though both records say ACTIVE
        LineageQueries q = new LineageQueries(store);
        Entity v1 = q.resolveModel("churn@v1");
        assertThat(LineageText.model(q.view(v1))).contains("prod ACTIVE then, since replaced");
        assertThat(LineageText.model(q.view(v2))).contains("prod ACTIVE (champion)");
        assertThat(LineageText.history("churn", q.history("churn"))).contains("prod:replaced").contains("prod:champion");
    }

    private static LineageRecord deployment(String model, String env, Entity version, String status, Entity envRecord) {
        return LineageRecord.builder(EntityKind.DEPLOYMENT, model + "/" + env).attribute("model", model)
                .attribute("env", env).attribute("modelVersion", version.version()).attribute("modelId", version.id())
                .attribute("status", status).attribute("target", "local")
                .edge(Relation.USED, version.id()).edge(Relation.DEPLOYED_TO, envRecord.id()).build();
    }

    // ---- the arrests example, twice, with changed data -----------------------------------------

    @Test
    void diffOfTwoArrestsRunsNamesTheDatasetHashChangeAndTheMetricDeltas() {
        ArrestsExample example = ArrestsExample.copyTo(dir.resolve("example"));
        Path home = dir.resolve("home");
        String originalSha = example.csvSha256();
        RunReport first = example.run(store, home, Map.of());
        int rowsLeft = example.dropEvery(5);
        String changedSha = example.csvSha256();
        RunReport second = example.run(store, home, Map.of("buildUrl", "https://ci.example/job/arrests/2/",
                "job", "arrests", "buildNumber", "2", "gitCommit", "c0ffee0123456789", "user", "carol"));
        assertThat(first.status()).isEqualTo(TaskStatus.SUCCEEDED);
        // with a fifth of the rows gone the quality gate may rightly refuse the model (its AUC drops);
        // what lineage must show is that training and evaluation on the changed data happened
        assertThat(second.outcomes()).filteredOn(o -> o.taskId().equals("train") || o.taskId().equals("evaluate"))
                .extracting(o -> o.status()).containsExactly(TaskStatus.SUCCEEDED, TaskStatus.SUCCEEDED);
        assertThat(changedSha).isNotEqualTo(originalSha);

        LineageQueries q = new LineageQueries(store);
        Entity v1 = q.resolveModel("arrests-release@v1");
        Entity v2 = q.resolveModel("arrests-release@v2");
        ModelDiff diff = q.diff(v1, v2);

        assertThat(diff.dataChanged()).isTrue();
        assertThat(change(diff.data(), "sha256")).isEqualTo(new Change("sha256", originalSha, changedSha));
        assertThat(change(diff.data(), "dataset")).isEqualTo(new Change("dataset", "arrests@v1", "arrests@v2"));
        assertThat(((Number) change(diff.data(), "rows").after()).intValue()).isEqualTo(rowsLeft);
        assertThat(change(diff.code(), "specHash").changed()).isFalse();
        assertThat(change(diff.code(), "gitCommit")).isEqualTo(new Change("gitCommit", null, "c0ffee0123456789"));
        assertThat(diff.parametersChanged()).isFalse();

        Map<String, Double> before = q.view(v1).metricValues();
        Map<String, Double> after = q.view(v2).metricValues();
        assertThat(before).containsKeys("accuracy", "auc");
        MetricDelta accuracy = diff.metrics().stream().filter(m -> m.metric().equals("accuracy")).findFirst().orElseThrow();
        assertThat(accuracy.before()).isEqualTo(before.get("accuracy"));
        assertThat(accuracy.after()).isEqualTo(after.get("accuracy"));
        assertThat(accuracy.delta()).isEqualTo(after.get("accuracy") - before.get("accuracy"));
        MetricDelta testRows = diff.metrics().stream().filter(m -> m.metric().equals("test_rows")).findFirst().orElseThrow();
        assertThat(testRows.delta()).isNegative();

        String text = LineageText.diff(diff);
        assertThat(text).contains("arrests-release@v1 -> arrests-release@v2").contains("data  CHANGED")
                .contains(originalSha + " -> " + changedSha)
                .contains("accuracy").contains(LineageText.number(accuracy.delta()).replace("-", ""));

        // the second model's ancestors reach the changed CSV, not the original
        LineageGraph up = q.ancestors(v2);
        List<Entity> datasets = up.entities(EntityKind.DATASET);
        assertThat(datasets).hasSize(1);
        assertThat(datasets.get(0).contentHash()).isEqualTo(changedSha);
        assertThat(datasets.get(0).attributes().get("uri")).isEqualTo(example.csv().toAbsolutePath().normalize().toString());
        assertThat(up.entities(EntityKind.TASK_RUN)).extracting(e -> e.attributes().get("type")).containsExactly("trainModel");
        assertThat(LineageText.graph("ancestors", up)).contains("arrests@v2").contains(changedSha.substring(0, 12));

        // the second version's lineage carries the CI facts of its build
        ModelVersionView view2 = q.view(v2);
        assertThat(view2.ci()).containsEntry("buildUrl", "https://ci.example/job/arrests/2/").containsEntry("user", "carol");
        assertThat(LineageText.model(view2)).contains("https://ci.example/job/arrests/2/ (job arrests #2)")
                .contains("c0ffee0123456789").contains("carol");
        assertThat(q.history("arrests-release")).hasSize(2);
        assertThat(LineageText.history("arrests-release", q.history("arrests-release"))).contains("arrests@v2")
                .contains("c0ffee012345");
    }

    private static Change change(List<Change> changes, String field) {
        return changes.stream().filter(c -> c.field().equals(field)).findFirst().orElseThrow();
    }

    // ---- OpenLineage ----------------------------------------------------------------------------

    @Test
    void openLineageExportOfARunImportsIntoAnotherStoreAsTheSameRecords() {
        ArrestsExample example = ArrestsExample.copyTo(dir.resolve("example"));
        RunReport report = example.run(store, dir.resolve("home"), Map.of("buildUrl", "https://ci.example/job/a/1/",
                "gitCommit", "abc123"));
        String runId = report.info().runId();
        LineageQueries source = new LineageQueries(store);
        List<Map<String, Object>> events = new OpenLineageExporter(source, "jenkins-ml").export(runId);

        assertThat(events).extracting(e -> e.get("eventType")).startsWith("START").endsWith("COMPLETE");
        assertThat(events).hasSize(2 + 2 * report.outcomes().size());
        for (Map<String, Object> e : events) {
            assertSpecShape(Json.mapper().valueToTree(e));
        }
        String ndjson = events.stream().map(Json::canonical).collect(Collectors.joining("\n"));
        assertThat(ndjson).contains("\"modelops_model\"").contains("\"jenkins-ml\"").contains("https://ci.example/job/a/1/");

        LineageStore target = track(openNewStore());
        OpenLineageImporter.ImportResult result = new OpenLineageImporter(target)
                .importEvents(OpenLineageImporter.parse(ndjson, "events.ndjson"), "events.ndjson");
        assertThat(result.events()).isEqualTo(events.size());
        assertThat(result.danglingEdges()).isZero();

        Set<String> exportedIds = new java.util.TreeSet<>();
        for (Map<String, Object> e : events) {
            collectRecordIds(Json.mapper().valueToTree(e), exportedIds);
        }
        assertThat(result.added()).isEqualTo(exportedIds.size());
        for (String id : exportedIds) {
            Entity a = store.get(id).orElseThrow();
            Entity b = target.get(id).orElseThrow();
            assertThat(b.kind()).isEqualTo(a.kind());
            assertThat(b.name()).isEqualTo(a.name());
            assertThat(b.contentHash()).isEqualTo(a.contentHash());
            assertThat(Json.canonical(b.attributes())).isEqualTo(Json.canonical(a.attributes()));
            assertThat(b.edges()).isEqualTo(a.edges());
        }
        // the run's models, tasks and data are all there
        assertThat(target.history(EntityKind.MODEL, "arrests-release")).hasSize(1);
        assertThat(target.history(EntityKind.PIPELINE_RUN, "run/" + runId)).hasSize(2);
        assertThat(new LineageQueries(target).run(runId).tasks()).hasSize(report.outcomes().size());

        // exporting from the copy gives the same events (times and ids included), bar store-local facts
        List<Map<String, Object>> again = new OpenLineageExporter(new LineageQueries(target), "jenkins-ml").export(runId);
        assertThat(withoutStoreFacts(again)).isEqualTo(withoutStoreFacts(events));

        // importing twice adds nothing
        OpenLineageImporter.ImportResult twice = new OpenLineageImporter(target)
                .importEvents(OpenLineageImporter.parse(ndjson, "events.ndjson"), "events.ndjson");
        assertThat(twice.added()).isZero();

        // an altered record is refused
        String altered = ndjson.replaceFirst("\"trainer\":\"logistic-regression\"", "\"trainer\":\"forged\"");
        LineageStore third = track(openNewStore());
        assertThatThrownBy(() -> new OpenLineageImporter(third).importEvents(
                OpenLineageImporter.parse(altered, "altered.ndjson"), "altered.ndjson"))
                .isInstanceOf(InputError.class).hasMessageContaining("altered");
    }

    @Test
    void foreignOpenLineageEventsBecomeRunsWhoseOutputsDescendFromTheirInputs() {
        String start = """
                {"eventType":"START","eventTime":"2026-03-01T10:00:00Z","producer":"https://airflow.example/",
                 "schemaURL":"https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent",
                 "run":{"runId":"0190f5a8-7b1c-7000-8000-000000000001"},
                 "job":{"namespace":"airflow","name":"etl.clean_arrests"}}""".replace("\n", "");
        String complete = """
                {"eventType":"COMPLETE","eventTime":"2026-03-01T10:05:00Z","producer":"https://airflow.example/",
                 "schemaURL":"https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent",
                 "run":{"runId":"0190f5a8-7b1c-7000-8000-000000000001"},
                 "job":{"namespace":"airflow","name":"etl.clean_arrests"},
                 "inputs":[{"namespace":"postgres://db:5432","name":"raw.arrests",
                   "facets":{"schema":{"_producer":"x","_schemaURL":"y","fields":[{"name":"age","type":"INT"}]}}}],
                 "outputs":[{"namespace":"file","name":"/data/arrests.csv"}]}""".replace("\n", "");
        OpenLineageImporter.ImportResult r = new OpenLineageImporter(store)
                .importEvents(OpenLineageImporter.parse(start + "\n" + complete + "\n", "airflow.ndjson"), "airflow.ndjson");
        assertThat(r.events()).isEqualTo(2);
        assertThat(r.runs()).containsExactly("0190f5a8-7b1c-7000-8000-000000000001");

        LineageQueries q = new LineageQueries(store);
        Entity output = q.resolve("dataset:/data/arrests.csv");
        LineageGraph up = q.ancestors(output);
        assertThat(up.entities(EntityKind.DATASET)).extracting(Entity::name)
                .contains("postgres://db:5432/raw.arrests");
        assertThat(up.entities(EntityKind.PIPELINE_RUN)).isNotEmpty();
        assertThat(q.run("0190f5a8-7b1c-7000-8000-000000000001").versions()).extracting(e -> e.attributes().get("status"))
                .containsExactly("RUNNING", "SUCCEEDED");
        assertThatThrownBy(() -> OpenLineageImporter.parse("{\"eventType\":\"START\"}", "bad.json"))
                .isInstanceOf(InputError.class).hasMessageContaining("run.runId");
    }

    /** The parts of the OpenLineage 2-0-2 RunEvent schema we rely on consumers to check. */
    static void assertSpecShape(JsonNode e) {
        assertThat(e.path("eventType").asText()).isIn("START", "RUNNING", "COMPLETE", "ABORT", "FAIL", "OTHER");
        assertThat(java.time.Instant.parse(e.path("eventTime").asText())).isNotNull();
        assertThat(e.path("producer").asText()).startsWith("https://");
        assertThat(e.path("schemaURL").asText()).isEqualTo("https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent");
        assertThat(UUID.fromString(e.path("run").path("runId").asText())).isNotNull();
        assertThat(e.path("job").path("namespace").asText()).isNotBlank();
        assertThat(e.path("job").path("name").asText()).isNotBlank();
        List<JsonNode> facetGroups = new ArrayList<>();
        facetGroups.add(e.path("run").path("facets"));
        facetGroups.add(e.path("job").path("facets"));
        for (String side : List.of("inputs", "outputs")) {
            assertThat(e.path(side).isArray()).isTrue();
            for (JsonNode ds : e.path(side)) {
                assertThat(ds.path("namespace").asText()).isNotBlank();
                assertThat(ds.path("name").asText()).isNotBlank();
                facetGroups.add(ds.path("facets"));
            }
        }
        for (JsonNode group : facetGroups) {
            group.fields().forEachRemaining(f -> {
                assertThat(f.getValue().path("_producer").asText()).as(f.getKey()).startsWith("https://");
                assertThat(f.getValue().path("_schemaURL").asText()).as(f.getKey()).startsWith("https://").contains("#/$defs/");
            });
        }
        JsonNode parent = e.path("run").path("facets").path("parent");
        if (!parent.isMissingNode()) {
            assertThat(UUID.fromString(parent.path("run").path("runId").asText())).isNotNull();
            assertThat(parent.path("job").path("name").asText()).isNotBlank();
        }
    }

    private static void collectRecordIds(JsonNode node, Set<String> ids) {
        if (node.isObject()) {
            if (node.has("_schemaURL") && node.path("_schemaURL").asText().contains("ModelOpsRecordFacet")) {
                ids.add(node.path("id").asText());
            }
            node.forEach(child -> collectRecordIds(child, ids));
        } else if (node.isArray()) {
            node.forEach(child -> collectRecordIds(child, ids));
        }
    }

    private static String withoutStoreFacts(List<Map<String, Object>> events) {
        return events.stream().map(Json::canonical)
                .map(s -> s.replaceAll("\"recordedAt\":\"[^\"]*\",", "").replaceAll("\"version\":\\d+,", ""))
                .collect(Collectors.joining("\n"));
    }

    private static Set<String> ids(LineageGraph g) {
        return g.nodes().stream().map(GraphNode::id).collect(Collectors.toSet());
    }
}

package dev.modelops.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.modelops.core.lineage.Entity;
import dev.modelops.core.lineage.EntityKind;
import dev.modelops.core.lineage.LineageRecord;
import dev.modelops.core.lineage.LineageStore;
import dev.modelops.core.util.Json;
import dev.modelops.lineage.LineageStores;
import dev.modelops.lineage.openlineage.OpenLineageExporter;
import dev.modelops.lineage.query.LineageQueries;
import dev.modelops.lineage.testing.Lifecycle;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LineageServerTest {
    @TempDir
    Path dir;

    private LineageStore store;
    private LineageServer server;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void open() {
        store = LineageStores.open("sqlite:" + dir.resolve("lineage.db"), Map.of());
    }

    @AfterEach
    void close() {
        if (server != null) {
            server.close();
        }
        store.close();
    }

    private String url(String path) {
        return "http://127.0.0.1:" + server.port() + path;
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url(path))).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, String body, String token) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url(path))).POST(HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void pagesShowModelsTimelinesGraphsAndRecords() throws Exception {
        TwoArrestsRuns runs = TwoArrestsRuns.into(store, dir);
        server = new LineageServer(store, "sqlite:test", null).start("127.0.0.1", 0);
        Entity v2 = new LineageQueries(store).resolveModel("arrests-release@v2");

        HttpResponse<String> home = get("/");
        assertThat(home.statusCode()).isEqualTo(200);
        assertThat(home.body()).contains("arrests-release").contains("arrests-release-xgb").contains("/models/arrests-release")
                .contains(runs.second().info().runId());

        HttpResponse<String> timeline = get("/models/arrests-release");
        assertThat(timeline.statusCode()).isEqualTo(200);
        assertThat(timeline.body()).contains("<svg class=\"metric-chart\" data-metric=\"accuracy\"")
                .contains("data-metric=\"auc\"").contains("id=\"v2\"").contains("data changed since v1")
                .contains(runs.changedSha()).contains("https://jenkins.example/job/arrests/12/")
                .doesNotContain("cdn.").doesNotContain("<script src=\"http");

        HttpResponse<String> graph = get("/graph/" + v2.id());
        assertThat(graph.statusCode()).isEqualTo(200);
        assertThat(graph.body()).contains("data-kind=\"DATASET\"").contains("data-kind=\"MODEL\"")
                .contains("data-label=\"arrests@v2\"").contains("data-label=\"arrests-release@v2\"")
                .contains("id=\"graph-data\"");

        assertThat(get("/models/arrests-release/diff/1/2").body()).contains(runs.originalSha() + " -&gt; " + runs.changedSha());
        assertThat(get("/runs/" + runs.second().info().runId()).body()).contains("train-evaluate").contains("SUCCEEDED");
        assertThat(get("/records/" + v2.id()).body()).contains(v2.id()).contains("DERIVED_FROM");
        assertThat(get("/assets/lineage.js").headers().firstValue("content-type").orElse("")).contains("javascript");
        HttpResponse<String> traversal = get("/assets/..%2F..%2Fetc%2Fpasswd");
        assertThat(traversal.statusCode()).isIn(400, 404);
        assertThat(traversal.body()).doesNotContain("root:");
        assertThat(get("/assets/pom.xml").statusCode()).isEqualTo(404);

        HttpResponse<String> missing = get("/models/no-such-model");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.body()).contains("no model named");

        JsonNode history = Json.mapper().readTree(get("/api/models/arrests-release/history").body());
        assertThat(history.path("versions")).hasSize(2);
        assertThat(history.path("versions").get(1).path("dataset").path("contentHash").asText()).isEqualTo(runs.changedSha());
        JsonNode up = Json.mapper().readTree(get("/api/records/arrests-release@v2/ancestors").body());
        assertThat(up.path("records").findValuesAsText("contentHash")).contains(runs.changedSha());
    }

    @Test
    void theGraphOfADeployedModelRunsFromDataToDeployment() throws Exception {
        Lifecycle life = Lifecycle.record(store, "churn");
        server = new LineageServer(store, "sqlite:test", null).start("127.0.0.1", 0);
        String graph = get("/graph/" + life.model().id()).body();
        for (String kind : new String[] {"DATASET", "TASK_RUN", "MODEL", "METRICS", "GATE_VERDICT", "DEPLOYMENT",
                "ENVIRONMENT", "APPROVAL"}) {
            assertThat(graph).as(kind).contains("data-kind=\"" + kind + "\"");
        }
        assertThat(graph).contains("data-relation=\"DEPLOYED_TO\"").contains("data-relation=\"APPROVED_BY\"");
        // left to right: the dataset's column comes before the model's, the model's before the deployment's
        assertThat(x(graph, life.dataset())).isLessThan(x(graph, life.model()));
        assertThat(x(graph, life.model())).isLessThan(x(graph, life.deployment()));
        String where = get("/models/churn").body();
        assertThat(where).contains("prod: churn@v1 (ACTIVE)").contains("https://ci.example/job/churn/7/");
    }

    private static int x(String page, Entity e) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("data-id=\"" + e.id() + "\"[^>]*><rect x=\"(\\d+)\"")
                .matcher(page);
        assertThat(m.find()).as("node of %s", e.label()).isTrue();
        return Integer.parseInt(m.group(1));
    }

    @Test
    void aReadOnlyServerRefusesEveryWrite() throws Exception {
        Lifecycle.record(store, "churn");
        server = new LineageServer(store, "sqlite:test", null).start("127.0.0.1", 0);
        int before = store.history(EntityKind.APPROVAL, "churn/prod").size();
        HttpResponse<String> r = post("/api/records", "{\"kind\":\"APPROVAL\",\"name\":\"churn/prod\"}", "anything");
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(r.body()).contains("read-only");
        assertThat(post("/api/openlineage", "{}", null).statusCode()).isEqualTo(401);
        assertThat(store.history(EntityKind.APPROVAL, "churn/prod")).hasSize(before);
    }

    @Test
    void writesNeedTheToken() throws Exception {
        Lifecycle life = Lifecycle.record(store, "churn");
        server = new LineageServer(store, "sqlite:test", "s3cret").start("127.0.0.1", 0);
        String approval = """
                {"kind":"APPROVAL","name":"churn/prod","attributes":{"approver":"carol","approvedAt":"2026-04-01T09:00:00Z",
                 "source":"api"},"edges":[{"relation":"EVALUATED","target":"churn@v1"}]}""";
        assertThat(post("/api/records", approval, null).statusCode()).isEqualTo(401);
        assertThat(post("/api/records", approval, "wrong").statusCode()).isEqualTo(401);
        assertThat(store.history(EntityKind.APPROVAL, "churn/prod")).hasSize(1);

        HttpResponse<String> ok = post("/api/records", approval, "s3cret");
        assertThat(ok.statusCode()).isEqualTo(201);
        JsonNode recorded = Json.mapper().readTree(ok.body()).path("record");
        assertThat(recorded.path("version").asInt()).isEqualTo(2);
        Entity stored = store.get(recorded.path("id").asText()).orElseThrow();
        assertThat(stored.attributes()).containsEntry("approver", "carol");
        assertThat(stored.targets(dev.modelops.core.lineage.Relation.EVALUATED)).containsExactly(life.model().id());

        assertThat(post("/api/records", "{\"kind\":\"APPROVAL\",\"name\":\"x\",\"edges\":[{\"relation\":\"USED\","
                + "\"target\":\"" + "0".repeat(64) + "\"}]}", "s3cret").statusCode()).isEqualTo(400);
        assertThat(post("/api/records", "{\"kind\":\"NOPE\",\"name\":\"x\"}", "s3cret").statusCode()).isEqualTo(400);
        assertThat(post("/api/records", "not json", "s3cret").statusCode()).isEqualTo(400);

        // OpenLineage import through the API
        store.record(LineageRecord.builder(EntityKind.PIPELINE_RUN, "run/r-extra").attribute("runId", "r-extra")
                .attribute("pipeline", "p").attribute("status", "RUNNING").build());
        String events = new OpenLineageExporter(new LineageQueries(store), null).export("r-churn").stream()
                .map(Json::canonical).collect(Collectors.joining("\n"));
        HttpResponse<String> imported = post("/api/openlineage", events, "s3cret");
        assertThat(imported.statusCode()).isEqualTo(200);
        assertThat(Json.mapper().readTree(imported.body()).path("events").asInt()).isPositive();
    }

    @Test
    void recordContentIsEscaped() throws Exception {
        Lifecycle.record(store, "churn");
        store.record(LineageRecord.builder(EntityKind.APPROVAL, "churn/prod")
                .attribute("approver", "<img src=x onerror=alert(1)>").build());
        server = new LineageServer(store, "sqlite:test", null).start("127.0.0.1", 0);
        String page = get("/records/approval:churn%2Fprod").body();
        assertThat(page).doesNotContain("<img src=x").contains("&lt;img src=x onerror=alert(1)&gt;");
    }
}

package dev.modelops.steps;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.modelops.core.data.DatasetLoader;
import dev.modelops.core.data.LoadedDataset;
import dev.modelops.core.data.Split;
import dev.modelops.core.exec.TaskStatus;
import dev.modelops.core.spec.ModelOpsSpec;
import dev.modelops.core.util.Json;
import dev.modelops.ml.FeatureEncoder;
import dev.modelops.ml.ModelVersions;
import dev.modelops.ml.TaskKind;
import dev.modelops.ml.TribuoData;
import dev.modelops.steps.serve.ModelServer;
import dev.modelops.steps.serve.ServedModels;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tribuo.Model;
import org.tribuo.classification.Label;

/**
 * The model server on the int8 Fashion-MNIST model: token, predictions, metrics, and live drift
 * judged by the drift module against the profile of the version the int8 model derives from.
 */
class ModelServerTest {
    @TempDir
    Path dir;

    private final HttpClient http = HttpClient.newHttpClient();
    private int port;

    private HttpResponse<String> call(String method, String path, String token, Object body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body instanceof String s ? s : Json.canonical(body)));
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    @SuppressWarnings("unchecked")
    void servesWithATokenCountsRequestsAndSeesShiftedImagesDrift() throws Exception {
        String text = Files.readString(Path.of("../examples/fashion-mnist/modelops.yaml"))
                .replace("uri: data/fashion-mnist-14x14.csv", "uri: " + Pipelines.FASHION_CSV);
        text = text.substring(0, text.indexOf("\npipelines:")) + """

                pipelines:
                  - name: p
                    tasks:
                      - {id: train, type: trainModel, model: fashion-classifier}
                      - {id: compress, type: compressModel, model: fashion-classifier, depends_on: [train]}
                      - {id: deploy, type: deployModel, model: fashion-classifier, env: staging, depends_on: [compress]}
                """;
        Path spec = dir.resolve("modelops.yaml");
        Files.writeString(spec, text);
        Pipelines p = new Pipelines(dir.resolve("home"));
        assertThat(Pipelines.task(p.run(spec, "p"), "deploy").status()).isEqualTo(TaskStatus.SUCCEEDED);
        ModelOpsSpec loaded = p.load(spec, null);
        ServedModels.Served served = ServedModels.open(loaded, p.lineage, p.artifacts, "fashion-classifier", "staging", null, 1000);
        assertThat(served.info()).containsEntry("variant", "onnx-int8");

        // test rows as requests; the expected answers come from the deployed model itself
        LoadedDataset data = new DatasetLoader().load(loaded.datasets().get("fashion"), Pipelines.FASHION_CSV);
        int[] test = Split.of(data.table(), loaded.models().get("fashion-classifier").split()).test();
        List<String> features = served.predictor().features();
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int r : test) {
            Map<String, Object> row = new LinkedHashMap<>();
            for (String f : features) {
                row.put(f, data.table().number(r, f));
            }
            rows.add(row);
        }
        Model<Label> model = (Model<Label>) ModelVersions.load(p.artifacts, served.model());
        FeatureEncoder encoder = new FeatureEncoder(loaded.datasets().get("fashion"), features, data.table());
        String expected0 = model.predict((org.tribuo.Example<Label>) TribuoData.example(encoder, data.table(), test[0],
                TaskKind.CLASSIFICATION)).getOutput().getLabel();

        try (ModelServer server = new ModelServer(served, "t0ken", 0)) {
            port = server.start("127.0.0.1", 0);
            assertThat(call("GET", "/health", null, null).statusCode()).isEqualTo(200);
            assertThat(call("POST", "/predict", null, Map.of("features", rows.get(0))).statusCode()).isEqualTo(401);
            assertThat(call("POST", "/predict", "wrong", Map.of("features", rows.get(0))).statusCode()).isEqualTo(401);
            assertThat(call("GET", "/metrics", null, null).statusCode()).isEqualTo(401);
            assertThat(call("GET", "/drift", null, null).statusCode()).isEqualTo(401);

            HttpResponse<String> one = call("POST", "/predict", "t0ken", Map.of("features", rows.get(0)));
            assertThat(one.statusCode()).isEqualTo(200);
            JsonNode body = Json.mapper().readTree(one.body());
            assertThat(body.get("prediction").asText()).isEqualTo(expected0);
            assertThat(body.get("model").asText()).isEqualTo(served.model().label());
            assertThat(body.get("scores").size()).isEqualTo(10);

            HttpResponse<String> bad = call("POST", "/predict", "t0ken", Map.of("features", Map.of("p0_0", "bright")));
            assertThat(bad.statusCode()).isEqualTo(400);
            assertThat(bad.body()).contains("feature 'p0_0' is numeric");
            assertThat(call("POST", "/predict", "t0ken", "{not json").statusCode()).isEqualTo(400);

            // in-distribution traffic: no drift, judged against the profile of the version the int8 model derives from
            HttpResponse<String> batch = call("POST", "/predict/batch", "t0ken", Map.of("instances", rows.subList(1, 250)));
            assertThat(batch.statusCode()).isEqualTo(200);
            assertThat(Json.mapper().readTree(batch.body()).get("predictions").size()).isEqualTo(249);
            JsonNode calm = Json.mapper().readTree(call("GET", "/drift", "t0ken", null).body());
            assertThat(calm.path("batch").path("rows").asLong()).isEqualTo(250);
            assertThat(calm.path("model").asText()).isEqualTo("fashion-classifier");
            assertThat(calm.path("modelVersion").asInt()).isEqualTo(served.model().version());
            assertThat(calm.path("drift").asBoolean(true)).as(calm.path("reasons").toString()).isFalse();
            assertThat(calm.path("datasetDrift").path("drift").asBoolean(true)).isFalse();
            assertThat(calm.path("datasetDrift").path("share").asDouble()).isLessThan(0.25);
            assertThat(calm.path("reasons").toString()).contains("reference profile: that of fashion-classifier@v1, which "
                    + served.model().label() + " derives from");
            assertThat(calm.path("window").path("batchesNote").asText()).startsWith("served rows are not kept: no drift monitor");

            // a new window of brighter, rotated images drifts, features and predictions alike
            JsonNode ended = Json.mapper().readTree(call("POST", "/drift/reset", "t0ken", null).body());
            assertThat(ended.path("ended").path("batch").path("rows").asLong()).isEqualTo(250);
            assertThat(ended.path("batch").isNull()).isTrue();
            List<Map<String, Object>> shifted = new ArrayList<>();
            for (Map<String, Object> row : rows.subList(250, 500)) {
                shifted.add(shift(row));
            }
            assertThat(call("POST", "/predict/batch", "t0ken", Map.of("instances", shifted)).statusCode()).isEqualTo(200);
            JsonNode drift = Json.mapper().readTree(call("GET", "/drift", "t0ken", null).body());
            assertThat(drift.path("batch").path("rows").asLong()).isEqualTo(250);
            assertThat(drift.path("drift").asBoolean()).isTrue();
            assertThat(drift.path("datasetDrift").path("drift").asBoolean()).isTrue();
            assertThat(drift.path("datasetDrift").path("share").asDouble()).isGreaterThan(0.5);
            assertThat(drift.path("predictionDrift").asBoolean()).isTrue();
            String table = call("GET", "/drift?format=table", "t0ken", null).body();
            assertThat(table).startsWith("batch live window since ").contains("(250 rows) against "
                    + served.model().label()).contains(": DRIFT").containsPattern("p7_7 +feature +numeric ");

            String metrics = call("GET", "/metrics", "t0ken", null).body();
            assertThat(metrics).contains("modelops_requests_total{code=\"200\",endpoint=\"/predict/batch\"} 2")
                    .contains("modelops_requests_total{code=\"401\",endpoint=\"/predict\"} 2")
                    .contains("modelops_requests_total{code=\"400\",endpoint=\"/predict\"} 2")
                    .contains("modelops_live_rows 250").contains("modelops_drift 1").contains("modelops_dataset_drift 1")
                    .contains("modelops_model_info{").contains("modelops_column_psi{column=\"p7_7\"}")
                    .contains("modelops_column_drift{column=\"prediction\",role=\"prediction\"} 1");
            long predicted = metrics.lines().filter(l -> l.startsWith("modelops_predictions_total{"))
                    .mapToLong(l -> Long.parseLong(l.substring(l.lastIndexOf(' ') + 1))).sum();
            assertThat(predicted).isEqualTo(500);
        }
        // without a drift monitor, served rows are not written anywhere
        assertThat(dir.resolve("home/monitors")).doesNotExist();
    }

    @Test
    void aCategoryOutsideTheDeclaredValuesIsRefusedAndNotWrittenToTheLiveBatch() throws Exception {
        Path csv = Path.of("../examples/arrests/data/arrests.csv").toAbsolutePath().normalize();
        Path spec = dir.resolve("arrests.yaml");
        Files.writeString(spec, """
                version: 1
                datasets:
                  arrests:
                    uri: %s
                    schema:
                      released: {type: categorical, values: ["Yes", "No"]}
                      colour:   {type: categorical, values: [Black, White]}
                      year:     {type: integer, min: 1997, max: 2002}
                      age:      {type: integer, min: 0, max: 120}
                      sex:      {type: categorical, values: [Female, Male]}
                      employed: {type: categorical, values: ["Yes", "No"]}
                      citizen:  {type: categorical, values: ["Yes", "No"]}
                      checks:   {type: integer, min: 0, max: 6}
                models:
                  release:
                    trainer: logistic-regression
                    hyperparameters: {epochs: 5, learning_rate: 0.5, seed: 42}
                    dataset: arrests
                    features: [age, sex, employed, citizen, checks]
                    label: released
                    split: {train: "year <= 1999"}
                environments:
                  staging: {deploy: {target: local, port: 18088}}
                pipelines:
                  - name: p
                    tasks:
                      - {id: train, type: trainModel, model: release}
                      - {id: deploy, type: deployModel, model: release, env: staging, monitor_drift: true, depends_on: [train]}
                """.formatted(csv));
        Pipelines p = new Pipelines(dir.resolve("home"));
        assertThat(Pipelines.task(p.run(spec, "p"), "deploy").status()).isEqualTo(TaskStatus.SUCCEEDED);
        ServedModels.Served served = ServedModels.open(p.load(spec, null), p.lineage, p.artifacts, "release", "staging",
                null, 1000);
        Path batches = served.drift().batchFolder().orElseThrow();
        Map<String, Object> good = new LinkedHashMap<>(Map.of("age", 31, "sex", "Male", "employed", "Yes",
                "citizen", "Yes", "checks", 1));
        Map<String, Object> alien = new LinkedHashMap<>(good);
        alien.put("sex", "Alien");

        try (ModelServer server = new ModelServer(served, "t0ken", 0)) {
            port = server.start("127.0.0.1", 0);
            HttpResponse<String> one = call("POST", "/predict", "t0ken", Map.of("features", alien));
            assertThat(one.statusCode()).isEqualTo(400);
            assertThat(Json.mapper().readTree(one.body()).get("error").asText())
                    .isEqualTo("feature 'sex' is categorical with values [Female, Male]; got 'Alien'");
            // one bad instance refuses the whole batch
            HttpResponse<String> batch = call("POST", "/predict/batch", "t0ken", Map.of("instances", List.of(good, alien)));
            assertThat(batch.statusCode()).isEqualTo(400);
            assertThat(batch.body()).contains("feature 'sex' is categorical with values [Female, Male]; got 'Alien'");
            // a declared value and a missing one are still answered
            Map<String, Object> female = new LinkedHashMap<>(good);
            female.put("sex", "Female");
            Map<String, Object> unknownSex = new LinkedHashMap<>(good);
            unknownSex.put("sex", null);
            assertThat(call("POST", "/predict/batch", "t0ken", Map.of("instances", List.of(good, female, unknownSex)))
                    .statusCode()).isEqualTo(200);
            assertThat(Json.mapper().readTree(call("GET", "/drift", "t0ken", null).body()).path("batch").path("rows").asLong())
                    .isEqualTo(3);
        }
        // stopping the server completed the live batch: only the three answered rows, no 'Alien'
        List<Path> written;
        try (var files = Files.list(batches)) {
            written = files.filter(f -> f.getFileName().toString().endsWith(".csv")).toList();
        }
        assertThat(written).singleElement().satisfies(f -> {
            List<String> lines = Files.readAllLines(f);
            assertThat(lines).hasSize(4);
            assertThat(String.join("\n", lines)).doesNotContain("Alien").contains("Female");
        });
    }

    /** Brighter by 0.3 (saturating at 1) and rotated a quarter turn. */
    static Map<String, Object> shift(Map<String, Object> row) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (int r = 0; r < 14; r++) {
            for (int c = 0; c < 14; c++) {
                double v = ((Number) row.get("p" + (13 - c) + "_" + r)).doubleValue();
                out.put("p" + r + "_" + c, Math.min(1.0, v + 0.3));
            }
        }
        return out;
    }
}

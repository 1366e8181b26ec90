package dev.modelops.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.modelops.core.artifact.ArtifactStore;
import dev.modelops.core.data.CsvTables;
import dev.modelops.core.data.Table;
import dev.modelops.core.lineage.Entity;
import dev.modelops.core.lineage.EntityKind;
import dev.modelops.core.lineage.LineageStore;
import dev.modelops.core.lineage.Relation;
import dev.modelops.core.plan.Planner;
import dev.modelops.core.spec.ModelOpsSpec;
import dev.modelops.core.spec.SpecLoader;
import dev.modelops.core.spec.SpecOptions;
import dev.modelops.core.spec.SpecValidator;
import dev.modelops.core.spec.TriggerKind;
import dev.modelops.core.spec.TriggerSpec;
import dev.modelops.core.util.Json;
import dev.modelops.lineage.LineageStores;
import dev.modelops.lineage.testing.JavaProcesses;
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
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.IntPredicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ModelOps feedback loop on a copy of the arrests example, every part real: the release
 * pipeline trains, hardens and deploys arrests-release to staging with a drift monitor; the model
 * server (in this JVM, port 0, a token) answers the 1997-1999 rows, then the later years'; its
 * GET /drift judges each window with the drift module; the rows it served land as CSV batches in
 * the monitor's folder; the scheduled job's {@code modelops drift check --monitor} finds no drift
 * in the first batch and drift in the second, records DRIFT_REPORT and EVENT and names the spec's
 * drift-trigger pipeline in drift-trigger.json (exit 3).
 */
class DriftLoopTest {
    private static final List<String> FEATURES = List.of("age", "sex", "employed", "citizen", "checks");

    @TempDir
    Path work;

    private final HttpClient http = HttpClient.newHttpClient();

    private Path copyExample() throws Exception {
        Path example = Path.of("../examples/arrests").toAbsolutePath().normalize();
        try (Stream<Path> files = Files.walk(example)) {
            for (Path p : files.filter(Files::isRegularFile).toList()) {
                Path target = work.resolve("example").resolve(example.relativize(p));
                Files.createDirectories(target.getParent());
                Files.copy(p, target);
            }
        }
        return work.resolve("example/modelops.yaml");
    }

    /** The arrests rows of the given years as prediction requests (features only; NA as null). */
    private static List<Map<String, Object>> requests(Path spec, IntPredicate year) {
        Table t = CsvTables.read(spec.resolveSibling("data/arrests.csv"), Set.of("NA"));
        List<Map<String, Object>> out = new ArrayList<>();
        for (int r = 0; r < t.size(); r++) {
            if (year.test((int) t.number(r, "year"))) {
                Map<String, Object> row = new LinkedHashMap<>();
                for (String f : FEATURES) {
                    String v = t.text(r, f);
                    row.put(f, v == null ? null : f.equals("age") || f.equals("checks") ? (Object) Integer.valueOf(v) : v);
                }
                out.add(row);
            }
        }
        return out;
    }

    private HttpResponse<String> call(String base, String method, String path, String token, Object body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", "Bearer " + token);
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(Json.canonical(body)));
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(method + " " + path + ": " + r.body()).isEqualTo(200);
        return r;
    }

    private void send(String base, String token, List<Map<String, Object>> rows) throws Exception {
        for (int i = 0; i < rows.size(); i += 500) {
            call(base, "POST", "/predict/batch", token, Map.of("instances", rows.subList(i, Math.min(rows.size(), i + 500))));
        }
    }

    /** The complete batches (what the scheduled check reads), in name order. */
    private static List<Path> batches(Path folder) throws Exception {
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".csv")).sorted().toList();
        }
    }

    /** Batches being written, under their hidden temporary names. */
    private static long pending(Path folder) throws Exception {
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".csv.part")).count();
        }
    }

    @Test
    void servedRowsAreJudgedLiveAndTheScheduledCheckFindsTheDriftAndNamesTheRetrainingPipeline() throws Exception {
        Path spec = copyExample();
        Path home = work.resolve("home");
        Cli release = Cli.run("run", spec.toString(), "--home", home.toString(), "-p", "release");
        assertThat(release.code()).as(release.out() + release.err()).isZero();
        Path monitor = home.resolve("monitors/arrests-release/staging/drift-monitor.json");
        Path folder = home.resolve("monitors/arrests-release/staging/batches");
        assertThat(monitor).exists();
        assertThat(batches(folder)).isEmpty();
        ModelOpsSpec loaded = SpecLoader.loadValid(spec, new SpecOptions(null, Map.of()),
                SpecValidator.discover(Planner.discover()));
        TriggerSpec trigger = loaded.triggers().stream()
                .filter(t -> t.on() == TriggerKind.DRIFT && "arrests-release".equals(t.model())).findFirst().orElseThrow();

        JsonNode calm;
        JsonNode drifted;
        Entity served;
        Entity profile;
        try (LineageStore lineage = LineageStores.open("sqlite:" + home.resolve("lineage.db"), Map.of())) {
            ServedModels.Served s = ServedModels.open(loaded, lineage, new ArtifactStore(home), "arrests-release",
                    "staging", null, 10_000);
            served = s.model();
            assertThat(served.attributes()).containsEntry("variant", "hardened");
            // the server compares with the profile the monitor pins for the scheduled job
            profile = s.drift().target().profile();
            assertThat(Json.mapper().readTree(monitor.toFile()).path("profileId").asText()).isEqualTo(profile.id());
            try (ModelServer server = new ModelServer(s, "l00p-token", 0)) {
                String base = "http://127.0.0.1:" + server.start("127.0.0.1", 0);
                assertThat(http.send(HttpRequest.newBuilder(URI.create(base + "/drift")).build(),
                        HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(401);

                // the training period, unchanged: no drift live, and one batch for the scheduled job at the reset
                send(base, "l00p-token", requests(spec, y -> y <= 1999));
                calm = Json.mapper().readTree(call(base, "GET", "/drift", "l00p-token", null).body());
                assertThat(calm.path("batch").path("rows").asLong()).isEqualTo(2468);
                assertThat(calm.path("drift").asBoolean(true)).as(calm.path("reasons").toString()).isFalse();
                assertThat(calm.path("datasetDrift").path("drifted").asInt()).isZero();
                assertThat(calm.path("window").path("batches").asText()).isEqualTo(folder.toString());
                JsonNode reset = Json.mapper().readTree(call(base, "POST", "/drift/reset", "l00p-token", null).body());
                assertThat(reset.path("ended").path("drift").asBoolean(true)).isFalse();
                Path first = Path.of(reset.path("batch").asText());
                assertThat(batches(folder)).containsExactly(first);
                assertThat(Files.readAllLines(first)).hasSize(2469).first().isEqualTo(String.join(",", FEATURES));

                Cli quiet = Cli.run("drift", "check", "--monitor", monitor.toString(), "--out", work.resolve("night1").toString());
                assertThat(quiet.code()).as(quiet.out() + quiet.err()).isZero();
                assertThat(quiet.out()).contains("batch " + first.getFileName() + " (2468 rows)").contains("no drift in 1 batch(es)");
                assertThat(work.resolve("night1/drift-trigger.json")).doesNotExist();

                // the later years: the server sees drift, naming the columns that moved
                send(base, "l00p-token", requests(spec, y -> y >= 2000));
                drifted = Json.mapper().readTree(call(base, "GET", "/drift", "l00p-token", null).body());
                assertThat(drifted.path("batch").path("rows").asLong()).isEqualTo(2758);
                assertThat(drifted.path("drift").asBoolean()).as(drifted.path("reasons").toString()).isTrue();
                assertThat(drifted.path("datasetDrift").path("driftedFeatures").toString()).contains("\"citizen\"");
                assertThat(drifted.path("predictionDrift").asBoolean()).isTrue();
                assertThat(drifted.path("reasons").toString()).contains("prediction drift: prediction_score");
                String table = call(base, "GET", "/drift?format=table", "l00p-token", null).body();
                assertThat(table).containsPattern("citizen +feature +categorical +jensenshannon .* DRIFT");
                String metrics = call(base, "GET", "/metrics", "l00p-token", null).body();
                assertThat(metrics).contains("modelops_drift 1")
                        .contains("modelops_column_drift{column=\"citizen\",role=\"feature\"} 1");
                assertThat(batches(folder)).hasSize(1);
                assertThat(pending(folder)).isEqualTo(1); // the second batch is still being written
            }
        }
        // stopping the server completed the batch of the later years
        List<Path> all = batches(folder);
        assertThat(all).hasSize(2);
        assertThat(pending(folder)).isZero();
        Path second = all.get(1);
        assertThat(Files.readAllLines(second)).hasSize(2759);

        Path out = work.resolve("night2");
        Cli night = Cli.run("drift", "check", "--monitor", monitor.toString(), "--out", out.toString());
        assertThat(night.code()).as(night.out() + night.err()).isEqualTo(ModelOpsCli.DRIFT);
        assertThat(night.out()).contains("already checked against this profile, skipped: " + all.get(0).getFileName())
                .contains("start " + trigger.pipeline() + " in " + trigger.env());
        JsonNode fired = Json.mapper().readTree(out.resolve("drift-trigger.json").toFile());
        assertThat(fired.path("triggers").get(0).path("name").asText()).isEqualTo(trigger.name());
        assertThat(fired.path("triggers").get(0).path("pipeline").asText()).isEqualTo(trigger.pipeline()).isEqualTo("continuous");
        assertThat(fired.path("batches").get(0).path("path").asText()).isEqualTo(second.toString());

        // the scheduled job judged the served rows exactly as the server did
        JsonNode scheduled = Json.mapper().readTree(out.resolve(second.getFileName().toString().replace(".csv", ""))
                .resolve("drift-report.json").toFile());
        for (String part : List.of("features", "prediction")) {
            for (int i = 0; i < drifted.path(part).size(); i++) {
                JsonNode live = drifted.path(part).get(i);
                JsonNode job = scheduled.path(part).get(i);
                assertThat(job.path("column").asText()).isEqualTo(live.path("column").asText());
                assertThat(job.path("statistic").asDouble()).as(live.path("column").asText())
                        .isEqualTo(live.path("statistic").asDouble());
                assertThat(job.path("drift").asBoolean()).isEqualTo(live.path("drift").asBoolean());
            }
        }
        assertThat(scheduled.path("domain").path("auc").asDouble()).isEqualTo(drifted.path("domain").path("auc").asDouble());

        try (LineageStore lineage = LineageStores.open("sqlite:" + home.resolve("lineage.db"), Map.of())) {
            List<Entity> reports = lineage.history(EntityKind.DRIFT_REPORT, "arrests-release");
            assertThat(reports).hasSize(2);
            assertThat(reports).allMatch(r -> r.targets(Relation.EVALUATED).contains(served.id())
                    && r.targets(Relation.USED).contains(profile.id()));
            Entity drift = reports.stream().filter(r -> Boolean.TRUE.equals(r.attributes().get("drift"))).findFirst().orElseThrow();
            assertThat(String.valueOf(((Map<?, ?>) drift.attributes().get("batch")).get("name")))
                    .isEqualTo(second.getFileName().toString());
            List<Entity> events = lineage.history(EntityKind.EVENT, trigger.name());
            assertThat(events).hasSize(1);
            assertThat(events.get(0).targets(Relation.TRIGGERED_BY)).containsExactly(drift.id());
            assertThat(events.get(0).attributes()).containsEntry("pipeline", "continuous").containsEntry("env", "staging");
        }
    }

    @Test
    void theServeModelCommandWritesThePendingBatchWhenItIsStopped() throws Exception {
        Path spec = copyExample();
        Path home = work.resolve("home-process");
        Cli release = Cli.run("run", spec.toString(), "--home", home.toString(), "-p", "release");
        assertThat(release.code()).as(release.out() + release.err()).isZero();
        Path log = work.resolve("serve-model.log");
        Process serve = JavaProcesses.start(ModelOpsCli.class, List.of("serve-model", spec.toString(), "--model",
                "arrests-release", "--env", "staging", "--home", home.toString(), "--port", "0", "--batch-rows", "50"),
                Map.of("MODELOPS_SERVE_TOKEN", "pr0cess-token"), log);
        Path folder = home.resolve("monitors/arrests-release/staging/batches");
        try {
            String base = null;
            long deadline = System.currentTimeMillis() + 60_000;
            while (base == null && System.currentTimeMillis() < deadline && serve.isAlive()) {
                Matcher m = Pattern.compile("on http://127\\.0\\.0\\.1:(\\d+)").matcher(Files.readString(log));
                if (m.find()) {
                    base = "http://127.0.0.1:" + m.group(1);
                } else {
                    Thread.sleep(100);
                }
            }
            assertThat(base).as(Files.readString(log)).isNotNull();
            assertThat(Files.readString(log)).contains("served rows go to " + folder + " in batches of up to 50 rows");
            send(base, "pr0cess-token", requests(spec, y -> y == 2002).subList(0, 120));
            // two full batches of 50 rows are complete; 20 rows are pending
            assertThat(batches(folder)).hasSize(2);
            assertThat(pending(folder)).isEqualTo(1);
        } finally {
            serve.destroy(); // SIGTERM: the shutdown hook stops the server and completes the batch
            assertThat(serve.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
        List<Path> written = batches(folder);
        assertThat(written).hasSize(3);
        assertThat(pending(folder)).isZero();
        assertThat(Files.readAllLines(written.get(2))).as(Files.readString(log)).hasSize(21);
    }
}

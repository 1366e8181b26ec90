package dev.modelops.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.modelops.core.util.Json;
import dev.modelops.lineage.testing.ArrestsExample;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code modelops lineage ...} end to end: the arrests example is run twice with {@code modelops run},
 * the second time on a copy of its data with every fifth row dropped; then the lineage commands
 * answer from the store the runs wrote.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LineageCommandTest {
    private Path dir;
    private Path home;
    private ArrestsExample example;
    private String originalSha;
    private String changedSha;
    private String firstRun;
    private String secondRun;

    @BeforeAll
    void twoRuns(@TempDir Path tmp) {
        dir = tmp;
        example = ArrestsExample.copyTo(dir.resolve("example"));
        home = dir.resolve("home");
        originalSha = example.csvSha256();
        Cli first = Cli.run("run", example.spec().toString(), "--home", home.toString());
        assertThat(first.code()).as(first.err()).isZero();
        firstRun = first.runId();
        example.dropEvery(5);
        changedSha = example.csvSha256();
        Cli second = Cli.run("run", example.spec().toString(), "--home", home.toString());
        // without a fifth of the rows the AUC drops below the example's gate: the run trains and
        // evaluates v2, then fails at the gate (exit 1), which is what lineage must still record
        assertThat(second.code()).as(second.err()).isEqualTo(1);
        assertThat(second.out()).contains("trained arrests-release@v2").containsPattern("gate +qualityGate +FAILED");
        secondRun = second.runId();
    }

    private Cli lineage(String... args) {
        List<String> all = new ArrayList<>(List.of("lineage"));
        all.addAll(List.of(args));
        all.addAll(List.of("--home", home.toString()));
        return Cli.run(all.toArray(String[]::new));
    }

    @Test
    void diffNamesTheDatasetHashChangeAndTheMetricDeltas() throws Exception {
        Cli text = lineage("diff", "arrests-release@v1", "arrests-release@v2");
        assertThat(text.code()).as(text.err()).isZero();
        assertThat(text.out()).contains("data  CHANGED").contains(originalSha + " -> " + changedSha)
                .contains("arrests@v1 -> arrests@v2").containsPattern("accuracy +0\\.\\d{4} -> 0\\.\\d{4}  \\([+-]0\\.\\d{4}\\)");

        Cli json = lineage("diff", "arrests-release@v1", "@v2", "--format", "json");
        assertThat(json.code()).as(json.err()).isZero();
        JsonNode doc = Json.mapper().readTree(json.out());
        assertThat(doc.path("dataChanged").asBoolean()).isTrue();
        JsonNode sha = find(doc.path("data"), "field", "sha256");
        assertThat(sha.path("before").asText()).isEqualTo(originalSha);
        assertThat(sha.path("after").asText()).isEqualTo(changedSha);
        JsonNode accuracy = find(doc.path("metrics"), "metric", "accuracy");
        assertThat(accuracy.path("delta").asDouble())
                .isCloseTo(accuracy.path("after").asDouble() - accuracy.path("before").asDouble(),
                        org.assertj.core.data.Offset.offset(1e-12));
    }

    @Test
    void ancestorsOfTheSecondModelReachTheChangedCsv() throws Exception {
        Cli json = lineage("ancestors", "arrests-release@v2", "--format", "json");
        assertThat(json.code()).as(json.err()).isZero();
        JsonNode datasets = Json.mapper().readTree(json.out()).path("records");
        List<JsonNode> found = new ArrayList<>();
        datasets.forEach(n -> {
            if (n.path("record").path("kind").asText().equals("DATASET")) {
                found.add(n.path("record"));
            }
        });
        assertThat(found).hasSize(1);
        assertThat(found.get(0).path("contentHash").asText()).isEqualTo(changedSha);
        assertThat(Path.of(found.get(0).path("attributes").path("uri").asText())).isEqualTo(example.csv().toAbsolutePath().normalize());

        Cli text = lineage("ancestors", "arrests-release@v2");
        assertThat(text.out()).contains("ancestors of MODEL arrests-release@v2").contains("DATASET").contains("arrests@v2")
                .contains(example.csv().toAbsolutePath().normalize().toString());

        Cli down = lineage("descendants", "dataset:arrests@v1");
        assertThat(down.out()).containsPattern("MODEL +arrests-release@v1").doesNotContainPattern("MODEL +arrests-release@v2");
    }

    @Test
    void showHistoryAndWhereDeployed() {
        Cli show = lineage("show", "arrests-release");
        assertThat(show.code()).as(show.err()).isZero();
        assertThat(show.out()).contains("MODEL arrests-release@v2").contains(changedSha).contains("metrics")
                .contains("run          " + secondRun);
        Cli history = lineage("history", "arrests-release");
        assertThat(history.out()).contains("2 versions").containsPattern("(?m)^v1 .*arrests@v1")
                .containsPattern("(?m)^v2 .*arrests@v2");
        assertThat(lineage("history", "dataset:arrests").out()).contains("history of DATASET arrests (2 versions)");
        assertThat(lineage("where-deployed", "arrests-release").out()).contains("not deployed anywhere");
        assertThat(lineage("show", "dataset:arrests@v1").out()).contains("DATASET arrests@v1").contains(originalSha)
                .contains("referred to by");
    }

    @Test
    void unknownRecordsAreOneLineInputErrors() {
        Cli missing = lineage("show", "no-such-model");
        assertThat(missing.code()).isEqualTo(ModelOpsCli.BAD_INPUT);
        assertThat(missing.err().strip()).startsWith("modelops: no-such-model: no record named").doesNotContain("\n")
                .contains("arrests-release");
        Cli badVersion = lineage("diff", "arrests-release@v1", "arrests-release@v9");
        assertThat(badVersion.code()).isEqualTo(ModelOpsCli.BAD_INPUT);
        assertThat(badVersion.err()).contains("v1..v2");
        Cli badStore = Cli.run("lineage", "show", "x", "--store", "postgresql://u:pw@localhost:1/db");
        assertThat(badStore.code()).isEqualTo(ModelOpsCli.BAD_INPUT);
        assertThat(badStore.err()).doesNotContain("pw@").contains("MODELOPS_STORE_PASSWORD");
    }

    @Test
    void openLineageExportImportsIntoAnotherStore() throws Exception {
        Path events = dir.resolve("events.ndjson");
        Cli export = lineage("export-openlineage", firstRun, "--out", events.toString(), "--namespace", "jenkins");
        assertThat(export.code()).as(export.err()).isZero();
        List<String> lines = Files.readAllLines(events);
        Cli plan = Cli.run("plan", example.spec().toString(), "--format", "json");
        int tasks = Json.mapper().readTree(plan.out()).path("tasks").size();
        assertThat(lines).hasSize(2 + 2 * tasks);
        assertThat(Json.mapper().readTree(lines.get(0)).path("eventType").asText()).isEqualTo("START");
        assertThat(Json.mapper().readTree(lines.get(lines.size() - 1)).path("eventType").asText()).isEqualTo("COMPLETE");

        String other = "sqlite:" + dir.resolve("other/lineage.db");
        Cli imported = Cli.run("lineage", "import-openlineage", events.toString(), "--store", other);
        assertThat(imported.code()).as(imported.err()).isZero();
        assertThat(imported.out()).contains("imported " + lines.size() + " event(s)").containsPattern("\\d+ new");
        Cli show = Cli.run("lineage", "show", "arrests-release", "--store", other);
        assertThat(show.out()).contains("MODEL arrests-release@v1").contains(originalSha);

        Cli notJson = Cli.run("lineage", "import-openlineage", example.csv().toString(), "--store", other);
        assertThat(notJson.code()).isEqualTo(ModelOpsCli.BAD_INPUT);
    }

    @Test
    void reportWritesTheRunAsStaticHtml() throws Exception {
        Path out = dir.resolve("report");
        Cli report = Cli.run("report", "lineage", "--run", secondRun, "--out", out.toString(), "--home", home.toString());
        assertThat(report.code()).as(report.err()).isZero();
        assertThat(report.out()).contains("index.html");
        assertThat(Files.readString(out.resolve("index.html"))).contains(secondRun).contains("data-label=\"arrests@v2\"");
        assertThat(out.resolve("model-arrests-release.html")).exists();
        assertThat(out.resolve("assets/lineage.js")).exists();
        Cli unknown = Cli.run("report", "lineage", "--run", "nope", "--out", dir.resolve("r2").toString(), "--home",
                home.toString());
        assertThat(unknown.code()).isEqualTo(ModelOpsCli.BAD_INPUT);
    }

    private static JsonNode find(JsonNode array, String key, String value) {
        for (JsonNode n : array) {
            if (n.path(key).asText().equals(value)) {
                return n;
            }
        }
        throw new AssertionError("no " + key + "=" + value + " in " + array);
    }
}

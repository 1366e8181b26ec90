package dev.modelops.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modelops.core.lineage.Entity;
import dev.modelops.core.lineage.EntityKind;
import dev.modelops.core.lineage.LineageStore;
import dev.modelops.core.lineage.Relation;
import dev.modelops.core.util.Hashing;
import dev.modelops.core.util.Json;
import dev.modelops.lineage.LineageStores;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's main command, end to end, on the real Toronto arrests data. */
class ArrestsExampleTest {
    static final Path SPEC = Path.of("..", "examples", "arrests", "modelops.yaml");
    static final Path CSV = Path.of("..", "examples", "arrests", "data", "arrests.csv");

    @TempDir
    Path home;

    @Test
    void aSecondRunRecordsANewRunAndTheSameDatasetVersion() throws Exception {
        Cli first = Cli.run("run", SPEC.toString(), "--home", home.toString());
        Cli second = Cli.run("run", SPEC.toString(), "--home", home.toString());

        assertThat(first.code()).as(first.err()).isZero();
        assertThat(second.code()).as(second.err()).isZero();
        for (Cli r : List.of(first, second)) {
            assertThat(r.out()).contains("trained arrests-release@v", "accuracy", "auc", "SUCCEEDED");
            assertThat(r.out()).contains("[data sha256 " + Hashing.shortHash(Hashing.sha256(CSV)) + "]");
        }
        assertThat(first.out()).contains("trained arrests-release@v1");
        assertThat(second.out()).contains("trained arrests-release@v2");

        try (LineageStore lineage = LineageStores.open(LineageStores.defaultLocation(home), Map.of())) {
            List<Entity> datasets = lineage.history(EntityKind.DATASET, "arrests");
            assertThat(datasets).hasSize(1);
            assertThat(datasets.get(0).contentHash()).isEqualTo(Hashing.sha256(CSV));
            List<Entity> models = lineage.history(EntityKind.MODEL, "arrests-release");
            assertThat(models).extracting(Entity::version).containsExactly(1, 2);
            for (Entity model : models) {
                assertThat(model.targets(Relation.DERIVED_FROM)).containsExactly(datasets.get(0).id());
            }
            assertThat(lineage.names(EntityKind.PIPELINE_RUN)).hasSize(2);
            assertThat(lineage.history(EntityKind.METRICS, "arrests-release")).hasSize(2);
        }
        try (var runs = Files.list(home.resolve("runs"))) {
            List<Path> dirs = runs.toList();
            assertThat(dirs).hasSize(2);
            for (Path run : dirs) {
                Map<?, ?> summary = Json.read(run.resolve("run.json"), Map.class);
                assertThat(summary.get("status")).isEqualTo("SUCCEEDED");
            }
        }
    }

    @Test
    void planShowsThePapersPipelineEnrichedToFiveTasks() {
        Cli r = Cli.run("plan", SPEC.toString(), "--pipeline", "release", "--format", "json");
        assertThat(r.code()).as(r.err()).isZero();
        Map<?, ?> plan = Json.mapper().convertValue(parse(r.out()), Map.class);
        List<String> types = ((List<?>) plan.get("tasks")).stream().map(t -> String.valueOf(((Map<?, ?>) t).get("type"))).toList();
        assertThat(types)
                .containsExactly("trainModel", "hardenModel", "evaluateModel", "deployModel", "monitorDrift");
    }

    private static Object parse(String json) {
        try {
            return Json.mapper().readValue(json, Object.class);
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + json, e);
        }
    }
}

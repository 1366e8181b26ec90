package dev.modelops.drift.check;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modelops.core.data.DatasetLoader;
import dev.modelops.core.data.LoadedDataset;
import dev.modelops.core.data.Split;
import dev.modelops.core.lineage.Entity;
import dev.modelops.core.lineage.EntityKind;
import dev.modelops.core.spec.ColumnSpec;
import dev.modelops.core.spec.ColumnType;
import dev.modelops.core.spec.DatasetSpec;
import dev.modelops.core.spec.ModelSpec;
import dev.modelops.core.spec.SplitSpec;
import dev.modelops.drift.lineage.ReferenceProfiles;
import dev.modelops.drift.profile.ColumnKind;
import dev.modelops.drift.profile.ModelPredictor;
import dev.modelops.drift.profile.ReferenceProfile;
import dev.modelops.ml.ModelEvaluator;
import dev.modelops.ml.TaskKind;
import dev.modelops.ml.TrainerCatalog;
import dev.modelops.ml.TrainerDefinition;
import dev.modelops.ml.TribuoData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tribuo.Model;

/** A regression model: numeric label and predictions, RMSE-based performance drift. */
class RegressionDriftTest {
    @TempDir
    Path dir;

    private static void write(Path file, int rows, long seed, double shift, double noise) throws Exception {
        Random r = new Random(seed);
        StringBuilder sb = new StringBuilder("size,rooms,area,price\n");
        String[] areas = {"north", "south", "east"};
        for (int i = 0; i < rows; i++) {
            double size = 50 + 30 * r.nextGaussian() + shift;
            int rooms = 1 + r.nextInt(5);
            String area = areas[r.nextInt(3)];
            double price = 2 * size + 10 * rooms + (area.equals("north") ? 40 : 0) + noise * r.nextGaussian();
            sb.append(String.format(java.util.Locale.ROOT, "%.3f,%d,%s,%.3f%n", size, rooms, area, price));
        }
        Files.writeString(file, sb);
    }

    @Test
    void aRegressionModelsPredictionsAndErrorsAreWatchedToo() throws Exception {
        Path train = dir.resolve("houses.csv");
        write(train, 3000, 1, 0, 5);
        Map<String, ColumnSpec> schema = new LinkedHashMap<>();
        schema.put("size", ColumnSpec.of(ColumnType.NUMERIC));
        schema.put("rooms", ColumnSpec.of(ColumnType.INTEGER));
        schema.put("area", ColumnSpec.of(ColumnType.CATEGORICAL));
        schema.put("price", ColumnSpec.of(ColumnType.NUMERIC));
        DatasetSpec dataset = new DatasetSpec("houses", train.toString(), "csv", schema, List.of("NA"));
        ModelSpec spec = new ModelSpec("price", "cart-regressor", Map.of(), "houses", List.of("size", "rooms", "area"),
                "price", null, new SplitSpec(null, 0.8, 3L), null, null, null);
        LoadedDataset data = new DatasetLoader().load(dataset, train);
        Split split = Split.of(data.table(), spec.split());
        TrainerDefinition def = TrainerCatalog.find("cart-regressor").orElseThrow();
        @SuppressWarnings({"unchecked", "rawtypes"})
        Model<?> model = def.create(def.settings(Map.of(), (k, m) -> {
        })).train((org.tribuo.Dataset) TribuoData.dataset(data, spec, TaskKind.REGRESSION, split.train(), "train"));
        Entity version = new Entity("price-id", EntityKind.MODEL, "price", 1, "sha", Instant.EPOCH,
                Map.of("kind", "REGRESSION"), List.of());
        ReferenceProfile reference = ReferenceProfiles.build(version, "houses-id", spec, data, split, model,
                TaskKind.REGRESSION);
        assertThat(reference.profile().column("price").orElseThrow().kind()).isEqualTo(ColumnKind.NUMERIC);
        assertThat(reference.profile().column("prediction").orElseThrow().kind()).isEqualTo(ColumnKind.NUMERIC);
        assertThat(reference.profile().column("prediction_score")).isEmpty();
        assertThat(reference.source().splitRatio()).isEqualTo(0.8);
        Map<String, Double> metrics = ModelEvaluator.evaluate(model,
                TribuoData.dataset(data, spec, TaskKind.REGRESSION, split.test(), "test"), TaskKind.REGRESSION, null);
        DriftCheck check = new DriftCheck(reference, "p", dataset,
                new ModelPredictor(model, TaskKind.REGRESSION, dataset, spec.features(), null),
                new RecordedMetrics(metrics, "test metrics", null),
                new ReferenceRows(reference.source(), dataset, reference.profile().rows()), DriftSettings.defaults());

        Path same = dir.resolve("same.csv");
        write(same, 1500, 2, 0, 5);
        DriftReport quiet = check.check(same);
        assertThat(quiet.drift()).as(quiet.reasons().toString()).isFalse();
        assertThat(quiet.domain().skipped()).isNull();
        assertThat(quiet.performance().metrics()).extracting(PerformanceResult.MetricChange::metric)
                .contains("rmse", "mae", "r2");

        Path bigger = dir.resolve("bigger.csv");
        write(bigger, 1500, 3, 25, 5);
        DriftReport moved = check.check(bigger);
        ColumnDrift size = moved.features().stream().filter(c -> c.column().equals("size")).findFirst().orElseThrow();
        assertThat(size.drift()).isTrue();
        assertThat(moved.predictionDrift()).isTrue();
        assertThat(moved.domain().drivers().get(0).feature()).isEqualTo("size");

        Path noisier = dir.resolve("noisier.csv");
        write(noisier, 1500, 4, 0, 40);
        PerformanceResult worse = check.check(noisier).performance();
        assertThat(worse.drift()).as(worse.reason()).isTrue();
        assertThat(worse.metrics()).filteredOn(PerformanceResult.MetricChange::degraded)
                .extracting(PerformanceResult.MetricChange::metric).contains("rmse");
    }
}

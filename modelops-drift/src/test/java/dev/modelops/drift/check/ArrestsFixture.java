package dev.modelops.drift.check;

import dev.modelops.core.data.DatasetLoader;
import dev.modelops.core.data.LoadedDataset;
import dev.modelops.core.data.Split;
import dev.modelops.core.data.Table;
import dev.modelops.core.lineage.Entity;
import dev.modelops.core.lineage.EntityKind;
import dev.modelops.core.spec.DatasetSpec;
import dev.modelops.core.spec.ModelOpsSpec;
import dev.modelops.core.spec.ModelSpec;
import dev.modelops.core.spec.SpecLoader;
import dev.modelops.core.spec.SpecOptions;
import dev.modelops.drift.lineage.ReferenceProfiles;
import dev.modelops.drift.profile.ModelPredictor;
import dev.modelops.drift.profile.ReferenceProfile;
import dev.modelops.ml.ModelEvaluator;
import dev.modelops.ml.TaskKind;
import dev.modelops.ml.TrainerCatalog;
import dev.modelops.ml.TrainerDefinition;
import dev.modelops.ml.TribuoData;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.IntPredicate;
import org.tribuo.Model;

/**
 * The Toronto arrests example as the drift tests use it: the example spec's dataset and model
 * (logistic regression trained on 1997-1999), its reference profile and recorded test metrics,
 * and per-year batch files cut from the same CSV.
 */
final class ArrestsFixture {
    static final Path SPEC = Path.of("../examples/arrests/modelops.yaml");

    final ModelOpsSpec spec;
    final DatasetSpec dataset;
    final ModelSpec model;
    final LoadedDataset data;
    final Split split;
    final Model<?> trained;
    final ReferenceProfile reference;
    final Map<String, Double> testMetrics;

    private static ArrestsFixture shared;

    static synchronized ArrestsFixture get() {
        if (shared == null) {
            shared = new ArrestsFixture();
        }
        return shared;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private ArrestsFixture() {
        spec = SpecLoader.load(SPEC, new SpecOptions(null, Map.of()));
        model = spec.models().get("arrests-release");
        dataset = spec.datasets().get(model.dataset());
        data = new DatasetLoader().load(dataset, spec.datasetPath(dataset));
        split = Split.of(data.table(), model.split());
        TrainerDefinition def = TrainerCatalog.find(model.trainer()).orElseThrow();
        trained = def.create(def.settings(model.hyperparameters(), (k, m) -> {
            throw new IllegalStateException(k + ": " + m);
        })).train((org.tribuo.Dataset) TribuoData.dataset(data, model, TaskKind.CLASSIFICATION, split.train(), "train"));
        Entity version = new Entity("model-id-arrests", EntityKind.MODEL, model.name(), 1, "model-sha", Instant.EPOCH,
                Map.of("kind", "CLASSIFICATION"), List.of());
        reference = ReferenceProfiles.build(version, "dataset-id-arrests", model, data, split, trained,
                TaskKind.CLASSIFICATION);
        testMetrics = ModelEvaluator.evaluate(trained,
                TribuoData.dataset(data, model, TaskKind.CLASSIFICATION, split.test(), "test"), TaskKind.CLASSIFICATION,
                "Yes");
    }

    DriftCheck check(DriftSettings settings) {
        return new DriftCheck(reference, "profile-id-arrests", dataset,
                new ModelPredictor(trained, TaskKind.CLASSIFICATION, dataset, model.features(), model.positiveClass()),
                new RecordedMetrics(testMetrics, "test metrics", "Yes"),
                new ReferenceRows(reference.source(), dataset, reference.profile().rows()), settings);
    }

    /** Writes the rows of the arrests CSV whose year passes the test. */
    Path batch(Path dir, String name, IntPredicate year) {
        Table t = data.table();
        List<Integer> rows = new ArrayList<>();
        for (int r = 0; r < t.size(); r++) {
            if (year.test((int) t.number(r, "year"))) {
                rows.add(r);
            }
        }
        return write(dir, name, rows.stream().mapToInt(Integer::intValue).toArray());
    }

    Path write(Path dir, String name, int[] rows) {
        Table t = data.table();
        StringBuilder sb = new StringBuilder(String.join(",", t.columns())).append('\n');
        for (int r : rows) {
            String[] cells = t.row(r);
            for (int c = 0; c < cells.length; c++) {
                sb.append(c == 0 ? "" : ",").append(cells[c] == null ? "NA" : cells[c]);
            }
            sb.append('\n');
        }
        try {
            Path file = dir.resolve(name);
            Files.writeString(file, sb);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

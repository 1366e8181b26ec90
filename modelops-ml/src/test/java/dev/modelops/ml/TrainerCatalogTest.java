package dev.modelops.ml;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modelops.core.data.LoadedDataset;
import dev.modelops.core.data.Split;
import dev.modelops.core.spec.ModelSpec;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.tribuo.Model;
import org.tribuo.MutableDataset;
import org.tribuo.Prediction;

class TrainerCatalogTest {
    private static final List<String> FEATURES = List.of("age", "sex", "employed", "citizen", "checks", "colour");
    private static final LoadedDataset DATA = ArrestsData.load();

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"logistic-regression", "xgboost", "cart"})
    void classifiersBeatTheTrivialBaselineOnLaterYears(String trainer) {
        ModelSpec spec = ArrestsData.model(trainer, "released", FEATURES);
        TrainerDefinition def = TrainerCatalog.find(trainer).orElseThrow();
        Split split = Split.of(DATA.table(), spec.split());
        MutableDataset<?> train = TribuoData.dataset(DATA, spec, def.kind(), split.train(), "train");
        MutableDataset<?> test = TribuoData.dataset(DATA, spec, def.kind(), split.test(), "test");
        Model<?> model = def.create(def.settings(Map.of(), (k, m) -> {
            throw new AssertionError(m);
        })).train((MutableDataset) train);
        Map<String, Double> metrics = ModelEvaluator.evaluate(model, test, def.kind(), "Yes");
        assertThat(metrics).containsKeys("accuracy", "precision", "recall", "f1", "macro_f1");
        assertThat(metrics.get("accuracy")).isBetween(0.75, 1.0);
        if (model.generatesProbabilities()) {
            // AUC needs scores that rank; Tribuo's CART gives hard votes, so it has none
            assertThat(metrics.get("auc")).isGreaterThan(0.6);
        } else {
            assertThat(metrics).doesNotContainKey("auc");
        }
        assertThat(metrics.get("test_rows")).isEqualTo(split.test().length);
    }

    @ParameterizedTest
    @ValueSource(strings = {"linear-regression", "cart-regressor", "xgboost-regressor"})
    void regressorsPredictAgeBetterThanTheMean(String trainer) {
        ModelSpec spec = ArrestsData.model(trainer, "checks", List.of("age", "sex", "employed", "citizen", "colour"));
        TrainerDefinition def = TrainerCatalog.find(trainer).orElseThrow();
        assertThat(def.kind()).isEqualTo(TaskKind.REGRESSION);
        Split split = Split.of(DATA.table(), spec.split());
        Model<?> model = def.create(def.settings(Map.of(), (k, m) -> {
            throw new AssertionError(m);
        })).train((MutableDataset) TribuoData.dataset(DATA, spec, def.kind(), split.train(), "train"));
        Map<String, Double> metrics = ModelEvaluator.evaluate(model,
                TribuoData.dataset(DATA, spec, def.kind(), split.test(), "test"), def.kind(), null);
        assertThat(metrics).containsKeys("rmse", "mae", "r2");
        assertThat(metrics.get("rmse")).isPositive();
        assertThat(metrics.get("r2")).isGreaterThan(0.0);
    }

    @Test
    void hyperparametersAreCheckedByNameTypeAndBound() {
        TrainerDefinition xgb = TrainerCatalog.find("xgboost").orElseThrow();
        List<String> problems = new ArrayList<>();
        TrainerSettings s = xgb.settings(Map.of("rounds", "20", "max_depth", 2.5, "etaa", 1, "eta", -1),
                (k, m) -> problems.add(k + ": " + m));
        assertThat(s.integer("rounds")).isEqualTo(20);
        assertThat(problems).containsExactlyInAnyOrder(
                "max_depth: expected a whole number >= 1, got 2.5",
                "eta: expected a number >= 0.0, got -1",
                "etaa: unknown hyperparameter 'etaa' for trainer xgboost; expected one of: rounds, eta, max_depth,"
                        + " min_child_weight, subsample, colsample, threads, seed");
    }

    @Test
    void protobufRoundTripKeepsPredictionsAndProvenance() throws Exception {
        ModelSpec spec = ArrestsData.model("logistic-regression", "released", FEATURES);
        TrainerDefinition def = TrainerCatalog.find("logistic-regression").orElseThrow();
        Split split = Split.of(DATA.table(), spec.split());
        MutableDataset<?> test = TribuoData.dataset(DATA, spec, def.kind(), split.test(), "test");
        Model<?> model = def.create(def.settings(Map.of(), (k, m) -> {
        })).train((MutableDataset) TribuoData.dataset(DATA, spec, def.kind(), split.train(), "train"));
        Path file = ModelFiles.saveTemp(model, dir);
        Model<?> back = ModelFiles.load(file);
        List<? extends Prediction<?>> a = model.predict((Iterable) test);
        List<? extends Prediction<?>> b = back.predict((Iterable) test);
        for (int i = 0; i < a.size(); i++) {
            assertThat(b.get(i).getOutput().toString()).isEqualTo(a.get(i).getOutput().toString());
        }
        assertThat(back.getProvenance().getDatasetProvenance().toString()).contains("sha256=" + DATA.sha256());
    }

    @Test
    void positiveClassPrefersTheSpecThenConventionalNames() {
        assertThat(ModelEvaluator.positiveClass("No", Set.of("Yes", "No"))).isEqualTo("No");
        assertThat(ModelEvaluator.positiveClass(null, Set.of("Yes", "No"))).isEqualTo("Yes");
        assertThat(ModelEvaluator.positiveClass(null, Set.of("cat", "dog"))).isEqualTo("dog");
    }
}

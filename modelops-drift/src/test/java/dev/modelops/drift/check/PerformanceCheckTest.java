package dev.modelops.drift.check;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modelops.ml.TaskKind;
import dev.modelops.ml.TribuoData;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tribuo.Model;
import org.tribuo.Prediction;

class PerformanceCheckTest {
    @Test
    @SuppressWarnings({"unchecked", "rawtypes"})
    void bootstrapStandardErrorsMatchTheBinomialFormulaForAccuracy() {
        ArrestsFixture f = ArrestsFixture.get();
        var test = TribuoData.dataset(f.data, f.model, TaskKind.CLASSIFICATION, f.split.test(), "test");
        List<Prediction> predictions = ((Model) f.trained).predict((Iterable) test);
        Map<String, Double> se = PerformanceCheck.standardErrors(f.trained, predictions, TaskKind.CLASSIFICATION, "Yes");
        double accuracy = f.testMetrics.get("accuracy");
        double binomial = Math.sqrt(accuracy * (1 - accuracy) / predictions.size());
        assertThat(se.get("accuracy")).isBetween(0.75 * binomial, 1.25 * binomial);
        assertThat(se).containsKeys("f1", "macro_f1", "auc");
        // AUC's error (Hanley and McNeil) is larger than accuracy's on this imbalanced label
        assertThat(se.get("auc")).isGreaterThan(se.get("accuracy"));
    }
}

package dev.modelops.gates;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ConditionTest {
    @Test
    void absoluteBoundsJudgeInBothDirections() {
        assertThat(Condition.parse("accuracy >= 0.80").evaluate(0.8, null).holds()).isTrue();
        assertThat(Condition.parse("accuracy >= 0.80").evaluate(0.7999, null).holds()).isFalse();
        assertThat(Condition.parse("rmse <= 3.2").evaluate(3.3, null).holds()).isFalse();
        assertThat(Condition.parse("rmse <= 3.2").evaluate(3.1, null).holds()).isTrue();
        assertThat(Condition.parse("auc > 0.5").evaluate(0.5, null).holds()).isFalse();
        assertThat(Condition.parse("auc<0.5").evaluate(0.4, null).holds()).isTrue();
        assertThat(Condition.parse("test_rows == 100").evaluate(100, null).holds()).isTrue();
    }

    @Test
    void rangesAndTolerances() {
        Condition di = Condition.parse("disparate_impact in [0.8, 1.25]");
        assertThat(di.evaluate(0.79, null).holds()).isFalse();
        assertThat(di.evaluate(0.8, null).holds()).isTrue();
        assertThat(di.evaluate(1.25, null).holds()).isTrue();
        assertThat(di.evaluate(1.3, null).holds()).isFalse();
        assertThat(di.thresholdText(null)).isEqualTo("in [0.8, 1.25]");
        Condition spd = Condition.parse("statistical_parity_difference within 0.1");
        assertThat(spd.evaluate(-0.1, null).holds()).isTrue();
        assertThat(spd.evaluate(-0.11, null).holds()).isFalse();
        assertThat(spd.evaluate(0.11, null).holds()).isFalse();
        Condition around = Condition.parse("disparate_impact within 0.2 of 1");
        assertThat(around.evaluate(0.81, null).holds()).isTrue();
        assertThat(around.evaluate(0.79, null).holds()).isFalse();
    }

    @Test
    void championBoundsAreAbsoluteRelativeOrMultiplied() {
        Map<String, Double> champion = Map.of("auc", 0.80, "rmse", 2.0);
        Condition absolute = Condition.parse("auc >= champion.auc - 0.01");
        assertThat(absolute.refersToChampion()).isTrue();
        assertThat(absolute.evaluate(0.791, champion).holds()).isTrue();
        assertThat(absolute.evaluate(0.789, champion).holds()).isFalse();
        assertThat(absolute.thresholdText(champion)).isEqualTo(">= champion.auc - 0.01 = 0.7900");
        Condition relative = Condition.parse("auc >= champion.auc - 2%");
        assertThat(relative.evaluate(0.785, champion).holds()).isTrue();
        assertThat(relative.evaluate(0.783, champion).holds()).isFalse();
        Condition lowerIsBetter = Condition.parse("rmse <= champion.rmse * 1.05");
        assertThat(lowerIsBetter.evaluate(2.09, champion).holds()).isTrue();
        assertThat(lowerIsBetter.evaluate(2.11, champion).holds()).isFalse();
        Condition noWorse = Condition.parse("auc >= champion.auc");
        assertThat(noWorse.evaluate(0.8, champion).holds()).isTrue();
    }

    @Test
    void unknownValuesAreNeitherPassNorFail() {
        assertThat(Condition.parse("auc >= 0.7").evaluate(Double.NaN, null).holds()).isNull();
        assertThat(Condition.parse("auc >= champion.auc").evaluate(0.9, Map.of()).holds()).isNull();
    }

    @Test
    void badConditionsSayWhatIsExpected() {
        assertThatThrownBy(() -> Condition.parse("accuracy at least 0.8"))
                .hasMessageContaining("is not a condition").hasMessageContaining("metric >= 0.8");
        assertThatThrownBy(() -> Condition.parse("accuracy >= high"))
                .hasMessageContaining("neither a number nor 'champion.METRIC'");
        assertThatThrownBy(() -> Condition.parse("disparate_impact in [1.25, 0.8]")).hasMessageContaining("empty");
        assertThatThrownBy(() -> Condition.parse("auc >= champion.auc * 2%")).hasMessageContaining("relative change");
        assertThatThrownBy(() -> Condition.parse("")).hasMessageContaining("got nothing");
    }
}

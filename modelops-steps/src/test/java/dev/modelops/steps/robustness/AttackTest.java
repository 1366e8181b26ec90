package dev.modelops.steps.robustness;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tribuo.Model;
import org.tribuo.MutableDataset;
import org.tribuo.classification.Label;

class AttackTest {
    private final MutableDataset<Label> train = SyntheticData.blobs(600, 8, 3, 1.5, 1);
    private final MutableDataset<Label> test = SyntheticData.blobs(90, 8, 3, 1.5, 2);
    private final Model<Label> model = SyntheticData.logistic(train);
    private final TribuoScoreFunction tribuo = new TribuoScoreFunction(model);
    private final LinearScoreFunction linear = LinearScoreFunction.of(model).orElseThrow();
    private final DenseData trainRows = DenseData.of(model, train);
    private final DenseData testRows = DenseData.of(model, test);
    private final FeatureSpace space = SyntheticData.space(model, trainRows);

    @Test
    void closedFormOfTheLinearModelAgreesWithTribuo() {
        double[][] a = tribuo.scores(testRows.rows());
        double[][] b = linear.scores(testRows.rows());
        for (int i = 0; i < a.length; i++) {
            for (int c = 0; c < a[i].length; c++) {
                assertThat(b[i][c]).isCloseTo(a[i][c], org.assertj.core.data.Offset.offset(1e-9));
            }
        }
    }

    @Test
    void exactLinearAttackFindsTheBoundaryExactly() {
        LinearAttack attack = new LinearAttack(linear, space);
        int checked = 0;
        for (int i = 0; i < testRows.size(); i++) {
            double[] x = testRows.rows()[i];
            int label = testRows.labels()[i];
            if (tribuo.predict(x) != label) {
                continue;
            }
            Attack.Result r = attack.attack(x, label);
            assertThat(r.distance()).isPositive().isFinite();
            // the returned point (just past the boundary) is misclassified by Tribuo itself
            assertThat(tribuo.predict(r.adversarial())).isNotEqualTo(label);
            assertThat(space.distance(x, r.adversarial())).isCloseTo(r.distance(),
                    org.assertj.core.data.Offset.offset(1e-6 * r.distance() + 1e-9));
            // a step of 99.9% of the distance in the same direction is still classified correctly
            double[] inside = FeatureSpace.blend(x, r.adversarial(), 0.999);
            assertThat(tribuo.predict(inside)).isEqualTo(label);
            checked++;
        }
        assertThat(checked).isGreaterThan(50);
    }

    @Test
    void queryAttackComesCloseToTheExactMinimumWithoutSeeingTheModel() {
        LinearAttack exact = new LinearAttack(linear, space);
        HopSkipJumpAttack hsj = new HopSkipJumpAttack(tribuo, space, HopSkipJumpAttack.Settings.defaults(5),
                Arrays.asList(trainRows.rows()));
        List<Double> ratios = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            double[] x = testRows.rows()[i];
            int label = testRows.labels()[i];
            if (tribuo.predict(x) != label) {
                continue;
            }
            double minimum = exact.attack(x, label).distance();
            Attack.Result found = hsj.attack(x, label);
            assertThat(tribuo.predict(found.adversarial())).isNotEqualTo(label);
            // the exact minimum ignores clipping, the attack respects it, so it can only be further away
            assertThat(found.distance()).isGreaterThanOrEqualTo(minimum * 0.999);
            ratios.add(found.distance() / minimum);
        }
        double[] sorted = ratios.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        assertThat(sorted.length).isGreaterThan(15);
        assertThat(sorted[sorted.length / 2]).as("median ratio of found to minimal perturbation").isLessThan(1.2);
    }

    @Test
    void sameSettingsGiveTheSameReport() {
        RobustnessSettings settings = new RobustnessSettings(0.3, 0.2, "hopskipjump", 8, 6, 4, 1.0, 1.0, 1, 11);
        List<double[]> anchors = Arrays.asList(trainRows.rows());
        RobustnessReport a = new RobustnessAnalyzer(settings).measure(tribuo, space, testRows, anchors);
        RobustnessReport b = new RobustnessAnalyzer(settings).measure(tribuo, space, testRows, anchors);
        assertThat(a).isEqualTo(b);
        assertThat(a.attack()).isEqualTo("hopskipjump");
        assertThat(a.attackedPoints()).isEqualTo(8);
        assertThat(a.adversarialAccuracy()).isBetween(0.0, a.cleanAccuracy() + 0.2);
        assertThat(a.cleverMin()).isLessThanOrEqualTo(a.cleverMean());
    }
}

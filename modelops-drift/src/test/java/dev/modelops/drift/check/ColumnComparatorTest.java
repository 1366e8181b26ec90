package dev.modelops.drift.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelops.drift.profile.ColumnProfile;
import dev.modelops.drift.profile.ColumnRole;
import dev.modelops.drift.stats.EmpiricalDistribution;
import dev.modelops.drift.stats.TwoSampleTests;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ColumnComparatorTest {
    private static final java.util.function.BiConsumer<String, String> FAIL = (k, m) -> {
        throw new IllegalArgumentException(k + ": " + m);
    };

    private static ColumnProfile numeric(String name, double[] values) {
        ColumnProfile c = ColumnProfile.numeric(name, ColumnRole.FEATURE);
        for (double v : values) {
            c.numeric().add(v);
        }
        return c;
    }

    private static double[] gaussian(long seed, int n, double mean, double sd) {
        Random r = new Random(seed);
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = mean + sd * r.nextGaussian();
        }
        return x;
    }

    private static ColumnProfile categorical(String name, Map<String, Integer> counts) {
        ColumnProfile c = ColumnProfile.categorical(name, ColumnRole.FEATURE);
        counts.forEach((k, n) -> c.categories().add(k, n));
        return c;
    }

    @Test
    void aSmallReferenceIsJudgedFirstByKsAndALargeOneByNormedWasserstein() {
        ColumnProfile cur = numeric("x", gaussian(2, 800, 0.5, 1));
        ColumnDrift small = ColumnComparator.compare(numeric("x", gaussian(1, 1000, 0, 1)), cur, DriftSettings.defaults());
        assertThat(small.method()).isEqualTo("ks");
        assertThat(small.statistic()).isEqualTo(small.ksPValue());
        assertThat(small.threshold()).isEqualTo(0.05, org.assertj.core.api.Assertions.within(1e-12));
        ColumnDrift large = ColumnComparator.compare(numeric("x", gaussian(1, 1001, 0, 1)), cur, DriftSettings.defaults());
        assertThat(large.method()).isEqualTo("wasserstein");
        assertThat(large.statistic()).isEqualTo(large.wassersteinNormed());
        // a half standard deviation shift is drift either way: large effect, tiny p-value
        assertThat(small.drift()).isTrue();
        assertThat(large.drift()).isTrue();
        assertThat(large.wassersteinNormed()).isBetween(0.4, 0.6);
    }

    @Test
    void aTinyShiftOnAHugeSampleIsSignificantButNotDrift() {
        ColumnProfile ref = numeric("x", gaussian(1, 200_000, 0, 1));
        ColumnProfile cur = numeric("x", gaussian(2, 200_000, 0.03, 1));
        ColumnDrift c = ColumnComparator.compare(ref, cur, DriftSettings.defaults());
        assertThat(c.ksPValue()).isLessThan(0.05);
        assertThat(c.wassersteinNormed()).isLessThan(0.1);
        assertThat(c.drift()).isFalse();
        assertThat(c.reason()).contains("normed Wasserstein").contains("< 0.1").contains("KS p");
        // judged by the p-value alone (Evidently's small-reference rule), the same data would be drift
        DriftSettings ksOnly = DriftSettings.defaults().withColumn("x", new DriftSettings.ColumnRule(DriftMethod.KS, null));
        assertThat(ColumnComparator.compare(ref, cur, ksOnly).drift()).isTrue();
    }

    @Test
    void aLargeEffectOnAFewRowsIsNotDriftWithoutSignificance() {
        ColumnProfile ref = numeric("x", gaussian(1, 5000, 0, 1));
        ColumnProfile cur = numeric("x", new double[] {0.4, -0.2, 1.3, 0.1, 0.9, -0.7, 0.5});
        ColumnDrift c = ColumnComparator.compare(ref, cur, DriftSettings.defaults());
        assertThat(c.wassersteinNormed()).isGreaterThanOrEqualTo(0.1);
        assertThat(c.ksPValue()).isGreaterThan(0.05);
        assertThat(c.drift()).isFalse();
    }

    @Test
    void categoricalColumnsUseChiSquareOrZTestForSmallReferencesAndJensenShannonForLarge() {
        ColumnProfile cur = categorical("c", Map.of("a", 300, "b", 500, "c", 200));
        ColumnDrift three = ColumnComparator.compare(categorical("c", Map.of("a", 300, "b", 300, "c", 300)), cur,
                DriftSettings.defaults());
        assertThat(three.method()).isEqualTo("chisquare");
        assertThat(three.type()).isEqualTo("categorical");
        ColumnDrift binary = ColumnComparator.compare(categorical("c", Map.of("a", 400, "b", 400)),
                categorical("c", Map.of("a", 200, "b", 600)), DriftSettings.defaults());
        assertThat(binary.method()).isEqualTo("ztest");
        assertThat(binary.zTestPValue()).isNotNull();
        ColumnDrift large = ColumnComparator.compare(categorical("c", Map.of("a", 3000, "b", 3000, "c", 3000)), cur,
                DriftSettings.defaults());
        assertThat(large.method()).isEqualTo("jensenshannon");
        assertThat(large.jensenShannon()).isEqualTo(TwoSampleTests.jensenShannon(new double[] {1 / 3.0, 1 / 3.0, 1 / 3.0},
                new double[] {0.3, 0.5, 0.2}));
    }

    @Test
    void aNewCategoryCountsAsMassWhereTheReferenceHadNone() {
        ColumnDrift c = ColumnComparator.compare(categorical("c", Map.of("a", 5000, "b", 5000)),
                categorical("c", Map.of("a", 400, "b", 400, "z", 200)), DriftSettings.defaults());
        assertThat(c.histogram().labels()).containsExactly("a", "b", "z");
        assertThat(c.histogram().reference()).containsExactly(0.5, 0.5, 0.0);
        assertThat(c.drift()).isTrue();
        // PSI counts the empty reference bin as 0.0001 (Evidently)
        assertThat(c.psi()).isGreaterThan(1.0);
    }

    @Test
    void aNumericColumnWithAtMostFiveValuesIsJudgedAsCategories() {
        double[] ref = new double[600];
        double[] cur = new double[600];
        for (int i = 0; i < 600; i++) {
            ref[i] = i % 4;
            cur[i] = i % 5 == 0 ? 0 : i % 4;
        }
        ColumnDrift c = ColumnComparator.compare(numeric("k", ref), numeric("k", cur), DriftSettings.defaults());
        assertThat(c.type()).isEqualTo("discrete");
        assertThat(c.method()).isEqualTo("chisquare");
        assertThat(c.histogram().labels()).containsExactly("0", "1", "2", "3");
        assertThat(c.ksStatistic()).isNotNull();
        double[] six = new double[600];
        for (int i = 0; i < 600; i++) {
            six[i] = i % 6;
        }
        assertThat(ColumnComparator.compare(numeric("k", six), numeric("k", cur), DriftSettings.defaults()).type())
                .isEqualTo("numeric");
    }

    @Test
    void anExplicitMethodDecidesAloneWithItsOwnThreshold() {
        ColumnProfile ref = numeric("x", gaussian(1, 3000, 0, 1));
        ColumnProfile cur = numeric("x", gaussian(2, 3000, 0.2, 1));
        ColumnDrift psiDefault = ColumnComparator.compare(ref, cur,
                DriftSettings.defaults().withColumn("x", new DriftSettings.ColumnRule(DriftMethod.PSI, null)));
        assertThat(psiDefault.method()).isEqualTo("psi");
        assertThat(psiDefault.threshold()).isEqualTo(0.1);
        assertThat(psiDefault.drift()).isEqualTo(psiDefault.psi() >= 0.1);
        ColumnDrift lenient = ColumnComparator.compare(ref, cur,
                DriftSettings.defaults().withColumn("x", new DriftSettings.ColumnRule(DriftMethod.WASSERSTEIN, 0.5)));
        assertThat(lenient.threshold()).isEqualTo(0.5);
        assertThat(lenient.drift()).isFalse();
        ColumnDrift strict = ColumnComparator.compare(ref, cur,
                DriftSettings.defaults().withColumn("x", new DriftSettings.ColumnRule(DriftMethod.WASSERSTEIN, 0.05)));
        assertThat(strict.drift()).isTrue();
    }

    @Test
    void columnsWithoutValuesAreSkippedWithAReason() {
        ColumnProfile ref = numeric("x", gaussian(1, 100, 0, 1));
        ColumnProfile empty = ColumnProfile.numeric("x", ColumnRole.FEATURE);
        empty.numeric().addMissing();
        ColumnDrift c = ColumnComparator.compare(ref, empty, DriftSettings.defaults());
        assertThat(c.skipped()).isEqualTo("every current value is missing");
        assertThat(c.drift()).isFalse();
        assertThat(c.currentMissingShare()).isEqualTo(1.0);
        ColumnDrift ks = ColumnComparator.compare(categorical("c", Map.of("a", 1)), categorical("c", Map.of("a", 1)),
                DriftSettings.defaults().withColumn("c", new DriftSettings.ColumnRule(DriftMethod.KS, null)));
        assertThat(ks.skipped()).isEqualTo("ks needs a numeric column");
    }

    @Test
    void histogramsOfNumericColumnsHaveEqualWidthBinsOverBothRanges() {
        ColumnDrift c = ColumnComparator.compare(numeric("x", new double[] {0, 1, 2, 3, 4, 5, 6, 7}),
                numeric("x", new double[] {10, 12, 14, 16, 18, 20, 19, 17}), DriftSettings.defaults());
        assertThat(c.histogram().edges()).hasSize(11);
        assertThat(c.histogram().edges().get(0)).isEqualTo(0.0);
        assertThat(c.histogram().edges().get(10)).isEqualTo(20.0);
        List<Double> ref = new ArrayList<>(c.histogram().reference());
        assertThat(ref.stream().mapToDouble(Double::doubleValue).sum()).isCloseTo(1.0,
                org.assertj.core.api.Assertions.within(1e-12));
        assertThat(c.wasserstein()).isCloseTo(TwoSampleTests.wasserstein(
                EmpiricalDistribution.ofValues(new double[] {0, 1, 2, 3, 4, 5, 6, 7}),
                EmpiricalDistribution.ofValues(new double[] {10, 12, 14, 16, 18, 20, 19, 17})),
                org.assertj.core.api.Assertions.within(1e-12));
    }

    @Test
    void settingsLayerAndRejectBadValuesByKey() {
        DriftSettings s = DriftSettings.defaults().with(Map.of("threshold", "0.2", "checks", "features, domain",
                "bins", 20), FAIL);
        assertThat(s.threshold()).isEqualTo(0.2);
        assertThat(s.bins()).isEqualTo(20);
        assertThat(s.runs(DriftCheckKind.DOMAIN)).isTrue();
        assertThat(s.runs(DriftCheckKind.PERFORMANCE)).isFalse();
        assertThat(s.confidence()).isEqualTo(0.95);
        assertThatThrownBy(() -> DriftSettings.defaults().with(Map.of("confidence", 1.5), FAIL))
                .hasMessage("confidence: expected a number > 0 and < 1, got 1.5");
        assertThatThrownBy(() -> DriftSettings.defaults().with(Map.of("bins", 2.5), FAIL))
                .hasMessage("bins: expected a whole number, got 2.5");
        assertThatThrownBy(() -> DriftSettings.defaults().with(Map.of("checks", "features,weather"), FAIL))
                .hasMessageContaining("unknown check 'weather'");
        assertThatThrownBy(() -> DriftSettings.defaults().with(Map.of("treshold", 0.1), FAIL))
                .hasMessageStartingWith("treshold: unknown drift setting");
        assertThatThrownBy(() -> DriftSettings.defaults().with(Map.of("domain_auc", 0.4), FAIL))
                .hasMessageContaining("domain_auc");
    }
}

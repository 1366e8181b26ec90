package dev.modelops.drift.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.modelops.core.InputError;
import dev.modelops.drift.stats.EmpiricalDistribution;
import dev.modelops.drift.stats.TwoSampleTests;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ProfileTest {
    @Test
    void numericSummaryHasExactStatistics() {
        double[] x = {3, 1, 4, 1, 5, 9, 2, 6, Double.NaN, 5, 3};
        NumericSummary s = new NumericSummary();
        Arrays.stream(x).forEach(s::add);
        double[] v = Arrays.stream(x).filter(d -> !Double.isNaN(d)).toArray();
        double mean = Arrays.stream(v).average().orElseThrow();
        double var = Arrays.stream(v).map(d -> (d - mean) * (d - mean)).sum() / (v.length - 1);
        assertThat(s.count()).isEqualTo(10);
        assertThat(s.missing()).isEqualTo(1);
        assertThat(s.mean()).isCloseTo(mean, within(1e-12));
        assertThat(s.variance()).isCloseTo(var, within(1e-12));
        assertThat(s.min()).isEqualTo(1);
        assertThat(s.max()).isEqualTo(9);
        assertThat(s.distinctValues()).isEqualTo(7);
        assertThat(s.exactValuesSorted()).containsExactly(1, 2, 3, 4, 5, 6, 9);
        assertThat(s.exactCounts()).containsExactly(2, 1, 2, 1, 2, 1, 1);
    }

    @Test
    void mergedPartitionsEqualTheWhole() {
        Random r = new Random(11);
        NumericSummary whole = new NumericSummary();
        NumericSummary[] parts = {new NumericSummary(), new NumericSummary(), new NumericSummary()};
        CategoryCounts wholeCats = new CategoryCounts();
        CategoryCounts[] partCats = {new CategoryCounts(), new CategoryCounts(), new CategoryCounts()};
        for (int i = 0; i < 30_000; i++) {
            double v = i % 97 == 0 ? Double.NaN : Math.round(50 + 10 * r.nextGaussian());
            whole.add(v);
            parts[i % 3].add(v);
            String c = i % 50 == 0 ? null : "c" + r.nextInt(7);
            wholeCats.add(c);
            partCats[i % 3].add(c);
        }
        NumericSummary merged = parts[0];
        merged.merge(parts[1]);
        merged.merge(parts[2]);
        assertThat(merged.count()).isEqualTo(whole.count());
        assertThat(merged.missing()).isEqualTo(whole.missing());
        assertThat(merged.mean()).isCloseTo(whole.mean(), within(1e-9));
        assertThat(merged.variance()).isCloseTo(whole.variance(), within(1e-7));
        assertThat(merged.min()).isEqualTo(whole.min());
        assertThat(merged.max()).isEqualTo(whole.max());
        assertThat(merged.exactValuesSorted()).containsExactly(whole.exactValuesSorted());
        assertThat(merged.exactCounts()).containsExactly(whole.exactCounts());
        partCats[0].merge(partCats[1]);
        partCats[0].merge(partCats[2]);
        assertThat(partCats[0].counts()).isEqualTo(wholeCats.counts());
        assertThat(partCats[0].missing()).isEqualTo(wholeCats.missing());
    }

    @Test
    void continuousColumnsFallBackToTheSketchWithinItsRankError() {
        Random r = new Random(7);
        int n = 200_000;
        double[] a = new double[n];
        double[] b = new double[n];
        NumericSummary sa = new NumericSummary();
        NumericSummary sb = new NumericSummary();
        for (int i = 0; i < n; i++) {
            a[i] = r.nextGaussian();
            b[i] = 0.05 + 1.1 * r.nextGaussian();
            sa.add(a[i]);
            sb.add(b[i]);
        }
        assertThat(sa.hasExactValues()).isFalse();
        assertThat(sa.distinctValues()).isEqualTo(-1);
        double exactD = TwoSampleTests.ksStatistic(EmpiricalDistribution.ofValues(a), EmpiricalDistribution.ofValues(b));
        double sketchD = TwoSampleTests.ksStatistic(sa.distribution(), sb.distribution());
        double bound = sa.sketchRankError() + sb.sketchRankError();
        assertThat(Math.abs(sketchD - exactD)).isLessThanOrEqualTo(bound);
        double exactW = TwoSampleTests.wasserstein(EmpiricalDistribution.ofValues(a), EmpiricalDistribution.ofValues(b));
        double sketchW = TwoSampleTests.wasserstein(sa.distribution(), sb.distribution());
        assertThat(sketchW).isCloseTo(exactW, within(0.01 * 1.05)); // rank error times the spread of the data
        assertThat(sa.distribution().exact()).isFalse();
    }

    @Test
    void sketchErrorIsNotReadAsASignificantDifference() {
        Random r = new Random(21);
        NumericSummary a = new NumericSummary();
        NumericSummary b = new NumericSummary();
        for (int i = 0; i < 1_000_000; i++) {
            a.add(r.nextGaussian());
            b.add(r.nextGaussian());
        }
        EmpiricalDistribution da = a.distribution();
        // a p-value counts no more observations than the sketch resolves: 0.925 / rankError^2
        assertThat(da.effectiveN()).isEqualTo((long) Math.floor(0.925 / Math.pow(a.sketchRankError(), 2)))
                .isLessThan(1_000_000);
        TwoSampleTests.Ks ks = TwoSampleTests.ks(da, b.distribution());
        assertThat(ks.pValue()).isGreaterThan(0.05);
        // with the nominal million rows, the same sketched D would look significant
        assertThat(TwoSampleTests.ksPValue(ks.statistic(), 1_000_000, 1_000_000)).isLessThan(ks.pValue());
    }

    @Test
    void codecRoundTripsAProfileByteForByte() {
        DataProfile p = new DataProfile(java.util.List.of(ColumnProfile.numeric("age", ColumnRole.FEATURE),
                ColumnProfile.numeric("income", ColumnRole.FEATURE), ColumnProfile.categorical("sex", ColumnRole.FEATURE),
                ColumnProfile.categorical("prediction", ColumnRole.PREDICTION)));
        Random r = new Random(1);
        for (int i = 0; i < 50_000; i++) {
            p.column("age").orElseThrow().numeric().add(18 + r.nextInt(60));
            p.column("income").orElseThrow().numeric().add(i % 10 == 0 ? Double.NaN : 1000 * r.nextGaussian());
            p.column("sex").orElseThrow().categories().add(r.nextBoolean() ? "Male" : i % 3 == 0 ? null : "Female");
            p.column("prediction").orElseThrow().categories().add(r.nextBoolean() ? "Yes" : "No");
        }
        p.addRows(50_000);
        ProfileSource source = new ProfileSource("m", 3, "id", "sha", "CLASSIFICATION", java.util.List.of("age", "sex"),
                "released", "Yes", "arrests", "did", "/data/a.csv", "dsha", "year <= 1999", null, 42L, "train where ...");
        byte[] bytes = ProfileCodec.write(new ReferenceProfile(source, p));
        ReferenceProfile back = ProfileCodec.read(bytes, "p.json");
        assertThat(back.source()).isEqualTo(source);
        assertThat(ProfileCodec.write(back)).isEqualTo(bytes);
        NumericSummary age = back.profile().column("age").orElseThrow().numeric();
        assertThat(age.hasExactValues()).isTrue();
        assertThat(age.count()).isEqualTo(50_000);
        NumericSummary income = back.profile().column("income").orElseThrow().numeric();
        assertThat(income.hasExactValues()).isFalse();
        assertThat(income.missing()).isEqualTo(5_000);
        assertThat(back.profile().column("sex").orElseThrow().categories().counts())
                .isEqualTo(p.column("sex").orElseThrow().categories().counts());
        // a restored profile still merges
        back.profile().merge(ProfileCodec.read(bytes, "p.json").profile());
        assertThat(back.profile().rows()).isEqualTo(100_000);
        assertThat(back.profile().column("income").orElseThrow().numeric().count()).isEqualTo(90_000);
    }

    @Test
    void aFileThatIsNotAProfileIsAnInputError() {
        assertThatThrownBy(() -> ProfileCodec.read("{\"a\": 1}".getBytes(), "x.json"))
                .isInstanceOf(InputError.class).hasMessageContaining("x.json").hasMessageContaining("not a drift profile");
        assertThatThrownBy(() -> ProfileCodec.read("{".getBytes(), "y.json"))
                .isInstanceOf(InputError.class).hasMessageContaining("y.json");
    }
}

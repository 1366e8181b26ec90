package dev.modelops.drift.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.Random;
import org.hipparchus.stat.inference.ChiSquareTest;
import org.hipparchus.stat.inference.KolmogorovSmirnovTest;
import org.junit.jupiter.api.Test;

class TwoSampleTestsTest {
    private static double[] gaussian(Random r, int n, double mean, double sd) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = mean + sd * r.nextGaussian();
        }
        return x;
    }

    @Test
    void ksStatisticAndPValueAgreeWithHipparchusOnRawSamples() {
        Random r = new Random(3);
        KolmogorovSmirnovTest hip = new KolmogorovSmirnovTest();
        int[][] sizes = {{40, 60}, {80, 100}, {500, 700}, {3000, 2000}};
        for (int[] size : sizes) {
            double[] a = gaussian(r, size[0], 0, 1);
            double[] b = gaussian(r, size[1], 0.3, 1.2);
            TwoSampleTests.Ks ks = TwoSampleTests.ks(EmpiricalDistribution.ofValues(a), EmpiricalDistribution.ofValues(b));
            assertThat(ks.statistic()).isCloseTo(hip.kolmogorovSmirnovStatistic(a, b), within(1e-12));
            assertThat(ks.pValue()).isCloseTo(hip.kolmogorovSmirnovTest(a, b), within(1e-9));
        }
    }

    @Test
    void ksOfIdenticalSamplesIsZeroAndOfDisjointSamplesIsOne() {
        double[] a = {1, 2, 3, 4, 5};
        double[] b = {10, 11, 12};
        assertThat(TwoSampleTests.ksStatistic(EmpiricalDistribution.ofValues(a), EmpiricalDistribution.ofValues(a)))
                .isZero();
        assertThat(TwoSampleTests.ksStatistic(EmpiricalDistribution.ofValues(a), EmpiricalDistribution.ofValues(b)))
                .isEqualTo(1.0);
    }

    @Test
    void wassersteinOfEqualSizedSamplesIsTheMeanGapOfSortedValues() {
        Random r = new Random(5);
        double[] a = gaussian(r, 1000, 0, 1);
        double[] b = gaussian(r, 1000, 0.5, 2);
        double[] sa = a.clone();
        double[] sb = b.clone();
        Arrays.sort(sa);
        Arrays.sort(sb);
        double expected = 0;
        for (int i = 0; i < sa.length; i++) {
            expected += Math.abs(sa[i] - sb[i]);
        }
        expected /= sa.length;
        assertThat(TwoSampleTests.wasserstein(EmpiricalDistribution.ofValues(a), EmpiricalDistribution.ofValues(b)))
                .isCloseTo(expected, within(1e-9));
        // a pure shift moves every unit of mass by the shift
        double[] shifted = Arrays.stream(a).map(v -> v + 3).toArray();
        assertThat(TwoSampleTests.wasserstein(EmpiricalDistribution.ofValues(a), EmpiricalDistribution.ofValues(shifted)))
                .isCloseTo(3.0, within(1e-9));
    }

    @Test
    void psiAndJensenShannonOfATenPointShiftInABinaryColumn() {
        double[] ref = {0.5, 0.5};
        double[] cur = {0.6, 0.4};
        // (0.6-0.5)ln(1.2) + (0.4-0.5)ln(0.8)
        assertThat(TwoSampleTests.psi(ref, cur)).isCloseTo(0.1 * Math.log(1.2) - 0.1 * Math.log(0.8), within(1e-12));
        double m0 = 0.55;
        double m1 = 0.45;
        double jsd = 0.5 * (0.5 * Math.log(0.5 / m0) + 0.5 * Math.log(0.5 / m1))
                + 0.5 * (0.6 * Math.log(0.6 / m0) + 0.4 * Math.log(0.4 / m1));
        assertThat(TwoSampleTests.jensenShannon(ref, cur)).isCloseTo(Math.sqrt(jsd), within(1e-12));
        assertThat(TwoSampleTests.jensenShannon(ref, ref)).isZero();
        assertThat(TwoSampleTests.jensenShannon(new double[] {1, 0}, new double[] {0, 1}))
                .isCloseTo(Math.sqrt(Math.log(2)), within(1e-12));
    }

    @Test
    void psiTreatsEmptyBinsAsOneInTenThousand() {
        double psi = TwoSampleTests.psi(new double[] {1.0, 0.0}, new double[] {0.5, 0.5});
        double expected = (0.5 - 1.0) * Math.log(0.5 / 1.0) + (0.5 - 0.0001) * Math.log(0.5 / 0.0001);
        assertThat(psi).isCloseTo(expected, within(1e-12));
    }

    @Test
    void chiSquareIsHipparchusHomogeneityTestAndDropsCategoriesEmptyInBoth() {
        long[] a = {95, 110, 0, 93};
        long[] b = {40, 160, 0, 70};
        assertThat(TwoSampleTests.chiSquarePValue(a, b)).isCloseTo(new ChiSquareTest()
                .chiSquareTestDataSetsComparison(new long[] {95, 110, 93}, new long[] {40, 160, 70}), within(1e-15));
        assertThat(TwoSampleTests.chiSquarePValue(new long[] {10, 0}, new long[] {5, 0})).isEqualTo(1.0);
    }

    @Test
    void zTestMatchesTheTextbookTwoProportionTest() {
        // 60/100 against 45/100: pooled p 0.525, z = 0.15 / sqrt(0.525*0.475*0.02) = 2.1240
        double p = TwoSampleTests.proportionsZTestPValue(60, 100, 45, 100);
        assertThat(p).isCloseTo(0.03367, within(1e-4));
        assertThat(TwoSampleTests.proportionsZTestPValue(50, 100, 50, 100)).isCloseTo(1.0, within(1e-12));
    }

    @Test
    void binSharesFollowNumpyHistogramEdges() {
        EmpiricalDistribution d = EmpiricalDistribution.ofValues(new double[] {0, 1, 1, 2, 3, 4});
        double[] edges = TwoSampleTests.equalWidthEdges(0, 4, 4);
        // [0,1) [1,2) [2,3) [3,4] -> 1, 2, 1, 2 values
        assertThat(d.binShares(edges)).containsExactly(new double[] {1 / 6.0, 2 / 6.0, 1 / 6.0, 2 / 6.0}, within(1e-12));
    }
}

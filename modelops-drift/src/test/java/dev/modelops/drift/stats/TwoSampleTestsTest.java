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
    void ksStatisticAgreesWithHipparchusOnRawSamples() {
        Random r = new Random(3);
        KolmogorovSmirnovTest hip = new KolmogorovSmirnovTest();
        int[][] sizes = {{40, 60}, {80, 100}, {500, 700}, {3000, 2000}};
        for (int[] size : sizes) {
            double[] a = gaussian(r, size[0], 0, 1);
            double[] b = gaussian(r, size[1], 0.3, 1.2);
            TwoSampleTests.Ks ks = TwoSampleTests.ks(EmpiricalDistribution.ofValues(a), EmpiricalDistribution.ofValues(b));
            assertThat(ks.statistic()).isCloseTo(hip.kolmogorovSmirnovStatistic(a, b), within(1e-12));
        }
    }

    /*
     * Expected D and p-values below were computed by scipy's ks_2samp (Debian's python3-scipy
     * 1.10.1) with
     *     /usr/bin/python3 modelops-drift/src/test/python/ks_2samp_expectations.py
     * ks_2samp's default ('auto') is the exact distribution for max(n, m) <= 10,000, P(D >= d).
     */

    private static TwoSampleTests.Ks ks(double[] x, double[] y) {
        return TwoSampleTests.ks(EmpiricalDistribution.ofValues(x), EmpiricalDistribution.ofValues(y));
    }

    @Test
    void smallSampleKsPValuesAreScipysExactPValues() {
        // a strict P(D > d) gives 0.238 here: the observed D must count as extreme
        TwoSampleTests.Ks reviewer = ks(new double[] {.1, .4, .7, 1.3, 2.1}, new double[] {.5, .9, 1.5, 2.5, 3, 3.3});
        assertThat(reviewer.statistic()).isEqualTo(0.5);
        assertThat(reviewer.pValue()).isCloseTo(0.35714285714285715, within(1e-12));
        TwoSampleTests.Ks ties = ks(new double[] {1, 2, 2, 3, 3, 3, 4, 5}, new double[] {3, 4, 4, 5, 5, 6, 6, 7, 8});
        assertThat(ties.statistic()).isCloseTo(0.6388888888888888, within(1e-12));
        assertThat(ties.pValue()).isCloseTo(0.04689428218839984, within(1e-12));
        TwoSampleTests.Ks disjoint = ks(new double[] {1, 2, 3, 4}, new double[] {5, 6, 7});
        assertThat(disjoint.statistic()).isEqualTo(1.0);
        assertThat(disjoint.pValue()).isCloseTo(0.05714285714285715, within(1e-12));
        assertThat(ks(new double[] {1}, new double[] {2, 3}).pValue()).isCloseTo(0.6666666666666666, within(1e-12));
    }

    /** x_i = i / n, y_j = j / m * scale + shift (the same doubles as in the Python script). */
    private static TwoSampleTests.Ks grid(int n, int m, double scale, double shift) {
        double[] x = new double[n];
        double[] y = new double[m];
        for (int i = 0; i < n; i++) {
            x[i] = (double) i / n;
        }
        for (int j = 0; j < m; j++) {
            y[j] = (double) j / m * scale + shift;
        }
        return ks(x, y);
    }

    @Test
    void ksPValuesBelowTenThousandPairsAreScipysExactPValues() {
        // {n, m, scale, shift, scipy D, scipy p}; n * m < 10,000: exact on both sides
        double[][] cases = {
                {10, 12, 1.0, 0.3, 0.38333333333333336, 0.3182699653287888},
                {20, 25, 1.2, 0.1, 0.28, 0.2933789985549772},
                {40, 60, 1.0, 0.12, 0.14166666666666666, 0.6864472539108359},
                {80, 100, 1.1, 0.05, 0.145, 0.28079703437111664},
                {99, 100, 1.0, 0.1, 0.11, 0.5229161371872697},
        };
        for (double[] c : cases) {
            TwoSampleTests.Ks ks = grid((int) c[0], (int) c[1], c[2], c[3]);
            assertThat(ks.statistic()).as("D of %s", Arrays.toString(c)).isCloseTo(c[4], within(1e-12));
            assertThat(ks.pValue()).as("p of %s", Arrays.toString(c)).isCloseTo(c[5], within(1e-12));
        }
    }

    @Test
    void mediumSampleKsPValuesAreAsymptoticAndNeverSmallerThanScipysExactOnes() {
        // {n, m, scale, shift, scipy D, scipy p}; n * m >= 10,000: ours is the asymptotic Kolmogorov
        // distribution, scipy's still exact. Ours is at most 1% smaller and 15% larger (fewer alarms,
        // never more); the gap shrinks as the samples grow.
        double[][] cases = {
                {150, 200, 1.0, 0.08, 0.08666666666666667, 0.5161644310215892},
                {100, 150, 1.0, 0.15, 0.16, 0.08585107997449204},
                {500, 700, 1.1, 0.02, 0.11028571428571429, 0.0015225757769972224},
                {1000, 800, 1.0, 0.05, 0.051, 0.19151449100217885},
                {3000, 2000, 1.05, 0.01, 0.05733333333333333, 0.0007277289468764879},
        };
        for (double[] c : cases) {
            TwoSampleTests.Ks ks = grid((int) c[0], (int) c[1], c[2], c[3]);
            assertThat(ks.statistic()).as("D of %s", Arrays.toString(c)).isCloseTo(c[4], within(1e-12));
            assertThat(ks.pValue() / c[5]).as("p %s of %s", ks.pValue(), Arrays.toString(c)).isBetween(0.99, 1.15);
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

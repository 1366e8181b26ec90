package dev.modelops.drift.stats;

import org.hipparchus.distribution.continuous.NormalDistribution;
import org.hipparchus.stat.inference.ChiSquareTest;
import org.hipparchus.stat.inference.KolmogorovSmirnovTest;
import org.hipparchus.util.CombinatoricsUtils;

/**
 * The two-sample statistics drift checks use, computed on {@link EmpiricalDistribution}s and
 * category shares. p-values come from Hipparchus: the KS distribution (exact, P(D >= d) as scipy's
 * {@code ks_2samp}, below n*m = 10,000; Hipparchus's asymptotic Kolmogorov distribution above), the
 * chi-square homogeneity test and the normal distribution for the two-proportion z-test.
 */
public final class TwoSampleTests {
    /** Evidently's stand-in for an empty bin in PSI, so the logarithm stays finite. */
    public static final double EMPTY_BIN_SHARE = 0.0001;
    private static final long KS_EXACT_PRODUCT = 10_000L;

    private TwoSampleTests() {
    }

    /** The two-sample Kolmogorov-Smirnov statistic with its p-value. */
    public record Ks(double statistic, double pValue) {
    }

    /** D = sup |F1 - F2|, evaluated at every support point of either step CDF (where the sup is attained). */
    public static double ksStatistic(EmpiricalDistribution a, EmpiricalDistribution b) {
        double[] x = a.points();
        double[] y = b.points();
        int i = 0;
        int j = 0;
        double d = 0;
        while (i < x.length || j < y.length) {
            double t = j >= y.length || (i < x.length && x[i] <= y[j]) ? x[i] : y[j];
            while (i < x.length && x[i] <= t) {
                i++;
            }
            while (j < y.length && y[j] <= t) {
                j++;
            }
            d = Math.max(d, Math.abs(a.cdf(t) - b.cdf(t)));
        }
        return d;
    }

    /** D and its p-value; a sketched side counts with its {@link EmpiricalDistribution#effectiveN()}. */
    public static Ks ks(EmpiricalDistribution a, EmpiricalDistribution b) {
        double d = ksStatistic(a, b);
        return new Ks(d, ksPValue(d, a.effectiveN(), b.effectiveN()));
    }

    /**
     * P(D >= d) for samples of sizes n and m. Below n*m = 10,000 it is the exact distribution in
     * its non-strict form ({@code strict = false}), as scipy's {@code ks_2samp} computes it: the
     * observed D itself counts as "at least as extreme" (the strict form, Hipparchus's default,
     * gives P(D > d), too small for small samples). Above, Hipparchus's asymptotic distribution,
     * which errs towards larger p-values at medium sizes (see TwoSampleTestsTest).
     */
    public static double ksPValue(double d, long n, long m) {
        if (n == 0 || m == 0) {
            return 1.0;
        }
        KolmogorovSmirnovTest test = new KolmogorovSmirnovTest();
        if (n * m < KS_EXACT_PRODUCT && d >= 1 - 1e-12) {
            // D = 1 only when one sample lies wholly below the other: 2 of the C(n+m, n) orderings.
            // (Hipparchus 4.0.3's non-strict exactP answers 0 at d = 1.)
            return Math.min(1.0, 2 / CombinatoricsUtils.binomialCoefficientDouble((int) (n + m), (int) n));
        }
        double p = n * m < KS_EXACT_PRODUCT ? test.exactP(d, (int) n, (int) m, false)
                : test.approximateP(d, (int) Math.min(n, Integer.MAX_VALUE), (int) Math.min(m, Integer.MAX_VALUE));
        return Math.max(0.0, Math.min(1.0, p));
    }

    /** First Wasserstein (earth mover's) distance: the area between the two CDFs. */
    public static double wasserstein(EmpiricalDistribution a, EmpiricalDistribution b) {
        double[] x = a.points();
        double[] y = b.points();
        int i = 0;
        int j = 0;
        double area = 0;
        double prev = Double.NaN;
        double gap = 0;
        while (i < x.length || j < y.length) {
            double t = j >= y.length || (i < x.length && x[i] <= y[j]) ? x[i] : y[j];
            if (!Double.isNaN(prev)) {
                area += gap * (t - prev);
            }
            while (i < x.length && x[i] <= t) {
                i++;
            }
            while (j < y.length && y[j] <= t) {
                j++;
            }
            gap = Math.abs(a.cdf(t) - b.cdf(t));
            prev = t;
        }
        return area;
    }

    /** The Wasserstein distance divided by the reference's standard deviation (at least 0.001), as Evidently norms it. */
    public static double normedWasserstein(EmpiricalDistribution reference, EmpiricalDistribution current,
                                           double referenceStd) {
        return wasserstein(reference, current) / Math.max(referenceStd, 0.001);
    }

    /** Population stability index: sum of (cur - ref) * ln(cur / ref) over bins, empty bins at 0.0001. */
    public static double psi(double[] referenceShares, double[] currentShares) {
        double psi = 0;
        for (int k = 0; k < referenceShares.length; k++) {
            double r = Math.max(referenceShares[k], EMPTY_BIN_SHARE);
            double c = Math.max(currentShares[k], EMPTY_BIN_SHARE);
            psi += (c - r) * Math.log(c / r);
        }
        return psi;
    }

    /** Jensen-Shannon distance (the square root of the divergence, natural logarithm), as scipy computes it. */
    public static double jensenShannon(double[] p, double[] q) {
        double sp = 0;
        double sq = 0;
        for (int k = 0; k < p.length; k++) {
            sp += p[k];
            sq += q[k];
        }
        if (sp == 0 || sq == 0) {
            return Double.NaN;
        }
        double js = 0;
        for (int k = 0; k < p.length; k++) {
            double a = p[k] / sp;
            double b = q[k] / sq;
            double m = (a + b) / 2;
            if (a > 0) {
                js += 0.5 * a * Math.log(a / m);
            }
            if (b > 0) {
                js += 0.5 * b * Math.log(b / m);
            }
        }
        return Math.sqrt(Math.max(0.0, js));
    }

    /**
     * Chi-square test of homogeneity of two count vectors over the same categories (categories
     * empty in both are dropped). Returns 1 when fewer than two categories remain.
     */
    public static double chiSquarePValue(long[] reference, long[] current) {
        int kept = 0;
        long totalRef = 0;
        long totalCur = 0;
        for (int k = 0; k < reference.length; k++) {
            if (reference[k] + current[k] > 0) {
                kept++;
            }
            totalRef += reference[k];
            totalCur += current[k];
        }
        if (kept < 2 || totalRef == 0 || totalCur == 0) {
            return 1.0;
        }
        long[] a = new long[kept];
        long[] b = new long[kept];
        int j = 0;
        for (int k = 0; k < reference.length; k++) {
            if (reference[k] + current[k] > 0) {
                a[j] = reference[k];
                b[j] = current[k];
                j++;
            }
        }
        return new ChiSquareTest().chiSquareTestDataSetsComparison(a, b);
    }

    /** Two-sided two-proportion z-test (pooled variance) of x1/n1 against x2/n2. */
    public static double proportionsZTestPValue(long x1, long n1, long x2, long n2) {
        if (n1 == 0 || n2 == 0) {
            return 1.0;
        }
        double p1 = (double) x1 / n1;
        double p2 = (double) x2 / n2;
        double p = (double) (x1 + x2) / (n1 + n2);
        double se = Math.sqrt(p * (1 - p) * (1.0 / n1 + 1.0 / n2));
        if (se == 0) {
            return 1.0;
        }
        double z = Math.abs(p1 - p2) / se;
        // the lower tail keeps precision where 1 - cdf(z) would round to 0
        return Math.min(1.0, 2 * new NormalDistribution().cumulativeProbability(-z));
    }

    /** {@code count} equal-width bin edges spanning [lo, hi] (numpy's histogram_bin_edges). */
    public static double[] equalWidthEdges(double lo, double hi, int count) {
        if (hi <= lo) {
            lo -= 0.5;
            hi += 0.5;
        }
        double[] edges = new double[count + 1];
        for (int k = 0; k <= count; k++) {
            edges[k] = lo + (hi - lo) * k / count;
        }
        edges[count] = hi;
        return edges;
    }
}

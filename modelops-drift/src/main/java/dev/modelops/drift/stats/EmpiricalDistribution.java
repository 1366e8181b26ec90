package dev.modelops.drift.stats;

import java.util.Arrays;

/**
 * A distribution as a right-continuous step CDF: ascending distinct support points and the share
 * of the mass at or below each. It is exact when built from a column's exact value counts and
 * approximate (within the sketch's rank error) when built from a KLL sketch's sorted view. Every
 * distance between two columns (KS, Wasserstein, binned PSI and Jensen-Shannon) is computed on
 * this one representation, so exact and sketched references are treated alike.
 */
public final class EmpiricalDistribution {
    private final double[] points;
    private final double[] cumulative;
    private final long n;
    private final boolean exact;
    private final long effectiveN;

    private EmpiricalDistribution(double[] points, double[] cumulative, long n, boolean exact, long effectiveN) {
        this.points = points;
        this.cumulative = cumulative;
        this.n = n;
        this.exact = exact;
        this.effectiveN = effectiveN;
    }

    /**
     * @param sortedValues ascending values (duplicates allowed; they are collapsed)
     * @param weights the weight (count) of each value
     * @param n the number of observations the distribution stands for
     * @param exact whether the weights are exact counts
     */
    public static EmpiricalDistribution of(double[] sortedValues, double[] weights, long n, boolean exact) {
        EmpiricalDistribution d = collapse(sortedValues, weights, n, exact, n);
        return d;
    }

    /**
     * A distribution read from a quantile sketch whose CDF values are each within
     * {@code rankError} of the data's. For p-values it stands for at most
     * {@code 0.925 / rankError^2} observations: the sample size at which two such sketches'
     * combined error (2 rankError) equals the KS critical value at 95% (1.36 sqrt(2 / n)), so
     * sketch error is never read as a significant difference.
     *
     * @param sortedValues the sketch's retained items, ascending
     * @param weights their weights
     * @param n observations summarised
     * @param rankError the sketch's normalised rank error
     */
    public static EmpiricalDistribution ofSketch(double[] sortedValues, double[] weights, long n, double rankError) {
        long resolvable = (long) Math.floor(0.925 / (rankError * rankError));
        return collapse(sortedValues, weights, n, false, Math.min(n, resolvable));
    }

    private static EmpiricalDistribution collapse(double[] sortedValues, double[] weights, long n, boolean exact,
                                                  long effectiveN) {
        double total = 0;
        for (double w : weights) {
            total += w;
        }
        double[] x = new double[sortedValues.length];
        double[] c = new double[sortedValues.length];
        int k = -1;
        double run = 0;
        for (int i = 0; i < sortedValues.length; i++) {
            if (i > 0 && sortedValues[i] < sortedValues[i - 1]) {
                throw new IllegalArgumentException("values must be ascending");
            }
            run += weights[i];
            if (k >= 0 && x[k] == sortedValues[i]) {
                c[k] = run / total;
            } else {
                k++;
                x[k] = sortedValues[i];
                c[k] = run / total;
            }
        }
        if (k >= 0) {
            c[k] = 1.0;
        }
        return new EmpiricalDistribution(Arrays.copyOf(x, k + 1), Arrays.copyOf(c, k + 1), n, exact, effectiveN);
    }

    /** The exact distribution of raw values (NaN values are ignored). */
    public static EmpiricalDistribution ofValues(double[] values) {
        double[] v = Arrays.stream(values).filter(d -> !Double.isNaN(d)).sorted().toArray();
        double[] w = new double[v.length];
        Arrays.fill(w, 1.0);
        return of(v, w, v.length, true);
    }

    public boolean isEmpty() {
        return points.length == 0;
    }

    /** Observations this distribution stands for. */
    public long n() {
        return n;
    }

    public boolean exact() {
        return exact;
    }

    /** The sample size p-values use: n when exact, capped by the sketch's resolution otherwise. */
    public long effectiveN() {
        return effectiveN;
    }

    public double min() {
        return points[0];
    }

    public double max() {
        return points[points.length - 1];
    }

    /** Support points, ascending (do not modify). */
    double[] points() {
        return points;
    }

    /** P(X <= v). */
    public double cdf(double v) {
        int i = Arrays.binarySearch(points, v);
        if (i >= 0) {
            return cumulative[i];
        }
        int below = -i - 2;
        return below < 0 ? 0.0 : cumulative[below];
    }

    /** P(X < v). */
    public double cdfBelow(double v) {
        int i = Arrays.binarySearch(points, v);
        int below = i >= 0 ? i - 1 : -i - 2;
        return below < 0 ? 0.0 : cumulative[below];
    }

    /**
     * Shares of the mass in the bins {@code [e0,e1), [e1,e2), ..., [e(k-1),ek]} (the last bin is
     * closed, as numpy's histogram); mass outside the edges is not counted.
     */
    public double[] binShares(double[] edges) {
        double[] shares = new double[edges.length - 1];
        for (int j = 0; j < shares.length; j++) {
            double lo = cdfBelow(edges[j]);
            double hi = j == shares.length - 1 ? cdf(edges[j + 1]) : cdfBelow(edges[j + 1]);
            shares[j] = Math.max(0.0, hi - lo);
        }
        return shares;
    }
}

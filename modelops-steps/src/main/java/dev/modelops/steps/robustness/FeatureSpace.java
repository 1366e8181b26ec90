package dev.modelops.steps.robustness;

import java.util.Arrays;
import java.util.Set;

/**
 * The input space attacks move in. Only numeric features are perturbed (a one-hot category has
 * no "nearby" value); each is scaled by its range so that distances mean the same for pixels in
 * [0, 1] and for ages in years: a perturbation of L2 norm 0.5 moves, say, one feature by half its
 * range. Perturbed inputs are clipped back into the range, as a real input would be.
 *
 * <p>Vectors handed to a {@link ScoreFunction} are raw (model units); {@code delta}s are in
 * normalised units over the perturbable dimensions only, in the order of {@link #perturbable()}.
 */
public final class FeatureSpace {
    private final int dimensions;
    private final int[] perturbable;
    private final double[] low;
    private final double[] high;

    /**
     * @param dimensions length of a raw vector
     * @param perturbable ids of the dimensions attacks may change
     * @param low lower bound of each raw dimension (used for the perturbable ones)
     * @param high upper bound of each raw dimension
     */
    public FeatureSpace(int dimensions, int[] perturbable, double[] low, double[] high) {
        this.dimensions = dimensions;
        this.perturbable = perturbable.clone();
        this.low = low.clone();
        this.high = high.clone();
    }

    /**
     * A space from data: the range of each perturbable feature is the declared one where given,
     * else the observed one; a feature with no spread (a pixel that is always 0) is left alone.
     *
     * @param names feature names by id
     * @param numeric names of numeric features
     * @param rows raw training vectors
     * @param declaredLow declared lower bounds by id (NaN where not declared)
     * @param declaredHigh declared upper bounds by id (NaN where not declared)
     */
    public static FeatureSpace of(String[] names, Set<String> numeric, double[][] rows, double[] declaredLow,
                                  double[] declaredHigh) {
        int d = names.length;
        double[] lo = new double[d];
        double[] hi = new double[d];
        Arrays.fill(lo, Double.POSITIVE_INFINITY);
        Arrays.fill(hi, Double.NEGATIVE_INFINITY);
        for (double[] r : rows) {
            for (int i = 0; i < d; i++) {
                lo[i] = Math.min(lo[i], r[i]);
                hi[i] = Math.max(hi[i], r[i]);
            }
        }
        int[] keep = new int[d];
        int n = 0;
        for (int i = 0; i < d; i++) {
            if (!Double.isNaN(declaredLow[i])) {
                lo[i] = declaredLow[i];
            }
            if (!Double.isNaN(declaredHigh[i])) {
                hi[i] = declaredHigh[i];
            }
            if (numeric.contains(names[i]) && hi[i] > lo[i]) {
                keep[n++] = i;
            }
        }
        return new FeatureSpace(d, Arrays.copyOf(keep, n), lo, hi);
    }

    public int dimensions() {
        return dimensions;
    }

    /** Ids of the perturbable dimensions. */
    public int[] perturbable() {
        return perturbable.clone();
    }

    /** Number of perturbable dimensions. */
    public int size() {
        return perturbable.length;
    }

    /** The range of perturbable dimension {@code k} (its scale). */
    public double scale(int k) {
        return high[perturbable[k]] - low[perturbable[k]];
    }

    /** {@code x} moved by a normalised {@code delta}, clipped into range. */
    public double[] move(double[] x, double[] delta) {
        double[] y = x.clone();
        for (int k = 0; k < perturbable.length; k++) {
            int i = perturbable[k];
            y[i] = clip(i, x[i] + delta[k] * (high[i] - low[i]));
        }
        return y;
    }

    /** {@code x} with perturbable dimension {@code k} moved by {@code h} normalised units, unclipped. */
    public double[] nudge(double[] x, int k, double h) {
        double[] y = x.clone();
        int i = perturbable[k];
        y[i] += h * (high[i] - low[i]);
        return y;
    }

    /** Normalised difference {@code b - a} over the perturbable dimensions. */
    public double[] delta(double[] a, double[] b) {
        double[] d = new double[perturbable.length];
        for (int k = 0; k < perturbable.length; k++) {
            int i = perturbable[k];
            d[k] = (b[i] - a[i]) / (high[i] - low[i]);
        }
        return d;
    }

    /** Normalised L2 distance between two raw vectors. */
    public double distance(double[] a, double[] b) {
        return norm(delta(a, b));
    }

    /** {@code x} clipped into range on every perturbable dimension. */
    public double[] clip(double[] x) {
        double[] y = x.clone();
        for (int i : perturbable) {
            y[i] = clip(i, y[i]);
        }
        return y;
    }

    private double clip(int i, double v) {
        return Math.max(low[i], Math.min(high[i], v));
    }

    /** The point {@code t} of the way from {@code a} to {@code b}. */
    public static double[] blend(double[] a, double[] b, double t) {
        double[] y = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            y[i] = a[i] + t * (b[i] - a[i]);
        }
        return y;
    }

    public static double norm(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x * x;
        }
        return Math.sqrt(s);
    }
}

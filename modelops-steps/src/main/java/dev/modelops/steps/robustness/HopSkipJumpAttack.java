package dev.modelops.steps.robustness;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

/**
 * A decision-based black-box attack after HopSkipJump (Chen, Jordan and Wainwright, 2020): it
 * sees only predicted classes. It starts from any misclassified input (random points in range,
 * then the nearest given anchor of another class), walks to the decision boundary by binary
 * search, and then repeatedly estimates the boundary's normal by Monte-Carlo queries around the
 * boundary point, steps along it with a geometric step-size search, and returns to the boundary
 * by binary search. The perturbation shrinks with each iteration; what remains is an upper
 * bound on the minimal perturbation. Works for any model, including trees.
 */
public final class HopSkipJumpAttack implements Attack {
    private final ScoreFunction model;
    private final FeatureSpace space;
    private final Settings settings;
    private final List<double[]> anchors;
    private final Random random;
    private long queries;

    /**
     * @param iterations gradient-estimation rounds
     * @param initialQueries queries of the first gradient estimate (grows with sqrt of the round)
     * @param randomStarts random in-range inputs tried to find a first misclassified point
     * @param seed random seed
     */
    public record Settings(int iterations, int initialQueries, int randomStarts, long seed) {
        public static Settings defaults(long seed) {
            return new Settings(20, 40, 50, seed);
        }
    }

    /**
     * @param anchors raw inputs (e.g. training rows) tried as starting points when random ones fail
     */
    public HopSkipJumpAttack(ScoreFunction model, FeatureSpace space, Settings settings, List<double[]> anchors) {
        this.model = model;
        this.space = space;
        this.settings = settings;
        this.anchors = List.copyOf(anchors);
        this.random = new Random(settings.seed());
    }

    @Override
    public String name() {
        return "hopskipjump";
    }

    @Override
    public Result attack(double[] x0, int label) {
        queries = 0;
        if (predict(x0) != label) {
            return new Result(0, x0.clone(), queries);
        }
        int d = space.size();
        if (d == 0) {
            return new Result(Double.POSITIVE_INFINITY, null, queries);
        }
        double[] start = start(x0, label);
        if (start == null) {
            return new Result(Double.POSITIVE_INFINITY, null, queries);
        }
        double[] boundary = binarySearch(x0, start, label);
        double distance = space.distance(x0, boundary);
        double theta = 1.0 / (d * Math.sqrt(d));
        for (int t = 1; t <= settings.iterations() && distance > 0; t++) {
            double delta = Math.sqrt(d) * theta * distance;
            int b = (int) Math.min(10L * settings.initialQueries(), Math.round(settings.initialQueries() * Math.sqrt(t)));
            double[] direction = gradientDirection(boundary, label, delta, Math.max(2, b));
            if (direction == null) {
                break;
            }
            double step = distance / Math.sqrt(t);
            double[] candidate = null;
            while (step > 1e-9 * Math.max(1, distance)) {
                double[] moved = space.move(boundary, scaled(direction, step));
                if (predict(moved) != label) {
                    candidate = moved;
                    break;
                }
                step /= 2;
            }
            if (candidate == null) {
                break;
            }
            double[] next = binarySearch(x0, candidate, label);
            double nextDistance = space.distance(x0, next);
            if (nextDistance < distance) {
                boundary = next;
                distance = nextDistance;
            }
        }
        return new Result(distance, boundary, queries);
    }

    private double[] start(double[] x0, int label) {
        int[] dims = space.perturbable();
        for (int i = 0; i < settings.randomStarts(); i++) {
            double[] delta = new double[dims.length];
            for (int k = 0; k < dims.length; k++) {
                delta[k] = (random.nextDouble() * 2 - 1) * 1.0;
            }
            double[] candidate = space.move(x0, delta);
            if (predict(candidate) != label) {
                return candidate;
            }
        }
        List<double[]> near = new ArrayList<>(anchors);
        near.sort(Comparator.comparingDouble(a -> space.distance(x0, a)));
        int tried = 0;
        for (double[] a : near) {
            if (tried++ >= 50) {
                break;
            }
            double[] candidate = space.clip(mixPerturbable(x0, a));
            if (predict(candidate) != label) {
                return candidate;
            }
        }
        return null;
    }

    /** {@code x0} with its perturbable features taken from {@code other}. */
    private double[] mixPerturbable(double[] x0, double[] other) {
        double[] y = x0.clone();
        for (int i : space.perturbable()) {
            y[i] = other[i];
        }
        return y;
    }

    /** The boundary point between {@code x0} (correct) and {@code adversarial}, on the adversarial side. */
    private double[] binarySearch(double[] x0, double[] adversarial, int label) {
        double lo = 0;
        double hi = 1;
        double total = space.distance(x0, adversarial);
        double tolerance = Math.max(1e-6, 1e-3 / Math.sqrt(space.size()));
        while ((hi - lo) * total > tolerance * Math.max(total, 1e-3)) {
            double mid = (lo + hi) / 2;
            if (predict(FeatureSpace.blend(x0, adversarial, mid)) != label) {
                hi = mid;
            } else {
                lo = mid;
            }
        }
        return FeatureSpace.blend(x0, adversarial, hi);
    }

    /** Monte-Carlo estimate of the boundary normal (pointing to the adversarial side), unit length. */
    private double[] gradientDirection(double[] boundary, int label, double delta, int samples) {
        int d = space.size();
        double[][] u = new double[samples][d];
        double[][] probes = new double[samples][];
        for (int b = 0; b < samples; b++) {
            double norm = 0;
            for (int k = 0; k < d; k++) {
                u[b][k] = random.nextGaussian();
                norm += u[b][k] * u[b][k];
            }
            norm = Math.sqrt(norm);
            for (int k = 0; k < d; k++) {
                u[b][k] /= norm;
            }
            probes[b] = space.move(boundary, scaled(u[b], delta));
        }
        int[] predicted = model.predict(probes);
        queries += samples;
        double[] phi = new double[samples];
        double mean = 0;
        for (int b = 0; b < samples; b++) {
            phi[b] = predicted[b] != label ? 1 : -1;
            mean += phi[b] / samples;
        }
        boolean allSame = Math.abs(mean) == 1.0;
        double[] v = new double[d];
        for (int b = 0; b < samples; b++) {
            double w = allSame ? phi[b] : phi[b] - mean;
            for (int k = 0; k < d; k++) {
                v[k] += w * u[b][k];
            }
        }
        double norm = FeatureSpace.norm(v);
        if (norm == 0) {
            return null;
        }
        for (int k = 0; k < d; k++) {
            v[k] /= norm;
        }
        return v;
    }

    private static double[] scaled(double[] v, double s) {
        double[] out = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = v[i] * s;
        }
        return out;
    }

    private int predict(double[] x) {
        queries++;
        return model.predict(x);
    }
}

package dev.modelops.steps.robustness;

/**
 * The exact minimal L2 perturbation of a linear classifier. The region where class c wins is the
 * intersection of the half-spaces {@code (w_c - w_j) x + (b_c - b_j) > 0}; the distance from a
 * point to the nearest face, {@code min_j (z_c - z_j) / ||w_c - w_j||} (with weights scaled to
 * the normalised space and restricted to the perturbable features), is exactly the smallest change
 * that alters the prediction (softmax preserves the order of the logits). Range clipping is not
 * applied, so this is the unconstrained minimum.
 */
public final class LinearAttack implements Attack {
    private final LinearScoreFunction model;
    private final FeatureSpace space;

    public LinearAttack(LinearScoreFunction model, FeatureSpace space) {
        this.model = model;
        this.space = space;
    }

    @Override
    public String name() {
        return "exact-linear";
    }

    @Override
    public Result attack(double[] x0, int label) {
        double[] z = model.logits(x0);
        int c = ScoreFunction.argmax(z);
        if (c != label) {
            return new Result(0, x0.clone(), 1);
        }
        int[] dims = space.perturbable();
        double best = Double.POSITIVE_INFINITY;
        double[] bestDirection = null;
        for (int j = 0; j < z.length; j++) {
            if (j == c) {
                continue;
            }
            double[] a = new double[dims.length];
            for (int k = 0; k < dims.length; k++) {
                a[k] = (model.weight(c, dims[k]) - model.weight(j, dims[k])) * space.scale(k);
            }
            double norm = FeatureSpace.norm(a);
            if (norm == 0) {
                continue;
            }
            double distance = (z[c] - z[j]) / norm;
            if (distance < best) {
                best = distance;
                for (int k = 0; k < a.length; k++) {
                    a[k] /= norm;
                }
                bestDirection = a;
            }
        }
        if (bestDirection == null) {
            return new Result(Double.POSITIVE_INFINITY, null, 1);
        }
        double[] y = x0.clone();
        double overshoot = best * (1 + 1e-6) + 1e-12;
        for (int k = 0; k < dims.length; k++) {
            y[dims[k]] -= overshoot * bestDirection[k] * space.scale(k);
        }
        return new Result(best, y, 1);
    }
}

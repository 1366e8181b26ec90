package dev.modelops.steps.robustness;

import java.util.Arrays;
import org.hipparchus.analysis.solvers.BrentSolver;
import org.hipparchus.distribution.continuous.WeibullDistribution;
import org.hipparchus.optim.MaxEval;
import org.hipparchus.optim.nonlinear.scalar.GoalType;
import org.hipparchus.optim.univariate.BrentOptimizer;
import org.hipparchus.optim.univariate.SearchInterval;
import org.hipparchus.optim.univariate.UnivariateObjectiveFunction;
import org.hipparchus.optim.univariate.UnivariatePointValuePair;
import org.hipparchus.stat.inference.KolmogorovSmirnovTest;

/**
 * A reverse Weibull distribution fitted by maximum likelihood to sample maxima, as the CLEVER
 * paper does (Weng et al., ICLR 2018): by the Fisher-Tippett-Gnedenko theorem the maximum of a
 * bounded variable follows a reverse Weibull law, and its location parameter estimates the bound
 * itself (here the local Lipschitz constant, the largest gradient norm near a point).
 *
 * <p>Fit: the profile likelihood over the location {@code mu > max(x)}, where for each candidate
 * location {@code mu - x} is fitted by a two-parameter Weibull (shape by Hipparchus's Brent root
 * solver on the likelihood equation, scale in closed form); the location is then chosen by a grid
 * search refined with Hipparchus's Brent optimiser. The shape is held at or above 1 so the
 * likelihood stays bounded at the end point. A Kolmogorov-Smirnov test (Hipparchus) of the fit
 * is reported, as the paper reports its goodness of fit.
 *
 * @param location the fitted end point (estimate of the maximum)
 * @param shape Weibull shape
 * @param scale Weibull scale
 * @param ksPValue p-value of the KS test of the maxima against the fitted law (NaN when degenerate)
 */
public record ReverseWeibull(double location, double shape, double scale, double ksPValue) {
    private static final double MIN_SHAPE = 1.0;
    private static final double MAX_SHAPE = 1000.0;

    public static ReverseWeibull fit(double[] maxima) {
        if (maxima.length == 0) {
            throw new IllegalArgumentException("no maxima to fit");
        }
        double max = Arrays.stream(maxima).max().orElseThrow();
        double min = Arrays.stream(maxima).min().orElseThrow();
        double spread = max - min;
        if (!(spread > 1e-12 * Math.max(1, Math.abs(max))) || maxima.length < 3) {
            return new ReverseWeibull(max, Double.NaN, Double.NaN, Double.NaN);
        }
        double lo = Math.log(1e-6 * spread);
        double hi = Math.log(10 * spread);
        int grid = 48;
        double bestT = lo;
        double bestL = Double.NEGATIVE_INFINITY;
        for (int g = 0; g <= grid; g++) {
            double t = lo + (hi - lo) * g / grid;
            double l = profile(maxima, max + Math.exp(t))[0];
            if (l > bestL) {
                bestL = l;
                bestT = t;
            }
        }
        double step = (hi - lo) / grid;
        double from = Math.max(lo, bestT - step);
        double to = Math.min(hi, bestT + step);
        UnivariatePointValuePair opt = new BrentOptimizer(1e-10, 1e-14).optimize(new MaxEval(200),
                new UnivariateObjectiveFunction(t -> profile(maxima, max + Math.exp(t))[0]), GoalType.MAXIMIZE,
                new SearchInterval(from, to));
        double t = opt.getValue() >= bestL ? opt.getPoint() : bestT;
        double mu = max + Math.exp(t);
        double[] fit = profile(maxima, mu);
        double[] y = new double[maxima.length];
        for (int i = 0; i < y.length; i++) {
            y[i] = mu - maxima[i];
        }
        double p = new KolmogorovSmirnovTest().kolmogorovSmirnovTest(new WeibullDistribution(fit[1], fit[2]), y);
        return new ReverseWeibull(mu, fit[1], fit[2], p);
    }

    /** {log-likelihood, shape, scale} of the best Weibull fit of {@code mu - x}. */
    static double[] profile(double[] x, double mu) {
        int n = x.length;
        double[] y = new double[n];
        double ymax = 0;
        for (int i = 0; i < n; i++) {
            y[i] = mu - x[i];
            ymax = Math.max(ymax, y[i]);
        }
        double[] u = new double[n];
        double[] lnU = new double[n];
        double meanLnU = 0;
        double sumLnY = 0;
        for (int i = 0; i < n; i++) {
            u[i] = y[i] / ymax;
            lnU[i] = Math.log(u[i]);
            meanLnU += lnU[i] / n;
            sumLnY += Math.log(y[i]);
        }
        final double mean = meanLnU;
        org.hipparchus.analysis.UnivariateFunction equation = k -> {
            double a = 0;
            double b = 0;
            for (int i = 0; i < n; i++) {
                double p = Math.pow(u[i], k);
                a += p * lnU[i];
                b += p;
            }
            return a / b - 1 / k - mean;
        };
        double k;
        if (equation.value(MIN_SHAPE) >= 0) {
            k = MIN_SHAPE;
        } else if (equation.value(MAX_SHAPE) <= 0) {
            k = MAX_SHAPE;
        } else {
            k = new BrentSolver(1e-10).solve(200, equation, MIN_SHAPE, MAX_SHAPE);
        }
        double meanPow = 0;
        for (int i = 0; i < n; i++) {
            meanPow += Math.pow(u[i], k) / n;
        }
        double scale = ymax * Math.pow(meanPow, 1 / k);
        double logLik = n * Math.log(k) - n * k * Math.log(scale) + (k - 1) * sumLnY - n;
        return new double[] {logLik, k, scale};
    }
}

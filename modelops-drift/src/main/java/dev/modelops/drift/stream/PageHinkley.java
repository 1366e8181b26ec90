package dev.modelops.drift.stream;

import java.util.Locale;

/**
 * The Page-Hinkley test (Page 1954; with a fading factor as in Gama et al. 2013 and River): the
 * cumulative deviation {@code m_T = alpha m_(T-1) + (x_T - mean_T - delta)} is compared with its
 * running minimum; a change is signalled when it rises more than {@code lambda} above it (an
 * increase in the mean, such as a rising error rate). Defaults are MOA's: at least 30 values,
 * delta 0.005, lambda 50, alpha 0.9999. The detector restarts after a change.
 */
public final class PageHinkley implements ChangeDetector {
    public static final int DEFAULT_MIN_INSTANCES = 30;
    public static final double DEFAULT_DELTA = 0.005;
    public static final double DEFAULT_LAMBDA = 50;
    public static final double DEFAULT_ALPHA = 0.9999;

    /** Which change is looked for. */
    public enum Direction {
        UP,
        DOWN,
        BOTH
    }

    private final int minInstances;
    private final double delta;
    private final double lambda;
    private final double alpha;
    private final Direction direction;
    private long n;
    private double mean;
    private double sumUp;
    private double minUp;
    private double sumDown;
    private double maxDown;

    public PageHinkley() {
        this(DEFAULT_MIN_INSTANCES, DEFAULT_DELTA, DEFAULT_LAMBDA, DEFAULT_ALPHA, Direction.UP);
    }

    public PageHinkley(int minInstances, double delta, double lambda, double alpha, Direction direction) {
        if (minInstances < 1 || delta < 0 || lambda <= 0 || !(alpha > 0 && alpha <= 1)) {
            throw new IllegalArgumentException("Page-Hinkley needs min >= 1, delta >= 0, lambda > 0 and 0 < alpha <= 1");
        }
        this.minInstances = minInstances;
        this.delta = delta;
        this.lambda = lambda;
        this.alpha = alpha;
        this.direction = direction;
        reset();
    }

    private void reset() {
        n = 0;
        mean = 0;
        sumUp = 0;
        minUp = Double.MAX_VALUE;
        sumDown = 0;
        maxDown = -Double.MAX_VALUE;
    }

    @Override
    public boolean update(double x) {
        n++;
        mean += (x - mean) / n;
        sumUp = alpha * sumUp + (x - mean - delta);
        minUp = Math.min(minUp, sumUp);
        sumDown = alpha * sumDown + (x - mean + delta);
        maxDown = Math.max(maxDown, sumDown);
        if (n < minInstances) {
            return false;
        }
        boolean change = (direction != Direction.DOWN && sumUp - minUp > lambda)
                || (direction != Direction.UP && maxDown - sumDown > lambda);
        if (change) {
            reset();
        }
        return change;
    }

    @Override
    public String describe() {
        return String.format(Locale.ROOT, "Page-Hinkley(min=%d, delta=%s, lambda=%s, alpha=%s, %s)", minInstances, delta,
                lambda, alpha, direction.name().toLowerCase(Locale.ROOT));
    }
}

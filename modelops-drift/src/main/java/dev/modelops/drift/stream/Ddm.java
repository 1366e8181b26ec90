package dev.modelops.drift.stream;

import java.util.Locale;

/**
 * DDM, the Drift Detection Method (Gama et al. 2004), for a stream of prediction errors (1 wrong,
 * 0 right): tracks the error rate p and its standard deviation s = sqrt(p(1-p)/n), remembers the
 * point where p + s was lowest, and warns when p + s exceeds p_min + 2 s_min, signalling a change
 * at p_min + 3 s_min. Defaults are MOA's (30 values before judging, 2.0, 3.0). Restarts after a change.
 */
public final class Ddm implements ChangeDetector {
    public static final int DEFAULT_MIN_INSTANCES = 30;
    public static final double DEFAULT_WARNING = 2.0;
    public static final double DEFAULT_DRIFT = 3.0;

    private final int minInstances;
    private final double warningLevel;
    private final double driftLevel;
    private long n;
    private double p;
    private double s;
    private double pMin;
    private double sMin;
    private double psMin;
    private boolean warning;

    public Ddm() {
        this(DEFAULT_MIN_INSTANCES, DEFAULT_WARNING, DEFAULT_DRIFT);
    }

    public Ddm(int minInstances, double warningLevel, double driftLevel) {
        if (minInstances < 1 || warningLevel <= 0 || driftLevel < warningLevel) {
            throw new IllegalArgumentException("DDM needs min >= 1 and 0 < warning <= drift");
        }
        this.minInstances = minInstances;
        this.warningLevel = warningLevel;
        this.driftLevel = driftLevel;
        reset();
    }

    private void reset() {
        n = 1;
        p = 1;
        s = 0;
        pMin = Double.MAX_VALUE;
        sMin = Double.MAX_VALUE;
        psMin = Double.MAX_VALUE;
    }

    @Override
    public boolean update(double error) {
        p += (error - p) / n;
        s = Math.sqrt(p * (1 - p) / n);
        n++;
        warning = false;
        if (n < minInstances) {
            return false;
        }
        if (p + s <= psMin) {
            pMin = p;
            sMin = s;
            psMin = p + s;
        }
        if (n > minInstances && p + s > pMin + driftLevel * sMin) {
            reset();
            return true;
        }
        warning = p + s > pMin + warningLevel * sMin;
        return false;
    }

    @Override
    public boolean warning() {
        return warning;
    }

    @Override
    public String describe() {
        return String.format(Locale.ROOT, "DDM(min=%d, warning=%s, drift=%s)", minInstances, warningLevel, driftLevel);
    }
}

package dev.modelops.drift.check;

import dev.modelops.core.spec.DriftColumnSpec;
import dev.modelops.core.spec.DriftSpec;
import java.util.Collection;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Every threshold a drift check uses, with the defaults of the field (Evidently, NannyML, MOA
 * practice). Settings are layered: defaults, then the model's {@code drift:} section, then a
 * task's {@code with:} or the command line's flags. Every setting is checked when it is read,
 * with a message naming the key.
 *
 * @param threshold effect-size threshold: normed Wasserstein (numeric), Jensen-Shannon distance (categorical)
 * @param confidence confidence of the statistical tests; a p-value below {@code 1 - confidence} counts
 * @param psiThreshold PSI at or above which a column drifts when judged by PSI
 * @param driftShare share of drifted features at or above which the dataset drifted
 * @param smallReferenceRows reference rows up to which statistical tests are each column's primary test
 * @param bins equal-width bins of numeric columns for PSI, Jensen-Shannon and histograms
 * @param domainAuc domain-classifier AUC at or above which the data drifted
 * @param domainMaxRows rows per side for the domain classifier
 * @param performanceTolerance allowed metric drop (absolute; relative for error metrics such as RMSE)
 * @param checks the checks to run
 * @param columns per-column overrides
 */
public record DriftSettings(double threshold, double confidence, double psiThreshold, double driftShare,
                            int smallReferenceRows, int bins, double domainAuc, int domainMaxRows,
                            double performanceTolerance, Set<DriftCheckKind> checks,
                            Map<String, ColumnRule> columns) {
    public static final double DEFAULT_THRESHOLD = 0.1;
    public static final double DEFAULT_CONFIDENCE = 0.95;
    public static final double DEFAULT_PSI_THRESHOLD = 0.1;
    public static final double DEFAULT_DRIFT_SHARE = 0.5;
    public static final int DEFAULT_SMALL_REFERENCE_ROWS = 1000;
    public static final int DEFAULT_BINS = 10;
    public static final double DEFAULT_DOMAIN_AUC = 0.7;
    public static final int DEFAULT_DOMAIN_MAX_ROWS = 5000;
    public static final double DEFAULT_PERFORMANCE_TOLERANCE = 0.05;

    /** The keys accepted in {@code drift:}, a task's {@code with:} and {@code --set-drift}. */
    public static final List<String> KEYS = List.of("threshold", "confidence", "psi_threshold", "drift_share",
            "small_reference_rows", "bins", "domain_auc", "domain_max_rows", "performance_tolerance", "checks");

    /**
     * One column's override.
     *
     * @param method how the column is judged
     * @param threshold the method's threshold, or null for the setting's default
     */
    public record ColumnRule(DriftMethod method, Double threshold) {
    }

    public DriftSettings {
        checks = checks.isEmpty() ? EnumSet.noneOf(DriftCheckKind.class) : EnumSet.copyOf(checks);
        columns = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(columns));
    }

    public static DriftSettings defaults() {
        return new DriftSettings(DEFAULT_THRESHOLD, DEFAULT_CONFIDENCE, DEFAULT_PSI_THRESHOLD, DEFAULT_DRIFT_SHARE,
                DEFAULT_SMALL_REFERENCE_ROWS, DEFAULT_BINS, DEFAULT_DOMAIN_AUC, DEFAULT_DOMAIN_MAX_ROWS,
                DEFAULT_PERFORMANCE_TOLERANCE, EnumSet.allOf(DriftCheckKind.class), Map.of());
    }

    /** The significance level of the statistical tests. */
    public double alpha() {
        return 1 - confidence;
    }

    public boolean runs(DriftCheckKind kind) {
        return checks.contains(kind);
    }

    public ColumnRule column(String name) {
        return columns.getOrDefault(name, new ColumnRule(DriftMethod.AUTO, null));
    }

    /**
     * These settings with a model's {@code drift:} section applied.
     *
     * @param problem called with (key, message) for each invalid value
     */
    public DriftSettings with(DriftSpec spec, java.util.function.BiConsumer<String, String> problem) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("threshold", spec.threshold());
        values.put("confidence", spec.confidence());
        values.put("psi_threshold", spec.psiThreshold());
        values.put("drift_share", spec.driftShare());
        values.put("small_reference_rows", spec.smallReferenceRows());
        values.put("bins", spec.bins());
        values.put("domain_auc", spec.domainAuc());
        values.put("domain_max_rows", spec.domainMaxRows());
        values.put("performance_tolerance", spec.performanceTolerance());
        values.put("checks", spec.checks().isEmpty() ? null : spec.checks());
        DriftSettings s = with(values, problem);
        Map<String, ColumnRule> cols = new LinkedHashMap<>(s.columns);
        for (Map.Entry<String, DriftColumnSpec> e : spec.columns().entrySet()) {
            String key = "columns." + e.getKey();
            DriftColumnSpec c = e.getValue();
            if (c == null) {
                problem.accept(key, "expected a method or {method, threshold}");
                continue;
            }
            DriftMethod method = DriftMethod.AUTO;
            if (c.method() != null) {
                try {
                    method = DriftMethod.parse(c.method());
                } catch (IllegalArgumentException ex) {
                    problem.accept(key + ".method", ex.getMessage());
                    continue;
                }
            }
            if (c.threshold() != null) {
                if (method == DriftMethod.AUTO) {
                    // a threshold with the default method replaces the effect-size threshold for this column
                    check(c.threshold() > 0, key + ".threshold", "expected a positive number, got " + c.threshold(), problem);
                } else if (method.isPValueTest()) {
                    check(c.threshold() > 0 && c.threshold() < 1, key + ".threshold",
                            "a p-value threshold must be between 0 and 1 (exclusive), got " + c.threshold(), problem);
                } else {
                    check(c.threshold() > 0, key + ".threshold", "expected a positive number, got " + c.threshold(), problem);
                }
            }
            cols.put(e.getKey(), new ColumnRule(method, c.threshold()));
        }
        return new DriftSettings(s.threshold, s.confidence, s.psiThreshold, s.driftShare, s.smallReferenceRows, s.bins,
                s.domainAuc, s.domainMaxRows, s.performanceTolerance, s.checks, cols);
    }

    /**
     * These settings with single values applied (from a task's {@code with:} or flags); null
     * values are ignored, unknown keys are reported.
     */
    public DriftSettings with(Map<String, ?> values, java.util.function.BiConsumer<String, String> problem) {
        double threshold = this.threshold;
        double confidence = this.confidence;
        double psiThreshold = this.psiThreshold;
        double driftShare = this.driftShare;
        int smallReferenceRows = this.smallReferenceRows;
        int bins = this.bins;
        double domainAuc = this.domainAuc;
        int domainMaxRows = this.domainMaxRows;
        double performanceTolerance = this.performanceTolerance;
        Set<DriftCheckKind> checks = this.checks;
        for (Map.Entry<String, ?> e : values.entrySet()) {
            Object v = e.getValue();
            String key = e.getKey();
            if (v == null) {
                continue;
            }
            String error = null;
            try {
                switch (key) {
                    case "threshold" -> threshold = number(v, 0, false, Double.MAX_VALUE, true);
                    case "confidence" -> confidence = number(v, 0, false, 1, false);
                    case "psi_threshold" -> psiThreshold = number(v, 0, false, Double.MAX_VALUE, true);
                    case "drift_share" -> driftShare = number(v, 0, false, 1, true);
                    case "small_reference_rows" -> smallReferenceRows = whole(v, 0, Integer.MAX_VALUE);
                    case "bins" -> bins = whole(v, 2, 1000);
                    case "domain_auc" -> domainAuc = number(v, 0.5, false, 1, true);
                    case "domain_max_rows" -> domainMaxRows = whole(v, 20, 1_000_000);
                    case "performance_tolerance" -> performanceTolerance = number(v, 0, true, Double.MAX_VALUE, true);
                    case "checks" -> checks = checks(v);
                    default -> error = "unknown drift setting; expected one of: " + String.join(", ", KEYS);
                }
            } catch (IllegalArgumentException ex) {
                error = ex.getMessage();
            }
            if (error != null) {
                problem.accept(key, error);
            }
        }
        return new DriftSettings(threshold, confidence, psiThreshold, driftShare, smallReferenceRows, bins, domainAuc,
                domainMaxRows, performanceTolerance, checks, columns);
    }

    /** These settings with a column's rule replaced. */
    public DriftSettings withColumn(String column, ColumnRule rule) {
        Map<String, ColumnRule> cols = new LinkedHashMap<>(columns);
        cols.put(column, rule);
        return new DriftSettings(threshold, confidence, psiThreshold, driftShare, smallReferenceRows, bins, domainAuc,
                domainMaxRows, performanceTolerance, checks, cols);
    }

    /** Settings as JSON-able values, for reports, lineage and drift-monitor.json. */
    public Map<String, Object> describe() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("threshold", threshold);
        m.put("confidence", confidence);
        m.put("psi_threshold", psiThreshold);
        m.put("drift_share", driftShare);
        m.put("small_reference_rows", smallReferenceRows);
        m.put("bins", bins);
        m.put("domain_auc", domainAuc);
        m.put("domain_max_rows", domainMaxRows);
        m.put("performance_tolerance", performanceTolerance);
        m.put("checks", checks.stream().map(DriftCheckKind::yamlName).toList());
        Map<String, Object> cols = new LinkedHashMap<>();
        columns.forEach((k, v) -> {
            Map<String, Object> c = new LinkedHashMap<>();
            c.put("method", v.method().yamlName());
            if (v.threshold() != null) {
                c.put("threshold", v.threshold());
            }
            cols.put(k, c);
        });
        m.put("columns", cols);
        return m;
    }

    private static void check(boolean ok, String key, String message, java.util.function.BiConsumer<String, String> problem) {
        if (!ok) {
            problem.accept(key, message);
        }
    }

    private static double number(Object v, double lo, boolean loInclusive, double hi, boolean hiInclusive) {
        double d;
        if (v instanceof Number n) {
            d = n.doubleValue();
        } else {
            try {
                d = Double.parseDouble(String.valueOf(v).trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("expected a number, got '" + v + "'");
            }
        }
        boolean okLo = loInclusive ? d >= lo : d > lo;
        boolean okHi = hiInclusive ? d <= hi : d < hi;
        if (Double.isNaN(d) || !okLo || !okHi) {
            throw new IllegalArgumentException("expected a number " + (loInclusive ? ">= " : "> ") + fmt(lo)
                    + (hi == Double.MAX_VALUE ? "" : (hiInclusive ? " and <= " : " and < ") + fmt(hi)) + ", got " + v);
        }
        return d;
    }

    private static int whole(Object v, int lo, int hi) {
        double d = number(v, lo, true, hi, true);
        if (d != Math.rint(d)) {
            throw new IllegalArgumentException("expected a whole number, got " + v);
        }
        return (int) d;
    }

    private static Set<DriftCheckKind> checks(Object v) {
        Collection<?> items = v instanceof Collection<?> c ? c
                : List.of(String.valueOf(v).split(","));
        Set<DriftCheckKind> out = EnumSet.noneOf(DriftCheckKind.class);
        for (Object item : items) {
            String text = String.valueOf(item).trim();
            if (text.equalsIgnoreCase("all")) {
                return EnumSet.allOf(DriftCheckKind.class);
            }
            if (!text.isEmpty()) {
                out.add(DriftCheckKind.parse(text));
            }
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException("expected at least one of: " + DriftCheckKind.known() + " (or all)");
        }
        return out;
    }

    private static String fmt(double d) {
        return d == Math.rint(d) ? String.valueOf((long) d) : String.format(Locale.ROOT, "%s", d);
    }
}

package dev.modelops.steps.serve;

import dev.modelops.core.data.Table;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * A live profile over fixed bins taken from the training data: decile edges for a numeric feature
 * (equal edges merged, so a pixel that is mostly 0 gets few bins), the training categories (plus
 * "other") for a categorical one. Live rows are counted into the same bins, so drift is a cheap
 * PSI of two histograms, and profiles of several servers (replicas) merge by adding counts.
 * Thread-safe; requests add concurrently.
 */
public final class BinnedLiveProfile implements LiveProfile {
    static final double MIN_SHARE = 1e-4;
    private final List<Feature> features;
    private final double threshold;
    private final long minRows;
    private long rows;
    private Instant windowStart = Instant.now();

    /** One feature's bins, reference shares and live counts. */
    static final class Feature {
        final String name;
        final boolean numeric;
        final double[] edges;
        final List<String> categories;
        final double[] reference;
        final double referenceMean;
        long[] live;
        double liveSum;
        long liveNumeric;

        Feature(String name, boolean numeric, double[] edges, List<String> categories, double[] reference,
                double referenceMean) {
            this.name = name;
            this.numeric = numeric;
            this.edges = edges;
            this.categories = categories;
            this.reference = reference;
            this.referenceMean = referenceMean;
            this.live = new long[reference.length];
        }

        /** Bin of a raw value; the last bin of a categorical feature is "other", of any feature "missing". */
        int bin(String value) {
            int missing = reference.length - 1;
            if (value == null || value.isBlank()) {
                return missing;
            }
            if (numeric) {
                double v;
                try {
                    v = Double.parseDouble(value);
                } catch (NumberFormatException e) {
                    return missing;
                }
                if (Double.isNaN(v)) {
                    return missing;
                }
                int i = 0;
                while (i < edges.length && v > edges[i]) {
                    i++;
                }
                return i;
            }
            int i = categories.indexOf(value);
            return i >= 0 ? i : categories.size();
        }
    }

    private BinnedLiveProfile(List<Feature> features, double threshold, long minRows) {
        this.features = features;
        this.threshold = threshold;
        this.minRows = minRows;
    }

    /**
     * The reference of the given training rows.
     *
     * @param numeric for each feature whether it is numeric
     */
    public static BinnedLiveProfile of(Table table, int[] rows, List<String> featureNames, List<Boolean> numeric,
                                       double threshold, long minRows) {
        List<Feature> features = new ArrayList<>();
        for (int f = 0; f < featureNames.size(); f++) {
            String name = featureNames.get(f);
            int col = table.columnIndex(name);
            if (numeric.get(f)) {
                double[] values = Arrays.stream(rows).mapToDouble(r -> table.number(r, col)).filter(v -> !Double.isNaN(v))
                        .sorted().toArray();
                TreeSet<Double> edges = new TreeSet<>();
                for (int q = 1; q < 10 && values.length > 0; q++) {
                    edges.add(values[Math.min(values.length - 1, (int) Math.floor(q * values.length / 10.0))]);
                }
                double[] e = edges.stream().mapToDouble(Double::doubleValue).toArray();
                Feature feature = new Feature(name, true, e, List.of(), new double[e.length + 2],
                        Arrays.stream(values).average().orElse(Double.NaN));
                fillReference(feature, table, rows, col);
                features.add(feature);
            } else {
                TreeSet<String> seen = new TreeSet<>();
                for (int r : rows) {
                    String v = table.text(r, col);
                    if (v != null) {
                        seen.add(v);
                    }
                }
                List<String> categories = List.copyOf(seen);
                Feature feature = new Feature(name, false, new double[0], categories, new double[categories.size() + 2],
                        Double.NaN);
                fillReference(feature, table, rows, col);
                features.add(feature);
            }
        }
        return new BinnedLiveProfile(features, threshold, minRows);
    }

    private static void fillReference(Feature feature, Table table, int[] rows, int col) {
        for (int r : rows) {
            feature.reference[feature.bin(table.text(r, col))]++;
        }
        for (int i = 0; i < feature.reference.length; i++) {
            feature.reference[i] /= Math.max(1, rows.length);
        }
    }

    @Override
    public synchronized void add(Map<String, String> row) {
        rows++;
        for (Feature f : features) {
            String v = row.get(f.name);
            f.live[f.bin(v)]++;
            if (f.numeric && v != null) {
                try {
                    double x = Double.parseDouble(v);
                    if (!Double.isNaN(x)) {
                        f.liveSum += x;
                        f.liveNumeric++;
                    }
                } catch (NumberFormatException e) {
                    // counted as missing above
                }
            }
        }
    }

    @Override
    public synchronized long rows() {
        return rows;
    }

    @Override
    public synchronized DriftSummary drift() {
        List<DriftSummary.FeatureDrift> out = new ArrayList<>();
        boolean judged = rows >= minRows;
        for (Feature f : features) {
            double psi = psi(f.reference, f.live, rows);
            out.add(new DriftSummary.FeatureDrift(f.name, f.numeric ? "numeric" : "categorical", psi,
                    judged && psi > threshold, f.referenceMean,
                    f.numeric && f.liveNumeric > 0 ? f.liveSum / f.liveNumeric : Double.NaN));
        }
        long drifted = out.stream().filter(DriftSummary.FeatureDrift::drifted).count();
        double share = out.isEmpty() ? 0 : (double) drifted / out.size();
        return new DriftSummary(rows, minRows, threshold, out, share, judged && share >= 0.5);
    }

    /** PSI = sum (a - e) ln(a / e) over bins, shares floored at 1e-4 so empty bins stay finite. */
    static double psi(double[] reference, long[] live, long rows) {
        if (rows == 0) {
            return 0;
        }
        double psi = 0;
        for (int i = 0; i < reference.length; i++) {
            double e = Math.max(reference[i], MIN_SHARE);
            double a = Math.max((double) live[i] / rows, MIN_SHARE);
            psi += (a - e) * Math.log(a / e);
        }
        return psi;
    }

    @Override
    public synchronized Map<String, Object> snapshot() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("windowStart", windowStart.toString());
        m.put("updatedAt", Instant.now().toString());
        m.put("rows", rows);
        m.put("drift", drift().toJson());
        Map<String, Object> per = new LinkedHashMap<>();
        for (Feature f : features) {
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("kind", f.numeric ? "numeric" : "categorical");
            if (f.numeric) {
                x.put("edges", f.edges);
            } else {
                x.put("categories", f.categories);
            }
            x.put("referenceShares", f.reference);
            x.put("liveCounts", f.live);
            per.put(f.name, x);
        }
        m.put("features", per);
        return m;
    }

    @Override
    public synchronized Map<String, Object> reset() {
        Map<String, Object> ended = snapshot();
        rows = 0;
        windowStart = Instant.now();
        for (Feature f : features) {
            f.live = new long[f.reference.length];
            f.liveSum = 0;
            f.liveNumeric = 0;
        }
        return ended;
    }
}

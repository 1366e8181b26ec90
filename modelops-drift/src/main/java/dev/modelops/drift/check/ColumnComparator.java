package dev.modelops.drift.check;

import dev.modelops.drift.profile.CategoryCounts;
import dev.modelops.drift.profile.ColumnKind;
import dev.modelops.drift.profile.ColumnProfile;
import dev.modelops.drift.profile.NumericSummary;
import dev.modelops.drift.stats.EmpiricalDistribution;
import dev.modelops.drift.stats.TwoSampleTests;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;

/**
 * Judges one column of new data against the same column of the reference profile.
 *
 * <p>Default ({@code auto}) rule. The primary test follows Evidently: with at most
 * {@code small_reference_rows} reference values, KS for numeric columns with more than five
 * distinct values, chi-square for categorical ones and the z-test for two-valued ones; with a
 * larger reference, the normed Wasserstein distance for numeric and Jensen-Shannon for categorical
 * columns. Because p-values flag negligible shifts on large samples and distances are noisy on
 * small ones, a column drifts only when <em>both</em> hold: its effect size (normed Wasserstein,
 * or Jensen-Shannon distance) reaches {@code threshold}, and the p-value of its statistical test
 * (KS, chi-square or z-test) is below {@code 1 - confidence}. An explicit method decides alone.
 *
 * <p>KS and Wasserstein are computed between step CDFs: exact where the profile kept exact value
 * counts, otherwise from the KLL sketch's sorted view, so each CDF value carries at most the
 * sketch's rank error (0.14% at k = 2000) and KS D at most the sum of both sides' errors. A
 * sketched side's p-value counts at most as many observations as its sketch resolves
 * ({@link dev.modelops.drift.stats.EmpiricalDistribution#ofSketch}), so sketch error never
 * passes for a significant shift.
 */
public final class ColumnComparator {
    private static final int DISCRETE_MAX_VALUES = 5;

    private ColumnComparator() {
    }

    public static ColumnDrift compare(ColumnProfile ref, ColumnProfile cur, DriftSettings settings) {
        DriftSettings.ColumnRule rule = settings.column(ref.name());
        long refN = ref.count();
        long curN = cur.count();
        double refMissing = share(ref.missing(), ref.missing() + refN);
        double curMissing = share(cur.missing(), cur.missing() + curN);
        Base base = new Base(ref.name(), ref.role().jsonName(), refN, curN, refMissing, curMissing);
        if (refN == 0) {
            return base.skip(ref.kind() == ColumnKind.NUMERIC ? "numeric" : "categorical", "the reference has no values");
        }
        if (curN == 0) {
            return base.skip(ref.kind() == ColumnKind.NUMERIC ? "numeric" : "categorical",
                    cur.missing() > 0 ? "every current value is missing" : "the current data has no values of this column");
        }
        if (ref.kind() == ColumnKind.NUMERIC) {
            NumericSummary r = ref.numeric();
            NumericSummary c = cur.numeric();
            double[] discrete = discreteValues(r, c);
            if (discrete != null) {
                long[] rc = counts(r, discrete);
                long[] cc = counts(c, discrete);
                List<String> labels = java.util.Arrays.stream(discrete).mapToObj(ColumnComparator::label).toList();
                return categorical(base, "discrete", labels, rc, cc, rule, settings, numericExtras(r, c));
            }
            return numeric(base, r, c, rule, settings);
        }
        CategoryCounts r = ref.categories();
        CategoryCounts c = cur.categories();
        TreeSet<String> union = new TreeSet<>(r.counts().keySet());
        union.addAll(c.counts().keySet());
        List<String> categories = List.copyOf(union);
        long[] rc = new long[categories.size()];
        long[] cc = new long[categories.size()];
        for (int k = 0; k < categories.size(); k++) {
            rc[k] = r.count(categories.get(k));
            cc[k] = c.count(categories.get(k));
        }
        if (rule.method().numericOnly()) {
            return base.skip("categorical", rule.method().yamlName() + " needs a numeric column");
        }
        return categorical(base, "categorical", categories, rc, cc, rule, settings, null);
    }

    /** Statistics shared by every verdict, filled as they are computed. */
    private record Base(String column, String role, long refN, long curN, double refMissing, double curMissing) {
        ColumnDrift skip(String type, String why) {
            return new ColumnDrift(column, role, type, null, null, null, null, null, null, null, null, null, null, null,
                    null, null, null, null, null, null, refN, curN, refMissing, curMissing, null, null, true, false, why,
                    "not judged: " + why, null);
        }
    }

    /**
     * The verdict of a column's primary test.
     *
     * @param primary the test's name
     * @param statistic its value (a distance, or a p-value)
     * @param threshold the value it is judged against
     * @param drift whether the column drifted
     * @param reason one sentence saying why
     */
    private record Judgement(String primary, double statistic, double threshold, boolean drift, String reason) {
        /** A distance that drifts at or above its threshold (the rule's, else the default). */
        static Judgement distance(String primary, String label, double value, Double ruleThreshold, double threshold) {
            double t = ruleThreshold != null ? ruleThreshold : threshold;
            return new Judgement(primary, value, t, value >= t, ColumnComparator.distance(label, value, t));
        }

        /** A p-value that drifts below its threshold (the rule's, else 1 - confidence). */
        static Judgement pValue(String primary, String label, double p, Double ruleThreshold, double alpha) {
            double t = ruleThreshold != null ? ruleThreshold : alpha;
            return new Judgement(primary, p, t, p < t, pOnly(label, p, t));
        }

        Judgement withReasonSuffix(String suffix) {
            return new Judgement(primary, statistic, threshold, drift, reason + suffix);
        }
    }

    private record NumericExtras(double ksD, double ksP, double w, double wNormed, double refMean, double curMean,
                                 boolean exact) {
    }

    private static NumericExtras numericExtras(NumericSummary r, NumericSummary c) {
        EmpiricalDistribution rd = r.distribution();
        EmpiricalDistribution cd = c.distribution();
        TwoSampleTests.Ks ks = TwoSampleTests.ks(rd, cd);
        double w = TwoSampleTests.wasserstein(rd, cd);
        double wn = w / Math.max(r.populationStd(), 0.001);
        return new NumericExtras(ks.statistic(), ks.pValue(), w, wn, r.mean(), c.mean(), rd.exact() && cd.exact());
    }

    private static ColumnDrift numeric(Base b, NumericSummary r, NumericSummary c, DriftSettings.ColumnRule rule,
                                       DriftSettings s) {
        NumericExtras x = numericExtras(r, c);
        EmpiricalDistribution rd = r.distribution();
        EmpiricalDistribution cd = c.distribution();
        double[] edges = TwoSampleTests.equalWidthEdges(Math.min(r.min(), c.min()), Math.max(r.max(), c.max()), s.bins());
        double[] rs = rd.binShares(edges);
        double[] cs = cd.binShares(edges);
        double psi = TwoSampleTests.psi(rs, cs);
        double js = TwoSampleTests.jensenShannon(rs, cs);
        List<String> labels = new ArrayList<>();
        List<Double> edgeList = new ArrayList<>();
        for (int k = 0; k < edges.length; k++) {
            edgeList.add(edges[k]);
            if (k + 1 < edges.length) {
                labels.add(fmt(edges[k]) + "-" + fmt(edges[k + 1]));
            }
        }
        ColumnDrift.Histogram h = new ColumnDrift.Histogram(labels, edgeList, boxed(rs), boxed(cs));
        double alpha = s.alpha();
        DriftMethod method = rule.method();
        String effectName = "wasserstein_normed";
        double effectThreshold = rule.threshold() != null && method == DriftMethod.AUTO ? rule.threshold() : s.threshold();
        Judgement j = switch (method) {
            case AUTO -> {
                boolean small = b.refN() <= s.smallReferenceRows();
                yield new Judgement(small ? "ks" : "wasserstein", small ? x.ksP() : x.wNormed(),
                        small ? alpha : effectThreshold, x.wNormed() >= effectThreshold && x.ksP() < alpha,
                        both("normed Wasserstein", x.wNormed(), effectThreshold, "KS", x.ksP(), alpha));
            }
            case KS -> Judgement.pValue("ks", "KS", x.ksP(), rule.threshold(), alpha)
                    .withReasonSuffix(String.format(Locale.ROOT, " (D %.4f)", x.ksD()));
            case WASSERSTEIN -> Judgement.distance("wasserstein", "normed Wasserstein", x.wNormed(), rule.threshold(),
                    s.threshold());
            case PSI -> Judgement.distance("psi", "PSI", psi, rule.threshold(), s.psiThreshold());
            case JENSEN_SHANNON -> Judgement.distance("jensenshannon", "Jensen-Shannon", js, rule.threshold(),
                    s.threshold());
            case CHI_SQUARE -> Judgement.pValue("chisquare", "chi-square (binned)",
                    TwoSampleTests.chiSquarePValue(binCounts(rs, b.refN()), binCounts(cs, b.curN())), rule.threshold(),
                    alpha);
            default -> null;
        };
        if (j == null) {
            return b.skip("numeric", method.yamlName() + " needs a column with two values");
        }
        return new ColumnDrift(b.column(), b.role(), "numeric", j.primary(), j.statistic(), j.threshold(), effectName,
                x.wNormed(), effectThreshold, "ks", x.ksP(), alpha, psi, x.ksD(), x.ksP(), x.w(), x.wNormed(), js, null,
                null, b.refN(), b.curN(), b.refMissing(), b.curMissing(), x.refMean(), x.curMean(), x.exact(),
                j.drift(), null, j.reason(), h);
    }

    private static ColumnDrift categorical(Base b, String type, List<String> categories, long[] rc, long[] cc,
                                           DriftSettings.ColumnRule rule, DriftSettings s, NumericExtras numeric) {
        double[] rs = shares(rc);
        double[] cs = shares(cc);
        double psi = TwoSampleTests.psi(rs, cs);
        double js = TwoSampleTests.jensenShannon(rs, cs);
        double chiP = TwoSampleTests.chiSquarePValue(rc, cc);
        boolean binary = categories.size() <= 2;
        Double zP = null;
        if (binary) {
            zP = TwoSampleTests.proportionsZTestPValue(rc[0], sum(rc), cc[0], sum(cc));
        }
        double alpha = s.alpha();
        DriftMethod method = rule.method();
        double effectThreshold = rule.threshold() != null && method == DriftMethod.AUTO ? rule.threshold() : s.threshold();
        String pTest = binary ? "ztest" : "chisquare";
        double p = binary ? zP : chiP;
        if (method == DriftMethod.KS || method == DriftMethod.WASSERSTEIN) {
            // only reached for discrete numeric columns judged by an explicit numeric method
            return numeric(b, rule, s, numeric, categories, rc, cc);
        }
        if (method == DriftMethod.Z_TEST && !binary) {
            return b.skip(type, "ztest needs a column with two values; it has " + categories.size());
        }
        Judgement j = switch (method) {
            case AUTO -> {
                boolean small = b.refN() <= s.smallReferenceRows();
                yield new Judgement(small ? pTest : "jensenshannon", small ? p : js, small ? alpha : effectThreshold,
                        js >= effectThreshold && p < alpha,
                        both("Jensen-Shannon", js, effectThreshold, binary ? "z-test" : "chi-square", p, alpha));
            }
            case PSI -> Judgement.distance("psi", "PSI", psi, rule.threshold(), s.psiThreshold());
            case JENSEN_SHANNON -> Judgement.distance("jensenshannon", "Jensen-Shannon", js, rule.threshold(),
                    s.threshold());
            case CHI_SQUARE -> Judgement.pValue("chisquare", "chi-square", chiP, rule.threshold(), alpha);
            case Z_TEST -> Judgement.pValue("ztest", "z-test", zP, rule.threshold(), alpha);
            default -> throw new IllegalStateException(method.name());
        };
        ColumnDrift.Histogram h = new ColumnDrift.Histogram(categories, null, boxed(rs), boxed(cs));
        return new ColumnDrift(b.column(), b.role(), type, j.primary(), j.statistic(), j.threshold(), "jensenshannon", js,
                effectThreshold, pTest, p, alpha, psi, numeric == null ? null : numeric.ksD(),
                numeric == null ? null : numeric.ksP(), numeric == null ? null : numeric.w(),
                numeric == null ? null : numeric.wNormed(), js, chiP, zP, b.refN(), b.curN(), b.refMissing(),
                b.curMissing(), numeric == null ? null : numeric.refMean(), numeric == null ? null : numeric.curMean(),
                true, j.drift(), null, j.reason(), h);
    }

    /** A discrete numeric column judged by KS or Wasserstein explicitly. */
    private static ColumnDrift numeric(Base b, DriftSettings.ColumnRule rule, DriftSettings s, NumericExtras x,
                                       List<String> categories, long[] rc, long[] cc) {
        double[] rs = shares(rc);
        double[] cs = shares(cc);
        boolean ks = rule.method() == DriftMethod.KS;
        double statistic = ks ? x.ksP() : x.wNormed();
        double threshold = rule.threshold() != null ? rule.threshold() : ks ? s.alpha() : s.threshold();
        boolean drift = ks ? statistic < threshold : statistic >= threshold;
        String reason = ks ? pOnly("KS", statistic, threshold) : distance("normed Wasserstein", statistic, threshold);
        double js = TwoSampleTests.jensenShannon(rs, cs);
        return new ColumnDrift(b.column(), b.role(), "discrete", rule.method().yamlName(), statistic, threshold,
                "wasserstein_normed", x.wNormed(), s.threshold(), "ks", x.ksP(), s.alpha(), TwoSampleTests.psi(rs, cs),
                x.ksD(), x.ksP(), x.w(), x.wNormed(), js, TwoSampleTests.chiSquarePValue(rc, cc), null, b.refN(),
                b.curN(), b.refMissing(), b.curMissing(), x.refMean(), x.curMean(), x.exact(), drift, null, reason,
                new ColumnDrift.Histogram(categories, null, boxed(rs), boxed(cs)));
    }

    /**
     * The distinct values of a numeric column in either profile, when there are at most five of
     * them in total (Evidently then treats the column as categorical); null otherwise.
     */
    static double[] discreteValues(NumericSummary r, NumericSummary c) {
        if (!r.hasExactValues() || !c.hasExactValues()) {
            return null;
        }
        TreeSet<Double> union = new TreeSet<>();
        for (double v : r.exactValuesSorted()) {
            union.add(v);
        }
        for (double v : c.exactValuesSorted()) {
            union.add(v);
        }
        if (union.size() > DISCRETE_MAX_VALUES) {
            return null;
        }
        return union.stream().mapToDouble(Double::doubleValue).toArray();
    }

    private static long[] counts(NumericSummary s, double[] values) {
        double[] v = s.exactValuesSorted();
        long[] c = s.exactCounts();
        long[] out = new long[values.length];
        for (int k = 0; k < values.length; k++) {
            int i = java.util.Arrays.binarySearch(v, values[k]);
            out[k] = i >= 0 ? c[i] : 0;
        }
        return out;
    }

    private static String label(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? String.valueOf((long) v) : Double.toString(v);
    }

    private static long[] binCounts(double[] shares, long n) {
        long[] out = new long[shares.length];
        for (int k = 0; k < shares.length; k++) {
            out[k] = Math.round(shares[k] * n);
        }
        return out;
    }

    private static double[] shares(long[] counts) {
        long total = sum(counts);
        double[] out = new double[counts.length];
        for (int k = 0; k < counts.length; k++) {
            out[k] = total == 0 ? 0 : (double) counts[k] / total;
        }
        return out;
    }

    private static long sum(long[] counts) {
        long t = 0;
        for (long c : counts) {
            t += c;
        }
        return t;
    }

    private static double share(long part, long whole) {
        return whole == 0 ? 0.0 : (double) part / whole;
    }

    private static List<Double> boxed(double[] values) {
        List<Double> out = new ArrayList<>(values.length);
        for (double v : values) {
            out.add(v);
        }
        return out;
    }

    private static String both(String effectName, double effect, double effectThreshold, String test, double p,
                               double alpha) {
        boolean big = effect >= effectThreshold;
        boolean significant = p < alpha;
        return String.format(Locale.ROOT, "%s %.4f %s %s and %s p %s %s %s", effectName, effect, big ? ">=" : "<",
                fmt(effectThreshold), test, p(p), significant ? "<" : ">=", fmt(alpha));
    }

    private static String distance(String name, double value, double threshold) {
        return String.format(Locale.ROOT, "%s %.4f %s %s", name, value, value >= threshold ? ">=" : "<", fmt(threshold));
    }

    private static String pOnly(String test, double p, double threshold) {
        return String.format(Locale.ROOT, "%s p %s %s %s", test, p(p), p < threshold ? "<" : ">=", fmt(threshold));
    }

    /** A p-value for people: 4 decimals, scientific below 0.0001, "<1e-16" where it underflowed. */
    public static String p(double p) {
        if (p == 0) {
            return "<1e-16";
        }
        return p < 0.0001 ? String.format(Locale.ROOT, "%.2e", p) : String.format(Locale.ROOT, "%.4f", p);
    }

    /** A threshold as people write it: 0.1, 0.05, 1000. */
    public static String fmt(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return String.valueOf((long) v);
        }
        return new java.math.BigDecimal(String.format(Locale.ROOT, "%.4g", v)).stripTrailingZeros().toPlainString();
    }
}

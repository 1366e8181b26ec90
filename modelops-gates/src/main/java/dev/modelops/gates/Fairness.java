package dev.modelops.gates;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Group fairness of a classifier's predictions by a protected attribute, with AIF360's
 * definitions (ClassificationMetric), the unprivileged group being every row whose attribute is
 * not a privileged value:
 * <ul>
 *   <li>disparate impact = P(ŷ = fav | unprivileged) / P(ŷ = fav | privileged)</li>
 *   <li>statistical parity difference = P(ŷ = fav | unprivileged) − P(ŷ = fav | privileged)</li>
 *   <li>equal opportunity difference = TPR(unprivileged) − TPR(privileged)</li>
 *   <li>average odds difference = ½ [(FPR_u − FPR_p) + (TPR_u − TPR_p)]</li>
 * </ul>
 * A metric over a group smaller than the minimum (or over too few actual positives or negatives
 * for a rate) is NaN with the reason, so the gate calls it inconclusive instead of passing or
 * crashing on an empty group. Every group is also compared with the privileged one on its own,
 * for the per-group breakdown.
 */
public final class Fairness {
    public static final String DISPARATE_IMPACT = "disparate_impact";
    public static final String STATISTICAL_PARITY_DIFFERENCE = "statistical_parity_difference";
    public static final String EQUAL_OPPORTUNITY_DIFFERENCE = "equal_opportunity_difference";
    public static final String AVERAGE_ODDS_DIFFERENCE = "average_odds_difference";
    public static final List<String> METRICS = List.of(DISPARATE_IMPACT, STATISTICAL_PARITY_DIFFERENCE,
            EQUAL_OPPORTUNITY_DIFFERENCE, AVERAGE_ODDS_DIFFERENCE);
    /** The group name used for rows whose protected attribute is missing; they join neither side. */
    public static final String MISSING_GROUP = "(missing)";

    private Fairness() {
    }

    /**
     * Computes the fairness report of predictions.
     *
     * @param attribute the protected attribute's name
     * @param privileged its privileged value(s)
     * @param favorable the favourable label
     * @param minGroupSize the fewest rows a compared group (and positives/negatives for a rate) may have
     * @param groups each row's attribute value (null when missing)
     * @param actual each row's true label
     * @param predicted each row's predicted label
     */
    public static FairnessReport compute(String attribute, List<String> privileged, String favorable, int minGroupSize,
                                         String[] groups, String[] actual, String[] predicted) {
        if (groups.length != actual.length || actual.length != predicted.length) {
            throw new IllegalArgumentException("groups, actual and predicted differ in length");
        }
        Map<String, Counts> byGroup = new TreeMap<>();
        Counts priv = new Counts();
        Counts unpriv = new Counts();
        int missing = 0;
        for (int i = 0; i < groups.length; i++) {
            String g = groups[i];
            boolean fav = Objects.equals(predicted[i], favorable);
            boolean pos = Objects.equals(actual[i], favorable);
            if (g == null) {
                missing++;
                byGroup.computeIfAbsent(MISSING_GROUP, k -> new Counts()).add(pos, fav);
                continue;
            }
            byGroup.computeIfAbsent(g, k -> new Counts()).add(pos, fav);
            (privileged.contains(g) ? priv : unpriv).add(pos, fav);
        }
        List<GroupStats> stats = new ArrayList<>();
        for (Map.Entry<String, Counts> e : byGroup.entrySet()) {
            boolean isPriv = privileged.contains(e.getKey());
            boolean isMissing = MISSING_GROUP.equals(e.getKey()) && missing > 0;
            Counts c = e.getValue();
            Comparison vsPriv = isMissing ? Comparison.none() : compare(c, priv, minGroupSize);
            stats.add(c.stats(e.getKey(), isMissing ? "excluded" : isPriv ? "privileged" : "unprivileged", vsPriv));
        }
        Comparison pooled = compare(unpriv, priv, minGroupSize);
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put(DISPARATE_IMPACT, Numbers.orNull(pooled.di));
        metrics.put(STATISTICAL_PARITY_DIFFERENCE, Numbers.orNull(pooled.spd));
        metrics.put(EQUAL_OPPORTUNITY_DIFFERENCE, Numbers.orNull(pooled.eod));
        metrics.put(AVERAGE_ODDS_DIFFERENCE, Numbers.orNull(pooled.aod));
        return new FairnessReport(attribute, privileged, favorable, minGroupSize, stats,
                priv.stats("privileged", "privileged", compare(priv, priv, minGroupSize)),
                unpriv.stats("unprivileged", "unprivileged", pooled), metrics, pooled.why, missing);
    }

    private static Comparison compare(Counts u, Counts p, int min) {
        Map<String, String> why = new LinkedHashMap<>();
        double su = u.selectionRate();
        double sp = p.selectionRate();
        double di = Double.NaN;
        double spd = Double.NaN;
        String sizes = "unprivileged group has " + u.n + " rows, privileged group " + p.n + " (minimum " + min + ")";
        if (u.n < min || p.n < min) {
            why.put(DISPARATE_IMPACT, sizes);
            why.put(STATISTICAL_PARITY_DIFFERENCE, sizes);
        } else {
            spd = su - sp;
            if (p.favorable == 0) {
                why.put(DISPARATE_IMPACT, "the privileged group has no favourable predictions, so the ratio is undefined");
            } else {
                di = su / sp;
            }
        }
        double eod = Double.NaN;
        double aod = Double.NaN;
        String positives = "actual positives: unprivileged " + u.positives + ", privileged " + p.positives + " (minimum " + min + ")";
        String negatives = "actual negatives: unprivileged " + u.negatives() + ", privileged " + p.negatives() + " (minimum " + min + ")";
        if (u.positives < min || p.positives < min) {
            why.put(EQUAL_OPPORTUNITY_DIFFERENCE, "too few for a true positive rate: " + positives);
            why.put(AVERAGE_ODDS_DIFFERENCE, "too few for a true positive rate: " + positives);
        } else {
            eod = u.tpr() - p.tpr();
            if (u.negatives() < min || p.negatives() < min) {
                why.put(AVERAGE_ODDS_DIFFERENCE, "too few for a false positive rate: " + negatives);
            } else {
                aod = 0.5 * ((u.fpr() - p.fpr()) + (u.tpr() - p.tpr()));
            }
        }
        return new Comparison(di, spd, eod, aod, why);
    }

    private record Comparison(double di, double spd, double eod, double aod, Map<String, String> why) {
        static Comparison none() {
            return new Comparison(Double.NaN, Double.NaN, Double.NaN, Double.NaN, Map.of());
        }
    }

    /** Confusion counts of one group. */
    private static final class Counts {
        int n;
        int positives;
        int favorable;
        int truePositives;
        int falsePositives;

        void add(boolean actualPositive, boolean predictedFavorable) {
            n++;
            if (actualPositive) {
                positives++;
            }
            if (predictedFavorable) {
                favorable++;
                if (actualPositive) {
                    truePositives++;
                } else {
                    falsePositives++;
                }
            }
        }

        int negatives() {
            return n - positives;
        }

        double selectionRate() {
            return n == 0 ? Double.NaN : (double) favorable / n;
        }

        double tpr() {
            return positives == 0 ? Double.NaN : (double) truePositives / positives;
        }

        double fpr() {
            return negatives() == 0 ? Double.NaN : (double) falsePositives / negatives();
        }

        GroupStats stats(String name, String role, Comparison vsPrivileged) {
            return new GroupStats(name, role, n, favorable, positives, truePositives, falsePositives,
                    Numbers.orNull(selectionRate()), Numbers.orNull(tpr()), Numbers.orNull(fpr()),
                    Numbers.orNull(vsPrivileged.di), Numbers.orNull(vsPrivileged.spd), Numbers.orNull(vsPrivileged.eod),
                    Numbers.orNull(vsPrivileged.aod));
        }
    }
}

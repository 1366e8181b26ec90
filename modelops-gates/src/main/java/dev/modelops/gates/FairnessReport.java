package dev.modelops.gates;

import java.util.List;
import java.util.Map;

/**
 * The fairness breakdown of one protected attribute: every group with its size and rates, the
 * pooled privileged and unprivileged groups, and the four AIF360 metrics with, for each that
 * could not be computed, the reason.
 *
 * @param attribute the protected attribute
 * @param privileged its privileged value(s)
 * @param favorable the favourable label
 * @param minGroupSize the smallest group judged
 * @param groups one entry per attribute value, sorted by value
 * @param privilegedPool all privileged rows together
 * @param unprivilegedPool all other rows with a value
 * @param metrics the pooled metrics (NaN when undefined)
 * @param inconclusive why a metric is NaN, by metric
 * @param missingAttribute rows whose attribute was missing (in neither pool)
 */
public record FairnessReport(String attribute, List<String> privileged, String favorable, int minGroupSize,
                             List<GroupStats> groups, GroupStats privilegedPool, GroupStats unprivilegedPool,
                             Map<String, Double> metrics, Map<String, String> inconclusive, int missingAttribute) {
    public FairnessReport {
        privileged = List.copyOf(privileged);
        groups = List.copyOf(groups);
        metrics = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(metrics));
        inconclusive = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(inconclusive));
    }

    /** A metric's value, NaN when undefined. */
    public double metric(String name) {
        Double v = metrics.get(name);
        return v == null ? Double.NaN : v;
    }
}

package dev.modelops.lineage.query;

/**
 * A metric of two model versions and how it moved.
 *
 * @param metric the metric's name
 * @param before value for the older version, or null if it was not measured
 * @param after value for the newer version, or null if it was not measured
 */
public record MetricDelta(String metric, Double before, Double after) {
    /** {@code after - before}, or null when either is missing. */
    public Double delta() {
        return before == null || after == null ? null : after - before;
    }
}

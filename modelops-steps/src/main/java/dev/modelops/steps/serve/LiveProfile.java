package dev.modelops.steps.serve;

import java.util.Map;

/**
 * The seam between the model server and drift monitoring: every request's raw feature values are
 * added here, and the server asks for a drift summary against the model's training data and for
 * a JSON snapshot to persist. {@link BinnedLiveProfile} is the built-in implementation; the drift
 * module's mergeable profiles can take its place behind this interface.
 */
public interface LiveProfile {
    /** Adds one request's features (column name to raw value; null or absent means missing). */
    void add(Map<String, String> row);

    /** Rows added so far. */
    long rows();

    /** Drift of the rows added so far against the reference. */
    DriftSummary drift();

    /** A JSON-able snapshot (reference, live counts and the drift summary). */
    Map<String, Object> snapshot();

    /** Starts a new window; returns the snapshot of the one that ended. */
    Map<String, Object> reset();
}
